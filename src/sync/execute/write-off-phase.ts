/**
 * Planning a page of write-offs (plan/plan-write-off.ts) with what the planner needs from Xero:
 * each written-off invoice's client, currency and what it still owes, read just before planning
 * (one read per 50 invoices of the page) — after this pass's payments and allocations, so the
 * amount due is the one the credit note will be allocated against.
 *
 * @module
 */
import { toUnits, type WriteOffDoc } from '../../ledger/index.js';
import { readByIds } from '../../xero/reader.js';
import { text } from '../../xero/wire.js';
import type { Operation } from '../plan/operation.js';
import type { LinkInfo, PlanContext } from '../plan/plan-input.js';
import { planWriteOff, type XeroInvoiceFacts } from '../plan/plan-write-off.js';
import type { Candidate } from './candidates.js';
import type { Dependencies } from './phases.js';
import type { RunContext } from './run-context.js';

/** What a dry run's planned-but-not-created invoice is linked to (phases.ts plannedLinks). */
const TO_BE_CREATED = '(to be created)';

export function writeOffPlanner(
  rc: RunContext,
  ctx: PlanContext,
  dependencies: Dependencies,
): (page: Candidate[]) => Promise<Operation[]> {
  return async (page) => {
    const docs = page.map((c) => c.document as WriteOffDoc);
    const links = await dependencies(
      'invoice',
      docs.map((d) => d.invoiceId),
    );
    const facts = await invoiceFacts(rc, links);
    return page.map((c, i) => {
      const doc = docs[i]!;
      const link = links.get(doc.invoiceId);
      const invoice =
        link?.xeroId === TO_BE_CREATED
          ? planned(link, doc)
          : link?.xeroId && link.state.removed !== true
            ? facts.get(link.xeroId)
            : undefined;
      return planWriteOff({ doc, hash: c.hash, deleted: c.deleted, link: c.link, invoice }, ctx);
    });
  };
}

/** The invoices as Xero has them now, by Xero id (voided and deleted ones left out). */
async function invoiceFacts(
  rc: RunContext,
  links: ReadonlyMap<string, LinkInfo>,
): Promise<Map<string, XeroInvoiceFacts>> {
  const ids = [...links.values()]
    .map((l) => l.xeroId)
    .filter((id): id is string => Boolean(id) && id !== TO_BE_CREATED);
  if (ids.length === 0) return new Map();
  const invoices = await readByIds(rc.api, rc.tenantId, 'Invoices', [...new Set(ids)]);
  return new Map(
    invoices
      .filter((i) => i.Status !== 'VOIDED' && i.Status !== 'DELETED')
      .map((i) => [
        text(i.InvoiceID),
        {
          xeroId: text(i.InvoiceID),
          contactId: text((i.Contact as Record<string, unknown> | undefined)?.ContactID),
          currency: text(i.CurrencyCode),
          amountDueUnits: toUnits(typeof i.AmountDue === 'number' ? String(i.AmountDue) : '0'),
          status: text(i.Status),
        },
      ]),
  );
}

/** A dry run's invoice that would be created first: it will owe at least this write-off. */
function planned(link: LinkInfo, doc: WriteOffDoc): XeroInvoiceFacts {
  return {
    xeroId: TO_BE_CREATED,
    contactId: TO_BE_CREATED,
    currency: typeof link.state.currency === 'string' ? link.state.currency : '',
    amountDueUnits: toUnits(doc.amount),
    status: 'AUTHORISED',
  };
}
