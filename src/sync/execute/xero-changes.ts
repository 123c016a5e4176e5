/**
 * Changes made directly in Xero since the last run (read with If-Modified-Since):
 * - a linked contact edited in Xero after we pushed it: the latest edit wins (FEATURES C3). When
 *   Xero's is newer it is written back to the PMS where the source can write (Clio), and the
 *   next pull brings the contact back changed; where it cannot, or the PMS refuses, it is reported
 *   (a sync error LB_SYNC_XERO_EDIT naming the fields) and left as the bookkeeper made it, until
 *   the PMS next changes the contact. Each outcome is recorded in the audit log.
 * - one of our payments deleted in Xero: the PMS is the source of truth, so it is put back on
 *   this run and the overwrite is recorded (P3); a payment carrying one of our own references is
 *   ours (own-payments.ts); other payments entered in Xero against our invoices are kept and
 *   recorded in the audit log.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type { Contact, ContactEdit, WriteBackOutcome } from '../../ledger/index.js';
import type { Queryable } from '../../store/database.js';
import { deleteLink } from '../../store/links-repo.js';
import { getSetting, putSetting } from '../../store/settings-repo.js';
import { readPages } from '../../xero/reader.js';
import { text } from '../../xero/wire.js';
import { parseXeroTimestamp } from '../../xero/xero-dates.js';
import { contactPayload, isPrivate, type ContactNaming } from '../map/contact-payload.js';
import type { SyncSettings } from '../sync-settings.js';
import {
  adopt,
  invoiceIdOf,
  ownershipOf,
  removeDuplicate,
  type Ownership,
} from './own-payments.js';
import { emptyOutcomes, recordOutcomes, type Outcomes } from './record.js';
import type { RunContext } from './run-context.js';

const CURSOR = 'xeroChangesSince';

/** Since when Xero's side was last read for a source routed to the organisation (ms), if ever. */
export function xeroChangesCursor(
  db: Queryable,
  tenantId: string,
  source: string,
): Promise<number | undefined> {
  return getSetting<number>(db, CURSOR, `tenant:${tenantId}:${source}`);
}

export async function takeInXeroChanges(
  rc: RunContext,
  source: string,
  settings: SyncSettings,
): Promise<void> {
  const scope = `tenant:${rc.tenantId}:${source}`;
  const since = await xeroChangesCursor(rc.db, rc.tenantId, source);
  const now = rc.clock.now();
  if (since !== undefined) {
    await contactEdits(rc, source, settings, new Date(since));
    await paymentChanges(rc, source, new Date(since));
  }
  await putSetting(rc.db, CURSOR, now, scope);
}

interface LinkedRow {
  source_id: string;
  content: Contact;
  pushed_at: Date;
}

async function contactEdits(
  rc: RunContext,
  source: string,
  settings: SyncSettings,
  since: Date,
): Promise<void> {
  const o = emptyOutcomes();
  for await (const page of readPages(rc.api, {
    tenantId: rc.tenantId,
    collection: 'Contacts',
    ifModifiedSince: since,
    pageSize: 1_000,
  })) {
    const ids = page.map((c) => text(c.ContactID));
    const rows = await rc.db.query<LinkedRow & { xero_id: string }>(
      `SELECT l.source_id, l.xero_id, l.pushed_at, d.content FROM links l JOIN documents d ON d.source = l.source AND d.kind = l.kind AND d.source_id = l.source_id
       WHERE l.tenant_id = $1 AND l.source = $2 AND l.kind = 'contact' AND l.xero_id = ANY($3::text[]) AND NOT COALESCE((l.state->>'matched')::boolean, false)`,
      [rc.tenantId, source, ids],
    );
    for (const row of rows) {
      const inXero = page.find((c) => c.ContactID === row.xero_id)!;
      // A private contact's Xero side is a reference: an edit there is not the patient's to take.
      if (isPrivate(row.content, settings)) continue;
      const edit = xeroEditOf(row, inXero, settings);
      if (edit) await takeEdit(rc, source, row, edit, o);
    }
  }
  await recordOutcomes(rc, o);
}

const COMPARED = [
  ['Name', 'name'],
  ['EmailAddress', 'email'],
  ['TaxNumber', 'taxNumber'],
] as const;

/** Xero's contact as an edit of ours, or undefined when it is not a later edit with other values. */
function xeroEditOf(
  row: LinkedRow,
  inXero: Record<string, unknown>,
  naming: ContactNaming,
): ContactEdit | undefined {
  const appendSourceId = naming.appendSourceIdToContactNames;
  const editedAt = parseXeroTimestamp(inXero.UpdatedDateUTC) ?? 0;
  const ours = contactPayload(row.content, naming);
  const changed = COMPARED.filter(([x]) => (ours[x] ?? '') !== text(inXero[x]));
  // Our own push moves UpdatedDateUTC too; only a later edit with different values counts.
  const pmsAt = Date.parse(row.content.updatedAt);
  if (changed.length === 0 || editedAt <= row.pushed_at.getTime() || editedAt <= pmsAt) return;
  const suffix = ` (${row.source_id})`;
  const fields: Record<string, string> = {};
  for (const [x, ledger] of changed) {
    const value = text(inXero[x]);
    fields[ledger] =
      x === 'Name' && appendSourceId && value.endsWith(suffix)
        ? value.slice(0, -suffix.length)
        : value;
  }
  return {
    sourceId: row.source_id,
    pmsUpdatedAt: row.content.updatedAt,
    editedAt: new Date(editedAt).toISOString(),
    fields,
  };
}

/** Written back where the source can, else reported; the outcome recorded either way. */
async function takeEdit(
  rc: RunContext,
  source: string,
  row: LinkedRow & { xero_id: string },
  edit: ContactEdit,
  o: Outcomes,
): Promise<void> {
  const key = { source, kind: 'contact' as const, sourceId: row.source_id };
  const changed = COMPARED.filter(([, f]) => f in edit.fields);
  const names = changed.map(([x]) => x);
  const outcome = await writeBack(rc, source, edit);
  const audit = { ...key, tenantId: rc.tenantId, xeroId: row.xero_id };
  if (outcome?.kind === 'written' || outcome?.kind === 'superseded') {
    const written = outcome.kind === 'written';
    o.audit.push({
      ...audit,
      action: written ? 'xero-edit-written-back' : 'xero-edit-superseded',
      outcome: written ? 'written-back' : 'superseded',
      detail: { fields: names, runId: rc.runId, ...(written ? {} : { reason: outcome.message }) },
    });
    if (written) o.cleared.push(key);
    return;
  }
  o.errors.push({
    ...key,
    tenantId: rc.tenantId,
    code: 'LB_SYNC_XERO_EDIT',
    message: `contact ${row.content.name} (source id ${row.source_id}): edited in Xero after it was pushed (${names.join(', ')}); Xero's version is kept${outcome ? ` — not written back: ${outcome.message}` : ''}`,
    xeroMessage: changed.map(([x, f]) => `${x}: ${edit.fields[f]}`).join('; '),
    fix: 'Make the same change in the PMS, where it could not be written back; the PMS version is pushed again on its next edit.',
    blocks: [],
  });
  o.audit.push({
    ...audit,
    action: 'xero-edit-reported',
    outcome: 'reported',
    detail: { fields: names, runId: rc.runId },
  });
}

/** The source's outcome; undefined when it cannot write. A fault (PMS unreachable) is a refusal. */
async function writeBack(
  rc: RunContext,
  source: string,
  edit: ContactEdit,
): Promise<WriteBackOutcome | undefined> {
  if (!rc.contactWriter) return undefined;
  try {
    return await rc.contactWriter(source, edit);
  } catch (error) {
    const line = error instanceof LedgerbridgeError ? error.toLine() : String(error);
    return { kind: 'refused', message: line };
  }
}

async function paymentChanges(rc: RunContext, source: string, since: Date): Promise<void> {
  for await (const page of readPages(rc.api, {
    tenantId: rc.tenantId,
    collection: 'Payments',
    ifModifiedSince: since,
    pageSize: 1_000,
  })) {
    const ids = page.map((p) => text(p.PaymentID));
    const rows = await rc.db.query<{ source_id: string; xero_id: string }>(
      "SELECT source_id, xero_id FROM links WHERE tenant_id = $1 AND source = $2 AND kind = 'payment' AND xero_id = ANY($3::text[])",
      [rc.tenantId, source, ids],
    );
    const linked = new Map(rows.map((r) => [r.xero_id, r.source_id]));
    const o = emptyOutcomes();
    for (const p of page) {
      const sourceId = linked.get(text(p.PaymentID));
      if (sourceId && p.Status === 'DELETED') await restoreDeleted(rc, source, p, sourceId, o);
    }
    const unlinked = page.filter(
      (p) => !linked.has(text(p.PaymentID)) && p.Status !== 'DELETED' && invoiceIdOf(p),
    );
    const owners = await ownershipOf(rc, source, unlinked);
    const duplicates: [Record<string, unknown>, Extract<Ownership, { kind: 'duplicate' }>][] = [];
    for (const p of unlinked) {
      const owner = owners.get(text(p.PaymentID))!;
      if (owner.kind === 'adopt') adopt(rc, source, p, owner, o);
      else if (owner.kind === 'duplicate') duplicates.push([p, owner]);
      else if (await isOurInvoice(rc, source, invoiceIdOf(p)))
        reportEnteredInXero(rc, source, p, o);
    }
    await recordOutcomes(rc, o);
    for (const [p, owner] of duplicates) await removeDuplicate(rc, source, p, owner);
  }
}

/**
 * One of our payments deleted in Xero, still in the PMS: forget the link so this run's payment
 * phase puts it back (P3) — before the page's unlinked payments are sorted, so a live copy of it
 * is adopted rather than deleted as a duplicate.
 */
async function restoreDeleted(
  rc: RunContext,
  source: string,
  p: Record<string, unknown>,
  sourceId: string,
  o: Outcomes,
): Promise<void> {
  await deleteLink(rc.db, { source, kind: 'payment', sourceId }, rc.tenantId);
  o.audit.push({
    action: 'xero-payment-deleted-restored',
    source,
    kind: 'payment',
    sourceId,
    tenantId: rc.tenantId,
    xeroId: text(p.PaymentID),
    outcome: 'overwritten',
    detail: { runId: rc.runId },
  });
}

/** A bookkeeper's payment on one of our invoices: kept, and recorded in the audit log. */
function reportEnteredInXero(
  rc: RunContext,
  source: string,
  p: Record<string, unknown>,
  o: Outcomes,
): void {
  o.audit.push({
    action: 'xero-payment-reported',
    source,
    kind: 'payment',
    tenantId: rc.tenantId,
    xeroId: text(p.PaymentID),
    outcome: 'kept',
    detail: { amount: p.Amount, invoiceId: invoiceIdOf(p), runId: rc.runId },
  });
}

async function isOurInvoice(rc: RunContext, source: string, xeroId: string): Promise<boolean> {
  const [row] = await rc.db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM links WHERE tenant_id = $1 AND source = $2 AND kind = 'invoice' AND xero_id = $3",
    [rc.tenantId, source, xeroId],
  );
  return (row?.n ?? 0) > 0;
}
