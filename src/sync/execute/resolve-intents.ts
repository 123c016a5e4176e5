/**
 * Exactly once: an intent whose outcome was never recorded (a crash between sending and
 * recording, or Xero's answer lost) is resolved by looking its documents up in Xero — by the
 * number, reference or contact code we sent — before the planner may create anything again.
 * Found: linked as pushed. Not found: the intent is marked failed and the next push uses a new
 * attempt generation in its Idempotency-Key. Writes that are safe to repeat (updates, voids,
 * deletes) need no lookup: the planner simply plans them again.
 *
 * @module
 */
import {
  openIntents,
  settleIntent,
  type Intent,
  type IntentDocument,
} from '../../store/intents-repo.js';
import type { LinkWrite } from '../../store/links-repo.js';
import { findInvoicesByNumber, findWhereIn } from '../../xero/reader.js';
import { parseXeroDate } from '../../xero/xero-dates.js';
import { text } from '../../xero/wire.js';
import { emptyOutcomes, recordOutcomes } from './record.js';
import { lookUpBanking } from './resolve-banking.js';
import { lookUpOverpayments } from './resolve-overpayments.js';
import type { RunContext } from './run-context.js';

type Found = { xeroId: string; number?: string; state: Record<string, unknown> } | undefined;

/** Resolves every open intent of the organisation; returns how many were found applied. */
export async function resolveOpenIntents(rc: RunContext): Promise<number> {
  let found = 0;
  for (const intent of await openIntents(rc.db, rc.tenantId)) found += await resolveOne(rc, intent);
  return found;
}

export async function resolveIntent(rc: RunContext, intentId: number): Promise<number> {
  const intent = (await openIntents(rc.db, rc.tenantId)).find((i) => i.id === intentId);
  return intent ? resolveOne(rc, intent) : 0;
}

async function resolveOne(rc: RunContext, intent: Intent): Promise<number> {
  if (!intent.operation.startsWith('create-') && !intent.operation.startsWith('allocate')) {
    await settleIntent(rc.db, intent.id, 'resolved', { note: 'repeatable write: planned again' });
    return 0;
  }
  const outcomes = emptyOutcomes();
  const unknown = await notYetLinked(rc, intent.documents);
  const hits = await lookUpAll(rc, intent.operation, unknown);
  unknown.forEach((doc, i) => {
    const hit = hits[i];
    if (!hit) return;
    const link: LinkWrite = {
      source: doc.source,
      kind: doc.kind as LinkWrite['kind'],
      sourceId: doc.sourceId,
      tenantId: rc.tenantId,
      xeroId: hit.xeroId,
      ...(hit.number && { xeroNumber: hit.number }),
      pushedHash: doc.version,
      state: hit.state,
    };
    outcomes.links.push(link);
    outcomes.cleared.push(link);
    outcomes.audit.push({
      action: 'resolve-intent',
      source: doc.source,
      kind: doc.kind,
      sourceId: doc.sourceId,
      tenantId: rc.tenantId,
      xeroId: hit.xeroId,
      outcome: 'found-in-xero',
      detail: { intentId: intent.id, operation: intent.operation },
    });
  });
  const found = outcomes.links.length;
  // Not found means it did not land: a later push may create it (with a new attempt generation).
  await recordOutcomes(rc, outcomes, {
    id: intent.id,
    state: found > 0 || unknown.length < intent.documents.length ? 'resolved' : 'failed',
    outcome: { foundInXero: found, alreadyLinked: intent.documents.length - unknown.length },
  });
  rc.counts.resolved += found;
  return found;
}

/**
 * The intent's documents no link knows yet: one linked since (by an earlier look-up, or a pass
 * that resolved part of the batch) is never read from Xero again.
 */
async function notYetLinked(
  rc: RunContext,
  docs: readonly IntentDocument[],
): Promise<IntentDocument[]> {
  if (docs.length === 0) return [];
  const rows = await rc.db.query<{ kind: string; source_id: string; source: string }>(
    `SELECT l.source, l.kind, l.source_id FROM links l
     JOIN jsonb_to_recordset($2::jsonb) AS d(source text, kind text, "sourceId" text)
       ON l.source = d.source AND l.kind = d.kind AND l.source_id = d."sourceId"
     WHERE l.tenant_id = $1 AND l.xero_id IS NOT NULL`,
    [
      rc.tenantId,
      JSON.stringify(docs.map(({ source, kind, sourceId }) => ({ source, kind, sourceId }))),
    ],
  );
  const linked = new Set(rows.map((r) => `${r.source}\0${r.kind}\0${r.source_id}`));
  return docs.filter((d) => !linked.has(`${d.source}\0${d.kind}\0${d.sourceId}`));
}

/**
 * Each document of a lost batch looked up in Xero, the whole batch in one read where Xero allows
 * (issue 16: resolving 50 payments one by one cost 52 reads, most of a minute's allowance).
 */
async function lookUpAll(
  rc: RunContext,
  operation: string,
  docs: readonly IntentDocument[],
): Promise<Found[]> {
  if (docs.length === 0) return [];
  const banking = await lookUpBanking(rc, operation, docs);
  if (banking) return banking;
  const l = (d: IntentDocument, field: string) => d.lookup[field] ?? '';
  switch (operation) {
    case 'create-contacts': {
      const found = await inXero(
        rc,
        'Contacts',
        'ContactNumber',
        docs.map((d) => l(d, 'ContactNumber')),
      );
      return docs.map((d) =>
        first(found.get(l(d, 'ContactNumber')), 'ContactID', (c) => ({ xeroName: text(c.Name) })),
      );
    }
    case 'create-invoices':
      return lookUpBilled(rc, docs, 'Invoices', 'InvoiceNumber', 'InvoiceID');
    case 'create-credit-notes':
      return lookUpBilled(rc, docs, 'CreditNotes', 'CreditNoteNumber', 'CreditNoteID');
    case 'create-overpayments':
      return lookUpOverpayments(rc, docs);
    case 'create-refunds':
      return paymentsByReference(rc, docs, 'CreditID', creditIdOf, (id) => ({ creditXeroId: id }));
    case 'create-payments':
      return paymentsByReference(
        rc,
        docs,
        'InvoiceID',
        (p) => text((p.Invoice as Record<string, unknown> | undefined)?.InvoiceID),
        (_id, d) => ({ invoiceSourceId: d.lookup.invoiceSourceId ?? '' }),
      );
    default:
      return Promise.all(docs.map((d) => lookUpAllocation(rc, d)));
  }
}

/**
 * Payments (refunds among them) by the Reference we sent, each the one not deleted that pays the
 * document (`target`: its Xero id, read from the payment by `paid`) the intent names.
 */
async function paymentsByReference(
  rc: RunContext,
  docs: readonly IntentDocument[],
  target: string,
  paid: (payment: Record<string, unknown>) => string,
  state: (id: string, doc: IntentDocument) => Record<string, unknown>,
): Promise<Found[]> {
  const reference = (d: IntentDocument) => d.lookup.Reference ?? '';
  const found = await inXero(rc, 'Payments', 'Reference', docs.map(reference));
  return docs.map((d) => {
    const id = d.lookup[target] ?? '';
    const hits = found.get(reference(d))?.filter((p) => p.Status !== 'DELETED' && paid(p) === id);
    return first(hits, 'PaymentID', () => state(id, d));
  });
}

/** The credit note, overpayment or prepayment a payment (a refund) pays. */
function creditIdOf(payment: Record<string, unknown>): string {
  const ref = (payment.CreditNote ?? payment.Overpayment ?? payment.Prepayment ?? {}) as Record<
    string,
    unknown
  >;
  return text(ref.CreditNoteID ?? ref.OverpaymentID ?? ref.PrepaymentID);
}

/** Invoices or credit notes by the number we sent, or the reference (unnumbered ones, suppliers'). */
async function lookUpBilled(
  rc: RunContext,
  docs: readonly IntentDocument[],
  collection: 'Invoices' | 'CreditNotes',
  numberField: 'InvoiceNumber' | 'CreditNoteNumber',
  idField: 'InvoiceID' | 'CreditNoteID',
): Promise<Found[]> {
  const numbers = docs.map((d) => d.lookup[numberField]).filter((n): n is string => Boolean(n));
  const references = docs
    .filter((d) => !d.lookup[numberField])
    .map((d) => d.lookup.Reference ?? '');
  const byNumber =
    collection === 'Invoices'
      ? groupBy(await findInvoicesByNumber(rc.api, rc.tenantId, numbers), numberField)
      : await inXero(rc, collection, numberField, numbers);
  const byReference = await inXero(rc, collection, 'Reference', references);
  return docs.map((d) => {
    const number = d.lookup[numberField];
    const hits = number ? byNumber.get(number) : byReference.get(d.lookup.Reference ?? '');
    const type = d.lookup.Type; // a supplier's document: only its own type is ours
    return first(
      hits?.filter(
        (i) => i.Status !== 'DELETED' && i.Status !== 'VOIDED' && (!type || i.Type === type),
      ),
      idField,
      (i) => ({
        xeroStatus: text(i.Status),
        ...(text(i.CurrencyCode) && { currency: text(i.CurrencyCode) }),
      }),
      numberField,
    );
  });
}

/** Xero's documents whose `field` is one of `values`, grouped by that field. */
async function inXero(
  rc: RunContext,
  collection: 'Contacts' | 'Invoices' | 'CreditNotes' | 'Payments',
  field: string,
  values: readonly string[],
): Promise<Map<string, Record<string, unknown>[]>> {
  if (values.length === 0) return new Map();
  return groupBy(await findWhereIn(rc.api, rc.tenantId, collection, field, values), field);
}

function groupBy(
  items: readonly Record<string, unknown>[],
  field: string,
): Map<string, Record<string, unknown>[]> {
  const out = new Map<string, Record<string, unknown>[]>();
  for (const item of items) {
    const key = text(item[field]);
    out.set(key, [...(out.get(key) ?? []), item]);
  }
  return out;
}

/** An allocation intent: the credit's allocations as Xero now holds them. */
async function lookUpAllocation(rc: RunContext, doc: IntentDocument): Promise<Found> {
  // "/Overpayments/{id}" (older intents name the credit note by CreditNoteID alone).
  const path = doc.lookup.path ?? `/CreditNotes/${doc.lookup.CreditNoteID ?? ''}`;
  const response = await rc.api.request<Record<string, unknown>>({
    tenantId: rc.tenantId,
    method: 'GET',
    path,
  });
  const list = response.status === 200 ? response.body?.[path.split('/')[1] ?? ''] : undefined;
  const note = Array.isArray(list) ? (list[0] as Record<string, unknown> | undefined) : undefined;
  if (!note) return undefined;
  const allocations = Array.isArray(note.Allocations)
    ? (note.Allocations as Record<string, unknown>[])
    : [];
  const invoices = JSON.parse(doc.lookup.invoices ?? '{}') as Record<string, string>; // Xero invoice id → source id
  const state: Record<string, unknown> = { ...(await previousState(rc, doc)), allocations: {} };
  for (const a of allocations) {
    const invoiceSourceId =
      invoices[text((a.Invoice as Record<string, unknown> | undefined)?.InvoiceID)];
    if (invoiceSourceId && a.IsDeleted !== true)
      (state.allocations as Record<string, unknown>)[invoiceSourceId] = {
        allocationId: text(a.AllocationID),
        amount: text(a.Amount),
        date: parseXeroDate(a.Date) ?? '',
      };
  }
  return { xeroId: doc.lookup.xeroId ?? doc.lookup.CreditNoteID ?? '', state };
}

async function previousState(
  rc: RunContext,
  doc: IntentDocument,
): Promise<Record<string, unknown>> {
  const [row] = await rc.db.query<{ state: Record<string, unknown> }>(
    'SELECT state FROM links WHERE tenant_id = $1 AND source = $2 AND kind = $3 AND source_id = $4',
    [rc.tenantId, doc.source, doc.kind, doc.sourceId],
  );
  return row?.state ?? {};
}

function first(
  items: readonly Record<string, unknown>[] | undefined,
  idField: string,
  state: (item: Record<string, unknown>) => Record<string, unknown>,
  numberField?: string,
): Found {
  const item = items?.[0];
  if (!item || typeof item[idField] !== 'string') return undefined;
  const number = numberField ? text(item[numberField]) : '';
  return { xeroId: item[idField], ...(number && { number }), state: state(item) };
}
