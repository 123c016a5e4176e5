/**
 * Planning bank transactions, transfers and journals (FEATURES B1, B3, B4, B6). Pure.
 *
 * What Xero refuses, and so what is planned instead (reference §10, spec BankTransaction,
 * BankTransfer, ManualJournal):
 * - a reconciled bank transaction cannot be changed: the edit is a sync error naming what differs;
 * - a transfer cannot be changed at all through the API: an edit is a sync error with the fix;
 * - a bank transaction's type (RECEIVE / SPEND) stays as created: a change is a sync error;
 * - a posted journal cannot be deleted, only voided: a deletion voids it.
 *
 * @module
 */
import {
  documentLabel,
  type BankTransactionDoc,
  type BankTransferDoc,
  type JournalDoc,
  type TrustMovementDoc,
} from '../../ledger/index.js';
import {
  bankLinesTotal,
  bankTransactionPayload,
  bankTransferPayload,
  journalPayload,
} from '../map/bank-payloads.js';
import type { PayloadOutcome } from '../map/invoice-payload.js';
import { trustPayload } from '../map/trust-payload.js';
import type {
  XeroBankTransaction,
  XeroBankTransfer,
  XeroManualJournal,
} from '../../xero/xero-types.js';
import { payloadHash } from './payload-hash.js';
import { reject, skip, type Operation, type OperationBase } from './operation.js';
import { unchangedInXero, unseenByXero } from './plan-invoice.js';
import type { LinkInfo, PlanContext } from './plan-input.js';

type BankingDoc = BankTransactionDoc | BankTransferDoc | JournalDoc | TrustMovementDoc;

/** Kinds that are Xero bank transactions: a contact, a type, reconciled or not. */
const isTransaction = (kind: BankingDoc['kind']) =>
  kind === 'bank_transaction' || kind === 'trust_movement';

export interface BankingPlanInput<D extends BankingDoc = BankingDoc> {
  readonly doc: D;
  readonly hash: string;
  readonly deleted: boolean;
  readonly link: LinkInfo | undefined;
  /** The contact's link (bank transactions, trust movements: Xero requires a contact). */
  readonly contactLink?: LinkInfo | undefined;
}

export function planBanking(input: BankingPlanInput, ctx: PlanContext): Operation {
  const { doc, link } = input;
  const base: OperationBase = {
    key: { source: doc.source, kind: doc.kind, sourceId: doc.sourceId },
    version: input.hash,
    label: documentLabel(doc),
  };
  const linkedId = link?.xeroId ?? undefined;
  const betweenMatters = doc.kind === 'trust_movement' && doc.type === 'matter_transfer';
  if (input.deleted || doc.status !== 'active' || betweenMatters) {
    if (betweenMatters && !linkedId) return skip(base, doc.kind, BETWEEN_MATTERS, true);
    return planRemoval(base, doc.kind, linkedId, link);
  }
  const from = ctx.settings.bankingDateFrom;
  if (from && doc.date < from && !linkedId)
    return skip(base, doc.kind, `dated ${doc.date}, before bankingDateFrom ${from}`, false);
  const built = build(input, ctx);
  if (!built.ok) return reject(base, doc.kind, built);
  const payload = built.payload;
  const notes = built.movedFrom
    ? { notes: [`dated ${payload.Date} instead of ${built.movedFrom} (locked period)`] }
    : {};
  if (!linkedId)
    return { ...base, ...notes, op: 'create', kind: doc.kind, payload } as unknown as Operation;
  if (unseenByXero(link, payload) || link!.state.payloadHash === payloadHash(payload))
    return unchangedInXero(base, doc.kind, link!);
  if (doc.kind === 'bank_transfer')
    return reject(base, doc.kind, {
      code: 'LB_SYNC_TRANSFER_CHANGED',
      message: 'changed after it was sent, and Xero cannot change a bank transfer',
      fix: 'Delete the transfer in Xero, then run `ledgerbridge resync` for it: Ledgerbridge creates it again as the PMS now has it.',
    });
  const typeWas = link!.state.type;
  if (isTransaction(doc.kind) && typeWas && 'Type' in payload && typeWas !== payload.Type)
    return reject(base, doc.kind, {
      code: 'LB_SYNC_BANK_TYPE_CHANGED',
      message: `changed from ${TYPE_TEXT[payload.Type === 'SPEND' ? 'RECEIVE' : 'SPEND']} to ${TYPE_TEXT[payload.Type]} after it was sent, and Xero cannot change that`,
      fix: 'Delete the transaction in Xero, then run `ledgerbridge resync` for it: Ledgerbridge creates it again as the PMS now has it.',
    });
  if (isTransaction(doc.kind) && link!.state.isReconciled === true)
    return reject(base, doc.kind, {
      code: 'LB_SYNC_RECONCILED',
      message: `changed in the PMS (${differences(link!, payload).join('; ')}), but Xero has it reconciled`,
      fix: 'Unreconcile the transaction in Xero (Bank account → Reconciled transactions → Unreconcile) and run sync again, or undo the change in the PMS.',
    });
  return {
    ...base,
    ...notes,
    op: 'update',
    kind: doc.kind,
    payload,
    xeroId: linkedId,
  } as Operation;
}

/** A transfer between client ledgers: the trust bank does not move, so Xero is not told. */
const BETWEEN_MATTERS =
  'moves money between client ledgers only: the trust bank balance does not change, so nothing goes to Xero';

const TYPE_TEXT = { RECEIVE: 'money received', SPEND: 'money spent' } as const;

type Built = PayloadOutcome<XeroBankTransaction | XeroBankTransfer | XeroManualJournal>;

function build(input: BankingPlanInput, ctx: PlanContext): Built {
  const { doc } = input;
  if (doc.kind === 'bank_transfer') return bankTransferPayload(doc, ctx.mapping, ctx.settings);
  if (doc.kind === 'journal') return journalPayload(doc, ctx.mapping, ctx.settings);
  const contactId = input.contactLink?.xeroId;
  if (!contactId)
    return {
      ok: false,
      code: 'LB_SYNC_BLOCKED',
      message: `Waits on contact ${doc.contactId}, which is not in Xero yet`,
      fix: 'Fix the contact’s own sync error (`ledgerbridge errors`); this transaction follows on the next run.',
    };
  return doc.kind === 'trust_movement'
    ? trustPayload(doc, contactId, ctx.mapping, ctx.settings)
    : bankTransactionPayload(doc, contactId, ctx.mapping, ctx.settings);
}

function planRemoval(
  base: OperationBase,
  kind: BankingDoc['kind'],
  linkedId: string | undefined,
  link: LinkInfo | undefined,
): Operation {
  if (!linkedId || link?.state.removed === true)
    return skip(base, kind, 'deleted in the PMS and not in Xero');
  if (isTransaction(kind) && link?.state.isReconciled === true)
    return reject(base, kind, {
      code: 'LB_SYNC_RECONCILED',
      message: 'deleted in the PMS, but Xero has it reconciled and will not delete it',
      fix: 'Unreconcile the transaction in Xero and run sync again, or restore it in the PMS.',
    });
  const status = kind === 'journal' ? 'VOIDED' : 'DELETED';
  return { ...base, op: 'remove', kind, xeroId: linkedId, status };
}

/** "date 2026-11-04 → 2026-11-05; total 350.00 → 360.00": what an edit would change. */
function differences(link: LinkInfo, payload: { Date: string }): string[] {
  const was = link.state as { date?: unknown; total?: unknown };
  const now = payload as { Date: string; LineItems?: { Quantity: number; UnitAmount: number }[] };
  const out: string[] = [];
  if (typeof was.date === 'string' && was.date !== now.Date)
    out.push(`date ${was.date} → ${now.Date}`);
  const total = now.LineItems && bankLinesTotal(now.LineItems);
  if (typeof was.total === 'string' && total !== undefined && was.total !== total)
    out.push(`lines total ${was.total} → ${total}`);
  return out.length > 0 ? out : ['its lines, contact or reference'];
}
