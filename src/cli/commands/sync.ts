/**
 * `ledgerbridge sync [--once] [--dry-run] [--source S]`: plan and push. `--dry-run` prints the plan
 * and writes nothing; `--once` runs one pass and exits; without it, a pass every
 * LEDGERBRIDGE_SYNC_INTERVAL_MINUTES until stopped.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { openStore, type Database } from '../../store/index.js';
import { describeHolder } from '../../store/organisation-lock.js';
import { runSync, type SyncReport } from '../../sync/run-sync.js';
import { makeXeroRuntime } from '../../xero/xero-runtime.js';
import type { CommandContext } from '../context.js';
import { renderSyncReport } from './render-sync.js';

export interface SyncOptions {
  readonly once?: boolean;
  readonly dryRun?: boolean;
  readonly source?: string;
  /** commander's `--no-wait`: false leaves out an organisation another process is syncing. */
  readonly wait?: boolean;
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
      assertNoneBusy(report);
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
  const xero = await makeXeroRuntime(ctx.config, db);
  const report = await runSync(
    {
      db,
      api: xero.api,
      settings: xero.settings,
      clock: xero.clock,
      batchSize: ctx.config.xero.batchSize,
    },
    {
      ...(options.source && { source: options.source }),
      dryRun: options.dryRun ?? false,
      wait: options.wait ?? true,
      onWait: (name, holder) =>
        ctx.out.note(`Waiting for the sync of ${name} ${describeHolder(holder)}…`),
    },
  );
  ctx.out.result(report, (r) => renderSyncReport(r, options.dryRun ?? false));
  return report;
}

/** After a single pass under --no-wait: an organisation left out is exit status 75. */
function assertNoneBusy(report: SyncReport): void {
  const busy = report.organisations.filter((o) => o.status === 'busy');
  if (busy.length > 0)
    throw new LedgerbridgeError(
      'LB_SYNC_BUSY',
      `Left out ${busy.map((o) => o.name).join(', ')}: another process is syncing ${busy.length === 1 ? 'it' : 'them'}`,
    );
}
