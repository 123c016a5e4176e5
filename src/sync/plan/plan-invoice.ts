/**
 * Planning one invoice or credit note (FEATURES I1–I6, I9, I11). Pure.
 *
 * @module
 */
import { documentLabel, type CreditNote, type Invoice } from '../../ledger/index.js';
import { creditNotePayload, invoicePayload } from '../map/invoice-payload.js';
import { reject, skip, type Operation, type OperationBase } from './operation.js';
import { payloadHash } from './payload-hash.js';
import { xeroStatusOf, type LinkInfo, type PlanContext } from './plan-input.js';

export interface BilledPlanInput<D extends Invoice | CreditNote> {
  readonly doc: D;
  readonly hash: string;
  /** Removed from the source (a deletion marker or --full import). */
  readonly deleted: boolean;
  readonly link: LinkInfo | undefined;
  readonly contactLink: LinkInfo | undefined;
}

const PUSHED_LIKE = new Set(['AUTHORISED', 'PAID']);

export function planBilled<D extends Invoice | CreditNote>(
  input: BilledPlanInput<D>,
  ctx: PlanContext,
): Operation {
  const { doc, link } = input;
  const base: OperationBase = {
    key: { source: doc.source, kind: doc.kind, sourceId: doc.sourceId },
    version: input.hash,
    label: documentLabel(doc),
  };
  const linkedId = link?.xeroId ?? undefined;
  const xeroStatus = xeroStatusOf(link);
  if (input.deleted || doc.status === 'deleted' || doc.status === 'void')
    return planRemoval(input, base, linkedId, xeroStatus);
  const held = heldBack(input, base, ctx, linkedId, xeroStatus);
  if (held) return held;
  const contactId = input.contactLink!.xeroId!; // heldBack refused a document without one
  const common = { ...base, ...(linkedId && { xeroId: linkedId }) };
  const op = linkedId ? 'update' : 'create';
  // Xero cannot take an approved document back to draft: keep it approved.
  const keepApproved = Boolean(linkedId && xeroStatus && PUSHED_LIKE.has(xeroStatus));
  if (doc.kind === 'invoice') {
    const built = invoicePayload(doc, contactId, ctx.mapping, ctx.settings);
    if (!built.ok) return reject(base, doc.kind, built);
    const payload = keepApproved ? { ...built.payload, Status: 'AUTHORISED' as const } : built.payload; // prettier-ignore
    if (unseenByXero(link, payload)) return unchangedInXero(base, doc.kind, link!);
    return { ...common, ...notesOf(built), op, kind: 'invoice', payload };
  }
  const built = creditNotePayload(doc, contactId, ctx.mapping, ctx.settings);
  if (!built.ok) return reject(base, doc.kind, built);
  const payload = keepApproved ? { ...built.payload, Status: 'AUTHORISED' as const } : built.payload; // prettier-ignore
  if (unseenByXero(link, payload)) return unchangedInXero(base, doc.kind, link!);
  return { ...common, ...notesOf(built), op, kind: 'credit_note', payload };
}

/** A document deleted or voided in the PMS: void or delete it in Xero, or nothing to do. */
function planRemoval(
  input: BilledPlanInput<Invoice | CreditNote>,
  base: OperationBase,
  linkedId: string | undefined,
  xeroStatus: string | undefined,
): Operation {
  const { doc } = input;
  if (!linkedId)
    return skip(
      base,
      doc.kind,
      input.deleted || doc.status === 'deleted'
        ? 'deleted in the PMS and never pushed'
        : 'void and never pushed',
    );
  if (xeroStatus === 'VOIDED' || xeroStatus === 'DELETED')
    return skip(base, doc.kind, `already ${xeroStatus.toLowerCase()} in Xero`);
  const status = xeroStatus === 'DRAFT' || xeroStatus === 'SUBMITTED' ? 'DELETED' : 'VOIDED';
  return {
    ...base,
    op: status === 'DELETED' ? 'delete' : 'void',
    kind: doc.kind,
    xeroId: linkedId,
    status,
  };
}

/** Why a live document is not pushed this run (refused, locked, filtered, waiting), if it is not. */
function heldBack(
  input: BilledPlanInput<Invoice | CreditNote>,
  base: OperationBase,
  ctx: PlanContext,
  linkedId: string | undefined,
  xeroStatus: string | undefined,
): Operation | undefined {
  const { doc, link } = input;
  if (linkedId && (xeroStatus === 'VOIDED' || xeroStatus === 'DELETED'))
    return reject(base, doc.kind, {
      code: 'LB_SYNC_CANNOT_RESTORE',
      message: `Is ${doc.status.replace('_', ' ')} in the PMS but ${xeroStatus.toLowerCase()} in Xero`,
      fix: 'Xero cannot restore a voided or deleted document: issue it again in the PMS with a new number.',
    });
  if (linkedId && ctx.settings.lockPushed && link?.locked)
    return skip(base, doc.kind, 'pushed and locked: `ledgerbridge unlock` to re-push', false);
  const filtered = linkedId ? undefined : filterReason(doc, ctx);
  if (filtered) return skip(base, doc.kind, filtered);
  if (!input.contactLink?.xeroId)
    return reject(base, doc.kind, {
      code: 'LB_SYNC_BLOCKED',
      message: `Waits on its contact ${doc.contactId}, which is not in Xero yet`,
      fix: 'Fix the contact’s own sync error (`ledgerbridge errors`); this document follows on the next run.',
    });
  return undefined;
}

/**
 * A new version that Xero would not see — paid → awaiting payment when a payment is removed
 * (both AUTHORISED in Xero), a PMS-only field — costs no call: the version is recorded as pushed.
 * Without this, such an edit to a paid invoice would take the whole safe path for nothing.
 */
export function unseenByXero(link: LinkInfo | undefined, payload: unknown): boolean {
  // An unlocked link (`ledgerbridge unlock`) asks for the push whatever it holds.
  return Boolean(link?.xeroId && link.locked && link.state.payloadHash === payloadHash(payload));
}

export function unchangedInXero(
  base: OperationBase,
  kind: Operation['kind'],
  link: LinkInfo,
): Operation {
  return {
    ...base,
    op: 'skip',
    kind,
    reason: 'Xero already holds this version (nothing it shows changed)',
    remember: true,
    keep: { xeroId: link.xeroId!, state: link.state },
  };
}

function notesOf(built: {
  rounding: string | null;
  movedFrom?: string;
  payload: { Date: string };
}): { notes?: string[] } {
  const notes = [
    ...(built.rounding
      ? [`rounding line ${built.rounding} added so Xero's total equals the PMS total`]
      : []),
    ...(built.movedFrom
      ? [`dated ${built.payload.Date} instead of ${built.movedFrom} (locked period)`]
      : []),
  ];
  return notes.length > 0 ? { notes } : {};
}

/** Why a document that was never pushed stays out of Xero (statuses, dates, cut-off: I3–I5). */
function filterReason(doc: Invoice | CreditNote, ctx: PlanContext): string | undefined {
  const s = ctx.settings;
  const status =
    doc.kind === 'credit_note'
      ? doc.status === 'authorised'
        ? 'awaiting_payment'
        : doc.status
      : doc.status;
  if (!s.pushStatuses.includes(status))
    return `status ${doc.status} is not pushed (setting pushStatuses: ${s.pushStatuses.join(', ')})`;
  if (s.issueDateFrom && doc.issueDate < s.issueDateFrom)
    return `issued ${doc.issueDate}, before issueDateFrom ${s.issueDateFrom}`;
  if (s.issueDateTo && doc.issueDate > s.issueDateTo)
    return `issued ${doc.issueDate}, after issueDateTo ${s.issueDateTo}`;
  const created = doc.createdAt?.slice(0, 10) ?? doc.issueDate;
  if (s.createdAfter && created < s.createdAfter)
    return `created ${created}, before the cut-off createdAfter ${s.createdAfter}`;
  return undefined;
}
