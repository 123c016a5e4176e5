/**
 * One pushed batch, one change set (FEATURES R4): checked whole (check-push.ts) and written through
 * the file drop's page writer (apply-pass.ts `writePage`: the content hash decides added, changed
 * or unchanged) in one transaction under the source's shared lock, as a pull's page is. A batch
 * with a rejected record writes nothing unless `partial`, as a file without --partial.
 *
 * An `Idempotency-Key` is recorded with the batch, in the same transaction, as the file drop
 * records a file (file_imports, path `push:KEY`): the same key with the same body answers what the
 * first request answered without applying anything again; with another body it is refused. A
 * refused batch records nothing, so it may be corrected and sent again under its key. Keys are
 * kept 24 hours.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { appendAudit } from '../../store/audit-repo.js';
import type { Database, Queryable } from '../../store/database.js';
import {
  claimFileImport,
  findFileImport,
  forgetFileImports,
  settleFileImport,
  type BeginFileImport,
  type FileImportRow,
} from '../../store/file-imports-repo.js';
import { finishRun, startRun } from '../../store/runs-repo.js';
import { ensureSource } from '../../store/sources-repo.js';
import { serialQueryable } from '../../store/serial-queryable.js';
import { lockSourceDocuments } from '../../store/source-lock.js';
import { ensureEntity } from '../../store/sources-repo.js';
import { writePage, type ChangeCounts } from '../file-drop/apply-pass.js';
import { checkPush, type CheckedPush, type PushIssue } from './check-push.js';
import { MAX_PUSH_RECORDS, type PushRecord } from './push-body.js';
import { pushOutcomes, type DocumentOutcome } from './push-outcomes.js';

export const IDEMPOTENCY_PREFIX = 'push:';
/** How long a key answers a repeat: a client retrying a lost answer does so within minutes. */
export const IDEMPOTENCY_HOURS = 24;
/** Issues an answer lists (all are counted). */
const KEPT_ISSUES = 100;

export interface PushInput {
  readonly db: Database;
  readonly source: string;
  readonly records: readonly PushRecord[];
  readonly idempotencyKey?: string;
  readonly partial: boolean;
  /**
   * The source does not exist yet: it is created as a push source in the batch's transaction, so
   * a batch refused whole leaves no empty source behind.
   */
  readonly newSource?: boolean;
  /** Who pushed, for the audit log. */
  readonly actor: string;
  readonly now: Date;
}

export type PushCounts = ChangeCounts & { rejected: number };

export interface PushAnswer extends PushCounts {
  readonly runId: number;
  /** What the batch did to each accepted document, in the batch's order (documents, then markers). */
  readonly documents: readonly DocumentOutcome[];
  readonly issues: readonly PushIssue[];
  /** True when an earlier request with this Idempotency-Key applied the batch. */
  readonly replayed: boolean;
}

/** Thrown inside the transaction to roll a batch with rejections back. */
class Refused extends Error {
  constructor(readonly checked: CheckedPush) {
    super(`${checked.rejected} of the batch's records were rejected`);
  }
}

export async function applyPush(input: PushInput): Promise<PushAnswer> {
  const { db, source } = input;
  const identity = input.idempotencyKey && keyRecord(input, 0);
  const prior = identity ? await findFileImport(db, identity) : undefined;
  if (prior) return replay(prior, input);
  const runId = await startRun(db, 'import', source);
  try {
    const answer = await db.transaction((tx) =>
      applyInTransaction(serialQueryable(tx), input, runId),
    );
    const { issues: _issues, replayed: _replayed, documents: _documents, ...stats } = answer;
    await finishRun(db, runId, answer.rejected > 0 ? 'partial' : 'succeeded', { push: stats });
    return answer;
  } catch (error) {
    const refused = error instanceof Refused ? error.checked : undefined;
    await finishRun(
      db,
      runId,
      'failed',
      { push: { rejected: refused?.rejected ?? 0 } },
      (error as Error).message,
    ).catch(() => undefined);
    if (!refused) throw error;
    throw new LedgerbridgeError(
      'LB_PUSH_REJECTED',
      `${refused.rejected} of ${input.records.length} records were rejected; nothing was applied`,
      {
        details: {
          runId,
          rejected: refused.rejected,
          issues: refused.issues.slice(0, KEPT_ISSUES),
        },
      },
    );
  }
}

async function applyInTransaction(
  tx: Queryable,
  input: PushInput,
  runId: number,
): Promise<PushAnswer> {
  const { source } = input;
  if (input.newSource) await ensureSource(tx, source, 'push');
  // Another writer of the source's documents (a file import of it) goes first or after.
  await lockSourceDocuments(tx, source, 'shared');
  const record = input.idempotencyKey ? keyRecord(input, runId) : undefined;
  if (record && !(await claimFileImport(tx, record)))
    return replay((await findFileImport(tx, record))!, input);
  const checked = await checkPush(tx, source, input.records);
  if (checked.rejected > 0 && !input.partial) throw new Refused(checked);
  for (const entity of checked.page.entities) await ensureEntity(tx, source, entity);
  const { pairs, deletions } = checked.page;
  // Every accepted marker, also those naming nothing stored (the page leaves them out).
  const documents = await pushOutcomes(tx, source, pairs, checked.markers);
  const written = await writePage(tx, { number: 1, pairs, deletions });
  const counts: PushCounts = {
    ...written,
    // A marker of a document never stored changes nothing, as in a file (apply-pass.ts).
    unchanged: written.unchanged + checked.markers.length - deletions.length,
    rejected: checked.rejected,
  };
  if (record) {
    await settleFileImport(tx, { ...record, state: 'applied', stats: { ...counts, documents } });
    const before = new Date(input.now.getTime() - IDEMPOTENCY_HOURS * 3_600_000);
    await forgetFileImports(tx, source, IDEMPOTENCY_PREFIX, before);
  }
  await appendAudit(tx, [
    { action: 'documents.push', actor: input.actor, source, detail: { runId, ...counts } },
  ]);
  return {
    ...counts,
    runId,
    documents,
    issues: checked.issues.slice(0, KEPT_ISSUES),
    replayed: false,
  };
}

/**
 * The row recording a keyed push. Its fingerprint is the SHA-256 of the records as parsed (so the
 * same batch sent as a JSON array or as JSON Lines is the same batch) and the partial flag.
 */
function keyRecord(input: PushInput, runId: number): BeginFileImport {
  const body = JSON.stringify(input.records);
  return {
    source: input.source,
    path: `${IDEMPOTENCY_PREFIX}${input.idempotencyKey}`,
    fileHash: createHash('sha256').update(body).digest('hex'),
    size: Buffer.byteLength(body),
    mtimeNs: '0',
    pageSize: MAX_PUSH_RECORDS,
    partial: input.partial,
    runId,
  };
}

function replay(prior: FileImportRow, input: PushInput): PushAnswer {
  const now = keyRecord(input, 0);
  if (prior.fileHash !== now.fileHash || prior.partial !== now.partial)
    throw new LedgerbridgeError(
      'LB_PUSH_KEY_REUSED',
      `The Idempotency-Key "${input.idempotencyKey}" was used for another batch`,
      { details: { field: 'Idempotency-Key', value: input.idempotencyKey } },
    );
  const { documents = [], ...counts } = prior.stats as PushCounts & {
    documents?: DocumentOutcome[];
  };
  return { ...counts, runId: prior.runId ?? 0, documents, issues: [], replayed: true };
}
