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
import { readByIds, readAll, findInvoicesByNumber, findByReference } from '../../xero/reader.js';
import { parseXeroDate } from '../../xero/xero-dates.js';
import { text } from '../../xero/wire.js';
import { emptyOutcomes, recordOutcomes } from './record.js';
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
  for (const doc of intent.documents) {
    const hit = await lookUp(rc, intent.operation, doc);
    if (!hit) continue;
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
  }
  const found = outcomes.links.length;
  // Not found means it did not land: a later push may create it (with a new attempt generation).
  await recordOutcomes(rc, outcomes, {
    id: intent.id,
    state: found > 0 ? 'resolved' : 'failed',
    outcome: { foundInXero: found, of: intent.documents.length },
  });
  rc.counts.resolved += found;
  return found;
}

async function lookUp(rc: RunContext, operation: string, doc: IntentDocument): Promise<Found> {
  const l = doc.lookup;
  switch (operation) {
    case 'create-contacts':
      return first(
        await readAll(rc.api, {
          tenantId: rc.tenantId,
          collection: 'Contacts',
          where: `ContactNumber==${JSON.stringify(l.ContactNumber)}`,
        }),
        'ContactID',
        (c) => ({ xeroName: text(c.Name) }),
      );
    case 'create-invoices': {
      const hits = l.InvoiceNumber
        ? await findInvoicesByNumber(rc.api, rc.tenantId, [l.InvoiceNumber])
        : await findByReference(rc.api, rc.tenantId, 'Invoices', l.Reference ?? '');
      return first(
        hits.filter((i) => i.Status !== 'DELETED' && i.Status !== 'VOIDED'),
        'InvoiceID',
        (i) => ({ xeroStatus: text(i.Status) }),
        'InvoiceNumber',
      );
    }
    case 'create-credit-notes': {
      const where = l.CreditNoteNumber
        ? `CreditNoteNumber==${JSON.stringify(l.CreditNoteNumber)}`
        : `Reference==${JSON.stringify(l.Reference)}`;
      return first(
        await readAll(rc.api, { tenantId: rc.tenantId, collection: 'CreditNotes', where }),
        'CreditNoteID',
        (c) => ({ xeroStatus: text(c.Status) }),
        'CreditNoteNumber',
      );
    }
    case 'create-payments': {
      const hits = await findByReference(rc.api, rc.tenantId, 'Payments', l.Reference ?? '');
      return first(
        hits.filter(
          (p) =>
            p.Status !== 'DELETED' &&
            (p.Invoice as { InvoiceID?: string } | undefined)?.InvoiceID === l.InvoiceID,
        ),
        'PaymentID',
        () => ({ invoiceSourceId: l.invoiceSourceId }),
      );
    }
    default:
      return lookUpAllocation(rc, doc);
  }
}

/** An allocation intent: the credit note's allocations as Xero now holds them. */
async function lookUpAllocation(rc: RunContext, doc: IntentDocument): Promise<Found> {
  const [note] = await readByIds(rc.api, rc.tenantId, 'CreditNotes', [
    doc.lookup.CreditNoteID ?? '',
  ]);
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
  return { xeroId: doc.lookup.CreditNoteID ?? '', state };
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
  items: Record<string, unknown>[],
  idField: string,
  state: (item: Record<string, unknown>) => Record<string, unknown>,
  numberField?: string,
): Found {
  const item = items[0];
  if (!item || typeof item[idField] !== 'string') return undefined;
  const number = numberField ? text(item[numberField]) : '';
  return { xeroId: item[idField], ...(number && { number }), state: state(item) };
}
