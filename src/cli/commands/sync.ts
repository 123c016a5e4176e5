/**
 * `ledgerbridge sync [--once] [--dry-run] [--source S] [--tenant T]`: pull every connected source,
 * then plan and push. `--dry-run` prints the plan
 * and writes nothing; `--once` runs one pass and exits; without it, a pass every
 * LEDGERBRIDGE_SYNC_INTERVAL_MINUTES until stopped.
 *
 * @module
 */
import { ERROR_CATALOGUE } from '../../errors/catalogue.js';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { openStore, type Database } from '../../store/index.js';
import { describeHolder } from '../../store/organisation-lock.js';
import { makeLogger } from '../../log/logger.js';
import { syncLogObserver, xeroCallLog } from '../../log/sync-log.js';
import { runSync, type SyncReport } from '../../sync/run-sync.js';
import { combineObservers } from '../../sync/sync-observer.js';
import { makeSyncProgress } from '../sync-progress.js';
import { makeXeroRuntime } from '../../xero/xero-runtime.js';
import type { CommandContext } from '../context.js';
import { renderSyncReport } from './render-sync.js';
import { connectedSources, contactWriter, pullSources } from '../../sources/source-runtime.js';
import { describePull } from './describe-pull.js';

export interface SyncOptions {
  readonly once?: boolean;
  readonly dryRun?: boolean;
  readonly source?: string;
  /** Only this organisation (its tenant id). */
  readonly tenant?: string;
  /** commander's `--no-wait`: false leaves out an organisation another process is syncing. */
  readonly wait?: boolean;
  /** Progress on stderr also when it is not a terminal. */
  readonly progress?: boolean;
  /** How many decisions a dry run lists in full. */
  readonly limit?: number;
}

export async function runSyncCommand(
  ctx: CommandContext,
  options: SyncOptions,
  until?: Promise<unknown>,
): Promise<SyncReport> {
  const { db } = await openStore(ctx.config, 'existing');
  try {
    let report = await syncOnce(ctx, db, options);
    if (options.once || options.dryRun) {
      assertComplete(report, options.dryRun ?? false);
      return report;
    }
    const stop = until ?? new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    let stopped = false;
    void stop.then(() => (stopped = true));
    while (!stopped) {
      await Promise.race([
        stop,
        new Promise((r) => setTimeout(r, ctx.config.sync.intervalMinutes * 60_000)),
      ]);
      if (!stopped) report = await syncOnce(ctx, db, options);
    }
    return report;
  } finally {
    await db.close();
  }
}

export async function syncOnce(
  ctx: CommandContext,
  db: Database,
  options: SyncOptions,
): Promise<SyncReport> {
  // Each pass reads the connected practice-management systems first, so it pushes what they
  // hold now; a pull that fails is reported and the pass pushes what the store has.
  if (!options.dryRun)
    for (const pull of await pullSources(
      ctx.config,
      db,
      await connectedSources(db, options.source),
    ))
      for (const line of describePull(pull)) ctx.out.note(line);
  const log = makeLogger(ctx.config, 'warn');
  const batchSize = ctx.config.xero.batchSize;
  const progress = makeSyncProgress(ctx.out.stderr, {
    force: options.progress ?? false,
    batchSize,
  });
  const calls = xeroCallLog(log);
  const xero = await makeXeroRuntime(ctx.config, db, {
    api: {
      onAttempt: (e) => {
        progress?.call();
        calls.onAttempt?.(e);
      },
      onWait: (e) => {
        progress?.wait(e.reason, e.ms);
        calls.onWait?.(e);
      },
    },
  });
  const report = await runSync(
    {
      db,
      api: xero.api,
      settings: xero.settings,
      clock: xero.clock,
      batchSize,
      observer: combineObservers(progress?.observer, syncLogObserver(log)),
      contactWriter: contactWriter(ctx.config, db),
    },
    {
      ...(options.source && { source: options.source }),
      ...(options.tenant && { tenantId: options.tenant }),
      dryRun: options.dryRun ?? false,
      wait: options.wait ?? true,
      ...(options.limit !== undefined && { planLimit: options.limit }),
      onWait: (name, holder) => {
        ctx.out.note(`Waiting for the sync of ${name} ${describeHolder(holder)}…`);
        log.info({ holder }, `waiting for the sync of ${name}`);
      },
    },
  );
  ctx.out.result(report, (r) =>
    renderSyncReport(r, options.dryRun ?? false, { dailyLimit: ctx.config.xero.dailyLimit }),
  );
  return report;
}

/**
 * After a single pass, the exit status tells the truth (issue 16: it was 0 whatever happened): an
 * organisation whose run failed or that is not connected is 1, one left out as busy is 75, a
 * document refused (or, in a dry run, that would be) is 3. The report is already on stdout.
 */
export function assertComplete(report: SyncReport, dryRun: boolean): void {
  const failed = report.organisations.filter(
    (o) => o.status === 'failed' || o.status === 'not-connected',
  );
  if (failed.length > 0)
    throw new LedgerbridgeError(
      'LB_SYNC_FAILED',
      failed.map((o) => `${o.name}: ${o.error?.message ?? o.status}`).join('; '),
      { fix: failed[0]!.error?.fix ?? ERROR_CATALOGUE.LB_SYNC_FAILED.fix },
    );
  const busy = report.organisations.filter((o) => o.status === 'busy');
  if (busy.length > 0)
    throw new LedgerbridgeError(
      'LB_SYNC_BUSY',
      `Left out ${busy.map((o) => o.name).join(', ')}: another process is syncing ${busy.length === 1 ? 'it' : 'them'}`,
    );
  const sum = (counts: Readonly<Record<string, number>> | undefined) =>
    Object.values(counts ?? {}).reduce((a, b) => a + b, 0);
  const refused = report.organisations.reduce(
    (n, o) => n + (dryRun ? sum(o.planned.operations.reject) : o.counts.rejected),
    0,
  );
  const waiting = report.organisations.reduce(
    (n, o) => n + (dryRun ? sum(o.planned.operations.wait) : o.counts.waiting),
    0,
  );
  const unknown = report.organisations.some(
    (o) => o.status === 'partial' && o.counts.rejected === 0 && o.counts.waiting === 0,
  );
  if (refused > 0 || waiting > 0 || unknown)
    throw new LedgerbridgeError(
      'LB_SYNC_INCOMPLETE',
      refused + waiting > 0
        ? incomplete(refused, waiting, dryRun)
        : 'Some pushes ended with their outcome unknown; the next pass looks them up in Xero',
      refused + waiting > 0 ? {} : { fix: 'Run `ledgerbridge sync --once` again.' },
    );
}

/** "2 documents were refused; 1 waits on a document not in Xero". */
function incomplete(refused: number, waiting: number, dryRun: boolean): string {
  const docs = (n: number) => `${n} document${n === 1 ? '' : 's'}`;
  const parts = [
    ...(refused > 0
      ? [`${docs(refused)} ${dryRun ? 'would be' : refused === 1 ? 'was' : 'were'} refused`]
      : []),
    ...(waiting > 0
      ? [
          `${docs(waiting)} ${dryRun ? 'would wait' : waiting === 1 ? 'waits' : 'wait'} on a document not in Xero`,
        ]
      : []),
  ];
  return parts.join('; ');
}
