/**
 * `ledgerbridge demo` (what `npm start` runs): a throwaway embedded store beside the current
 * folder, the Xero sandbox and the Cliniko and Clio emulators, a clinic and a law firm connected,
 * pulled and synced, edited inside their emulators, and synced again (src/demo/run-demo.ts), and
 * the status.
 *
 * @module
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { runDemo as runDemoFlow, type DemoEvents } from '../../demo/run-demo.js';
import { openStore, readStoreStatus, type StoreStatus } from '../../store/index.js';
import type { SyncErrorRow } from '../../store/sync-errors-repo.js';
import type { SyncReport } from '../../sync/run-sync.js';
import { renderErrors } from './errors.js';
import { renderSyncReport } from './render-sync.js';
import type { CommandContext } from '../context.js';
import { describePull } from './describe-pull.js';
import { renderStatus } from './status.js';
import { serveDemo } from './demo-serve.js';

export const DEMO_DIR = '.ledgerbridge-demo';

export async function runDemo(ctx: CommandContext, serve = false): Promise<DemoSummary> {
  // Users run the demo first, so its wall time is printed: ~20 s at most is the aim (issue 17).
  const started = performance.now();
  const dataDir = resolve(ctx.flags.dataDir ?? DEMO_DIR);
  clearPreviousDemo(dataDir);
  ctx.out.line(`Ledgerbridge demo — embedded store in ${dataDir} (no server needed)`);
  const { db, schemaVersion } = await openStore({ dataDir }, 'init');
  try {
    ctx.out.line(`  ✓ Created the store (schema ${schemaVersion})`);
    const result = await runDemoFlow(db, demoPrinter(ctx), ctx.config.secretKey, {
      keepRunning: serve,
    });
    const status = await readStoreStatus(db, schemaVersion);
    const seconds = (performance.now() - started) / 1000;
    const summary: DemoSummary = {
      dataDir,
      status,
      first: result.first,
      second: result.second,
      openErrors: result.errorsAfter,
    };
    ctx.out.result(
      summary,
      (s) =>
        `\n${renderStatus(s.status)}\n\nThe demo took ${seconds.toFixed(1)} s.\n\n${whereNext(dataDir, serve)}`,
    );
    if (serve) await serveDemo(ctx, db, result).finally(() => result.stop());
    return summary;
  } finally {
    await db.close();
  }
}

export interface DemoSummary {
  readonly dataDir: string;
  readonly status: StoreStatus;
  readonly first: SyncReport;
  readonly second: SyncReport;
  readonly openErrors: readonly SyncErrorRow[];
}

function demoPrinter(ctx: CommandContext): DemoEvents {
  return {
    step: (text) => ctx.out.line(`  ✓ ${text}`),
    pulled: (source, report) =>
      ctx.out.line(`  ✓ Pulled ${describePull({ source, report }).join('\n    ')}`),
    synced: (title, report, budget) => {
      ctx.out.line(`\n${title}`);
      ctx.out.line(renderSyncReport(report, false).replace(/^/gm, '  '));
      ctx.out.line(
        `  Xero calls against the budget: ${budget.map((b) => `${b.name} ${b.lastMinute} of 60 this minute, ${b.today} of 5,000 today`).join('; ')}`,
      );
    },
    shown: (title, lines) => ctx.out.line(`\n${title}\n${lines.map((l) => `  ${l}`).join('\n')}`),
    errors: (title, errors) =>
      ctx.out.line(
        errors.length === 0
          ? `  ${title}: nothing.`
          : `\n${title}:\n${renderErrors(errors).replace(/^/gm, '  ')}`,
      ),
  };
}

function whereNext(dataDir: string, serving: boolean): string {
  const dir = `--data-dir ${dataDir}`;
  return [
    serving
      ? 'Where to look next (the commands once the demo is stopped: its store is open in it):'
      : 'Where to look next:',
    `  npx ledgerbridge status ${dir}        the store, organisations and the last run`,
    `  npx ledgerbridge errors ${dir}        what could not be pushed, and how to fix it`,
    `  npx ledgerbridge map list ${dir}      the mappings the demo chose`,
    '  docs/sources-cliniko.md, sources-clio.md  connecting your own Cliniko or Clio account',
    '  docs/xero-setup.md                       connecting a real Xero organisation',
    '  docs/file-drop.md, samples/demo/         any other PMS: export files into a folder',
  ].join('\n');
}

/** Each demo starts afresh, but only ever deletes a directory that is a Ledgerbridge store. */
function clearPreviousDemo(dataDir: string): void {
  if (!existsSync(dataDir)) return;
  const marker = join(dataDir, 'ledgerbridge.json');
  let ours: boolean;
  try {
    ours = (JSON.parse(readFileSync(marker, 'utf8')) as { app?: string }).app === 'ledgerbridge';
  } catch {
    ours = false;
  }
  if (!ours)
    throw new LedgerbridgeError(
      'LB_STORE_FOREIGN',
      `Demo directory ${dataDir} exists and is not a Ledgerbridge store`,
      {
        fix: 'Move it away, or pass --data-dir to run the demo elsewhere.',
      },
    );
  if (existsSync(join(dataDir, 'ledgerbridge.lock')))
    throw new LedgerbridgeError(
      'LB_STORE_LOCKED',
      `Demo directory ${dataDir} is in use by another Ledgerbridge process`,
    );
  rmSync(dataDir, { recursive: true, force: true });
}
