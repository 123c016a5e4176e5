/**
 * Planning one bad-debt write-off (FEATURES P9): an ACCREC credit note with one line to the
 * bad-debt account, for the invoice's client and in its currency, later allocated to the invoice
 * (allocation-phase.ts). An edit takes the allocation back first (Xero will not edit an allocated
 * credit note, reference §6), changes the credit note, and allocates again; a deletion takes it
 * back and voids the credit note. A write-off larger than what the invoice still owes in Xero is
 * refused before anything is sent: a credit note Xero could not allocate would stand as credit
 * the client never had. Pure.
 *
 * @module
 */
import { documentLabel, formatUnits, toUnits, type WriteOffDoc } from '../../ledger/index.js';
import type { XeroCreditNote } from '../../xero/xero-types.js';
import { wireNumber } from '../../xero/xero-types.js';
import { documentDate } from '../map/invoice-payload.js';
import { referenceFor } from '../map/references.js';
import { reject, skip, type Operation, type OperationBase } from './operation.js';
import { doneAllocations } from './plan-allocations.js';
import { payloadHash } from './payload-hash.js';
import type { LinkInfo, PlanContext } from './plan-input.js';

/** The written-off invoice as Xero has it now (read just before planning). */
export interface XeroInvoiceFacts {
  readonly xeroId: string;
  readonly contactId: string;
  readonly currency: string;
  /** What the invoice still owes, in units of 1/10,000 (decimal.ts). */
  readonly amountDueUnits: bigint;
  readonly status: string;
}

export interface WriteOffPlanInput {
  readonly doc: WriteOffDoc;
  readonly hash: string;
  readonly deleted: boolean;
  readonly link: LinkInfo | undefined;
  /** Undefined when the invoice is not in Xero (yet). */
  readonly invoice: XeroInvoiceFacts | undefined;
}

/** Reference of the credit note: how a lost create is found again (resolve-intents.ts). */
export const writeOffReference = (doc: Pick<WriteOffDoc, 'sourceId'>) =>
  referenceFor({ sourceId: doc.sourceId, reference: 'Write-off' });

export function planWriteOff(input: WriteOffPlanInput, ctx: PlanContext): Operation {
  const { doc, link } = input;
  const base: OperationBase = {
    key: { source: doc.source, kind: 'write_off', sourceId: doc.sourceId },
    version: input.hash,
    label: documentLabel(doc),
  };
  const linkedId = link?.state.removed === true ? undefined : (link?.xeroId ?? undefined);
  const takeBack = Object.values(doneAllocations(link)).map((a) => a.allocationId);
  if (input.deleted || doc.status !== 'active') {
    if (!linkedId) return skip(base, 'write_off', 'deleted in the PMS and not in Xero');
    return { ...base, op: 'void', kind: 'write_off', xeroId: linkedId, status: 'VOIDED', takeBack };
  }
  const invoice = input.invoice;
  if (!invoice)
    return reject(base, 'write_off', {
      code: 'LB_SYNC_BLOCKED',
      message: `Waits on invoice ${doc.invoiceId}, which is not in Xero yet`,
      fix: 'Fix the invoice’s own sync error (`ledgerbridge errors`); the write-off follows on the next run.',
    });
  const built = buildPayload(doc, invoice, ctx);
  if (!built.ok) return reject(base, 'write_off', built);
  if (linkedId && link!.state.payloadHash === payloadHash(built.payload))
    return skip(base, 'write_off', 'Xero already holds this version');
  const tooMuch = exceedsDue(doc, invoice, link);
  if (tooMuch) return reject(base, 'write_off', tooMuch);
  if (!linkedId) return { ...base, op: 'create', kind: 'write_off', payload: built.payload };
  return { ...base, op: 'update', kind: 'write_off', payload: built.payload, xeroId: linkedId, takeBack }; // prettier-ignore
}

type Built =
  { ok: true; payload: XeroCreditNote } | { ok: false; code: string; message: string; fix: string };

function buildPayload(doc: WriteOffDoc, invoice: XeroInvoiceFacts, ctx: PlanContext): Built {
  const account = ctx.mapping.badDebtAccount();
  if (!account.ok) return account;
  const tax = doc.taxCode === undefined ? undefined : ctx.mapping.taxType(doc.taxCode);
  if (tax && !tax.ok) return tax;
  const date = documentDate(doc.date, ctx.mapping, ctx.settings);
  if (!date.ok) return date;
  const description = [
    doc.description ?? `Bad debt written off: invoice ${doc.invoiceId}`,
    doc.reason,
  ]
    .filter(Boolean)
    .join(' — ');
  return {
    ok: true,
    payload: {
      Type: 'ACCRECCREDIT',
      Contact: { ContactID: invoice.contactId },
      Reference: writeOffReference(doc),
      Date: date.value,
      Status: 'AUTHORISED',
      // With a tax code the amount written off includes its tax (bad-debt relief reclaims it).
      LineAmountTypes: tax?.value ? 'Inclusive' : 'NoTax',
      ...(invoice.currency && { CurrencyCode: invoice.currency }),
      LineItems: [
        {
          Description: description.slice(0, 4000),
          Quantity: 1,
          UnitAmount: wireNumber(doc.amount),
          AccountCode: account.value,
          ...(tax?.value && { TaxType: tax.value }),
        },
      ],
    },
  };
}

/** More than the invoice owes, counting back what this write-off already allocated to it. */
function exceedsDue(
  doc: WriteOffDoc,
  invoice: XeroInvoiceFacts,
  link: LinkInfo | undefined,
): { code: string; message: string; fix: string } | undefined {
  const already = doneAllocations(link)[doc.invoiceId];
  const owed = invoice.amountDueUnits + (already ? toUnits(already.amount) : 0n);
  if (toUnits(doc.amount) <= owed) return undefined;
  return {
    code: 'LB_SYNC_WRITE_OFF_EXCEEDS_DUE',
    message: `writes off ${doc.amount} but invoice ${doc.invoiceId} owes only ${formatUnits(owed, 2)} in Xero`,
    fix: 'Write off no more than the invoice still owes: correct the write-off (or the payments recorded against the invoice) in the PMS; it is sent on the next run.',
  };
}
