/**
 * `ledgerbridge import FILE|FOLDER`: JSON Lines or CSV in the ledger format into the store, a
 * summary per file; `--watch` keeps importing what arrives in a drop folder until stopped.
 * Progress goes to stderr, so `--json` output stays one document per import.
 *
 * @module
 */
import {
  importPath,
  renderImportReport,
  sourceNameFrom,
  watchFolder,
  type ImportProgress,
  type ImportReport,
} from '../../sources/file-drop/index.js';
import { openStore } from '../../store/index.js';
import type { Database } from '../../store/database.js';
import type { CommandContext } from '../context.js';

export interface ImportCommandOptions {
  readonly source?: string;
  readonly entity?: string;
  readonly full?: boolean;
  readonly partial?: boolean;
  readonly watch?: boolean;
}

/** Lines (or records) between progress notes. */
const PROGRESS_EVERY = 50_000;

/** Runs the import; resolves to its reports (one, or one per batch the watcher imported). */
export async function runImport(
  ctx: CommandContext,
  target: string,
  options: ImportCommandOptions,
): Promise<ImportReport[]> {
  const { db } = await openStore(ctx.config, 'existing');
  try {
    const settings = {
      ...(options.source === undefined ? {} : { source: options.source }),
      ...(options.entity === undefined ? {} : { entity: options.entity }),
      full: options.full ?? false,
      partial: options.partial ?? false,
      progressEvery: PROGRESS_EVERY,
      onProgress: progressNotes(ctx),
    };
    if (options.watch) return await watch(ctx, db, target, settings);
    const report = await importPath(db, target, settings);
    ctx.out.result(report, renderImportReport);
    return [report];
  } finally {
    await db.close();
  }
}

async function watch(
  ctx: CommandContext,
  db: Database,
  folder: string,
  settings: { source?: string } & Record<string, unknown>,
): Promise<ImportReport[]> {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const rejected: ImportReport[] = [];
  const source = settings.source ?? sourceNameFrom(folder);
  ctx.out.note(`Watching ${folder} for new files (source ${source}); Ctrl-C to stop.`);
  try {
    await watchFolder(db, folder, {
      ...settings,
      source,
      signal: controller.signal,
      onReport: (report) => {
        ctx.out.result(report, renderImportReport);
        if (report.status !== 'succeeded') rejected.push(report);
      },
    });
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  ctx.out.note('Stopped watching.');
  return rejected;
}

/** A note on stderr each time another 50,000 lines are checked or records applied. */
function progressNotes(ctx: CommandContext): (p: ImportProgress) => void {
  const noted = new Map<string, number>();
  return (p) => {
    const key = `${p.phase} ${p.file}`;
    const reached = Math.floor(p.done / PROGRESS_EVERY);
    for (let step = (noted.get(key) ?? 0) + 1; step <= reached; step++) {
      const done = (step * PROGRESS_EVERY).toLocaleString('en');
      ctx.out.note(
        p.phase === 'check'
          ? `${p.file}: ${done} lines checked`
          : p.total === undefined // applied while checking: the total is not known yet
            ? `${p.file}: ${done} records written (committed when the whole file is checked)`
            : `${p.file}: ${done} of ${p.total.toLocaleString('en')} records applied`,
      );
    }
    noted.set(key, Math.max(reached, noted.get(key) ?? 0));
  };
}
