/**
 * Recording what happened to each document, in one transaction per push: its link, its sync
 * error set or cleared, the audit entry, and the intent settled. Afterwards the store says exactly
 * what Xero holds, or the intent is still open and the next run looks it up.
 *
 * @module
 */
import type { DocumentKey } from '../../ledger/index.js';
import { payloadHash } from '../plan/payload-hash.js';
import { appendAudit, type AuditEntry } from '../../store/audit-repo.js';
import type { Queryable } from '../../store/database.js';
import { settleIntent, type IntentState } from '../../store/intents-repo.js';
import { saveLinks, type LinkWrite } from '../../store/links-repo.js';
import {
  clearSyncErrors,
  recordSyncErrors,
  type DocumentSyncErrorInput,
} from '../../store/sync-errors-repo.js';
import { classifyRefusal } from '../../xero/xero-refusals.js';
import type { Operation } from '../plan/operation.js';
import type { RunContext } from './run-context.js';

export interface Outcomes {
  links: LinkWrite[];
  cleared: DocumentKey[];
  errors: DocumentSyncErrorInput[];
  audit: AuditEntry[];
}

export const emptyOutcomes = (): Outcomes => ({ links: [], cleared: [], errors: [], audit: [] });

export async function recordOutcomes(
  rc: RunContext,
  outcomes: Outcomes,
  intent?: { id: number; state: Exclude<IntentState, 'pending'>; outcome?: unknown },
): Promise<void> {
  await rc.db.transaction(async (tx) => {
    await writeOutcomes(tx, outcomes);
    if (intent) await settleIntent(tx, intent.id, intent.state, intent.outcome);
  });
}

export async function writeOutcomes(tx: Queryable, o: Outcomes): Promise<void> {
  await saveLinks(tx, o.links);
  await clearSyncErrors(tx, o.cleared);
  const errors = [];
  for (const e of o.errors) errors.push(e.blocks ? e : { ...e, blocks: await dependents(tx, e) });
  await recordSyncErrors(tx, errors);
  await appendAudit(tx, o.audit);
}

export { payloadHash } from '../plan/payload-hash.js';

/** "payment PAY-9", for error rows' `blocks` lists. */
export function keyLabel(key: DocumentKey): string {
  return `${key.kind.replace('_', ' ')} ${key.sourceId}`;
}

export function succeeded(
  o: Outcomes,
  rc: RunContext,
  op: Operation,
  xeroId: string,
  xeroNumber: string | undefined,
  state: Record<string, unknown>,
  payload: unknown,
): void {
  o.links.push({
    ...op.key,
    tenantId: rc.tenantId,
    xeroId,
    ...(xeroNumber && { xeroNumber }),
    pushedHash: op.version,
    // What Xero was sent, so a later version Xero would not see (a status Xero shows the same,
    // a field we do not send) is recorded without a call.
    state: { ...state, payloadHash: payloadHash('payload' in op ? op.payload : payload) },
  });
  o.cleared.push(op.key);
  o.audit.push(
    pushAudit(rc, op, payload, {
      xeroId,
      outcome: 'ok',
      detail: { version: op.version, runId: rc.runId, ...(op.notes && { notes: op.notes }) },
    }),
  );
}

export function refused(
  o: Outcomes,
  rc: RunContext,
  op: Operation,
  messages: readonly string[],
  payload: unknown,
): void {
  const r = classifyRefusal(messages);
  o.errors.push({
    ...op.key,
    tenantId: rc.tenantId,
    code: r.code,
    message: `${op.label}: ${r.message}`,
    xeroMessage: r.xeroMessage,
    fix: r.fix,
  });
  o.audit.push(
    pushAudit(rc, op, payload, {
      outcome: 'refused',
      detail: { code: r.code, xeroMessage: r.xeroMessage, runId: rc.runId },
    }),
  );
}

/** The audit line of one operation sent to Xero, whatever became of it. */
function pushAudit(
  rc: RunContext,
  op: Operation,
  payload: unknown,
  result: Pick<AuditEntry, 'xeroId' | 'outcome' | 'detail'>,
): AuditEntry {
  return {
    action: `${op.op}-${op.kind}`,
    source: op.key.source,
    kind: op.key.kind,
    sourceId: op.key.sourceId,
    tenantId: rc.tenantId,
    payloadHash: payloadHash(payload),
    ...result,
  };
}

/** Documents waiting on this one: a contact's invoices and credit notes, an invoice's payments. */
async function dependents(db: Queryable, r: DocumentKey): Promise<string[]> {
  const field = r.kind === 'contact' ? 'contactId' : r.kind === 'invoice' ? 'invoiceId' : undefined;
  if (!field) return [];
  const rows = await db.query<{ kind: string; source_id: string }>(
    `SELECT kind, source_id FROM documents WHERE source = $1 AND deleted_at IS NULL AND content->>'${field}' = $2 ORDER BY kind, source_id LIMIT 20`,
    [r.source, r.sourceId],
  );
  return rows.map((row) =>
    keyLabel({ source: r.source, kind: row.kind as DocumentKey['kind'], sourceId: row.source_id }),
  );
}
