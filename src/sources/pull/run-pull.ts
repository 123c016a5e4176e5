/**
 * A pull: every page a connection yields, checked (check-page.ts) and stored with its cursor —
 * several pages a transaction (page-batch.ts, store-page.ts) — counted as added / changed /
 * deleted / unchanged / rejected, and recorded as a run (kind 'pull'). Outcomes are values: a
 * rejected record is an issue in the report, and a failure mid-pull (the PMS down, a refused key)
 * ends the run as failed with every page read before it stored and the cursor at the last of them.
 *
 * A refused key (401) marks the source "needs reconnecting": later pulls stop before sending
 * anything until it is connected again, so a revoked key never causes a storm of requests.
 *
 * @module
 */
import { asLedgerbridgeError, type LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type { Database } from '../../store/database.js';
import { finishRun, startRun, type RunStatus } from '../../store/runs-repo.js';
import { markSourceCredentials } from '../../store/source-credentials-repo.js';
import { sourceHasDocuments } from '../../store/source-lock.js';
import { readSourceCursor } from '../../store/sources-repo.js';
import { addCounts, zeroCounts, type ChangeCounts } from '../file-drop/apply-pass.js';
import { asCursor } from '../cursor.js';
import { SampledFastPath } from '../file-drop/fast-path.js';
import type { RateBudget } from '../http/rate-budget.js';
import type { SourceConnection } from '../source.js';
import { withAbsences } from './absences.js';
import { checkPage, type PullIssue } from './check-page.js';
import { PageBatch } from './page-batch.js';
import { PullMemory } from './pull-memory.js';

export interface PullOptions {
  readonly db: Database;
  readonly source: string;
  readonly connection: SourceConnection;
  /** Its budget, for the request counts the run records. */
  readonly budget?: RateBudget;
  /** Ignore the cursor and read everything again. */
  readonly full?: boolean;
  readonly signal?: AbortSignal;
  /** Documents and deletions stored a transaction at most (page-batch.ts); 1 stores each page alone. */
  readonly batchDocuments?: number;
  /**
   * Inside a batch's transaction, after its writes, with its last page's number: throwing rolls
   * the batch back (crash tests).
   */
  readonly beforeCommit?: (page: number) => void | Promise<void>;
  /** After each batch of pages is stored: the counts so far. */
  readonly onPage?: (counts: PullCounts) => void;
}

export type PullCounts = ChangeCounts & { rejected: number; pages: number };

export interface PullReport {
  readonly runId: number;
  readonly status: Exclude<RunStatus, 'running'>;
  readonly counts: PullCounts;
  /** Every rejected record's issues (the run row keeps the first MAX_RECORDED_ISSUES). */
  readonly issues: readonly PullIssue[];
  readonly error?: LedgerbridgeError;
  readonly requests?: number;
}

const MAX_RECORDED_ISSUES = 100;

export async function runPull(o: PullOptions): Promise<PullReport> {
  const runId = await startRun(o.db, 'pull', o.source);
  const counts: PullCounts = { ...zeroCounts(), rejected: 0, pages: 0 };
  const issues: PullIssue[] = [];
  let error: LedgerbridgeError | undefined;
  try {
    await pullPages(o, counts, issues);
  } catch (thrown) {
    error = asLedgerbridgeError(thrown);
    if (error.code === 'LB_SOURCE_NEEDS_RECONNECT')
      await markSourceCredentials(o.db, o.source, 'needs_reconnect', error.message);
  }
  const status = error ? 'failed' : issues.length > 0 ? 'partial' : 'succeeded';
  const budget = o.budget?.state();
  const stats = {
    ...counts,
    ...(budget ? { requests: budget.requests, throttled: budget.throttled } : {}),
    issues: issues.slice(0, MAX_RECORDED_ISSUES),
    ...(error ? { errorCode: error.code } : {}),
  };
  await finishRun(o.db, runId, status, stats, error?.toLine());
  return {
    runId,
    status,
    counts,
    issues,
    ...(error ? { error } : {}),
    ...(budget ? { requests: budget.requests } : {}),
  };
}

/** The connection's pages checked and stored in batches; what is stored is counted. */
async function pullPages(o: PullOptions, counts: PullCounts, issues: PullIssue[]): Promise<void> {
  const cursor = o.full ? undefined : asCursor(await readSourceCursor(o.db, o.source));
  const fresh = { fresh: !(await sourceHasDocuments(o.db, o.source)) };
  // One for the pull: it samples its answers against the validator across pages.
  const fastPath = new SampledFastPath({ source: o.source });
  const memory = new PullMemory(fresh);
  const batch = new PageBatch({
    db: o.db,
    source: o.source,
    fresh,
    ...(o.batchDocuments ? { documents: o.batchDocuments } : {}),
    ...(o.beforeCommit ? { beforeCommit: o.beforeCommit } : {}),
    stored: (written, pages) => {
      addCounts(counts, written);
      for (const { page } of pages) {
        counts.rejected += page.rejected;
        issues.push(...page.issues);
      }
      counts.pages += pages.length;
      o.onPage?.(counts);
    },
  });
  let read = 0;
  try {
    for await (const pulled of o.connection.pull({
      cursor,
      ...(o.signal ? { signal: o.signal } : {}),
    })) {
      // Absences are found in the store, so every page before a listing is stored first.
      if (pulled.listings?.length) await batch.flush();
      const page = await withAbsences(o.db, o.source, pulled);
      const checked = await checkPage(o.db, o.source, page, fastPath, memory);
      const full = batch.add({
        number: read++,
        page: checked,
        cursor: page.cursor,
        ...(page.entities ? { entities: page.entities } : {}),
        ...(page.suggestedMappings ? { suggestedMappings: page.suggestedMappings } : {}),
      });
      if (full) await batch.flush();
    }
  } catch (fault) {
    // The pages read before a fault are kept, as when each page was stored alone; should storing
    // them fail too, the fault is what the run reports (they are read again next time).
    await batch.flush().catch(() => undefined);
    throw fault;
  }
  await batch.flush();
}
