/**
 * A pull: every page a connection yields, checked (check-page.ts) and stored with its cursor
 * (store-page.ts), counted as added / changed / deleted / unchanged / rejected, and recorded as a
 * run (kind 'pull'). Outcomes are values: a rejected record is an issue in the report, and a
 * failure mid-pull (the PMS down, a refused key) ends the run as failed with the pages before it
 * kept and the cursor at the last one stored.
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
import { storePage } from './store-page.js';

export interface PullOptions {
  readonly db: Database;
  readonly source: string;
  readonly connection: SourceConnection;
  /** Its budget, for the request counts the run records. */
  readonly budget?: RateBudget;
  /** Ignore the cursor and read everything again. */
  readonly full?: boolean;
  readonly signal?: AbortSignal;
  /** Inside a page's transaction, after its writes: throwing rolls it back (crash tests). */
  readonly beforeCommit?: (page: number) => void | Promise<void>;
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
    const cursor = o.full ? undefined : asCursor(await readSourceCursor(o.db, o.source));
    const fresh = { fresh: !(await sourceHasDocuments(o.db, o.source)) };
    // One for the pull: it samples its answers against the validator across pages.
    const fastPath = new SampledFastPath({ source: o.source });
    for await (const pulled of o.connection.pull({
      cursor,
      ...(o.signal ? { signal: o.signal } : {}),
    })) {
      const page = await withAbsences(o.db, o.source, pulled);
      const checked = await checkPage(o.db, o.source, page, fastPath);
      const written = await storePage(o.db, {
        source: o.source,
        number: counts.pages,
        page: checked,
        cursor: page.cursor,
        fresh,
        ...(page.entities ? { entities: page.entities } : {}),
        ...(page.suggestedMappings ? { suggestedMappings: page.suggestedMappings } : {}),
        ...(o.beforeCommit ? { beforeCommit: o.beforeCommit } : {}),
      });
      addCounts(counts, written);
      counts.rejected += checked.rejected;
      counts.pages++;
      issues.push(...checked.issues);
      o.onPage?.(counts);
    }
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
