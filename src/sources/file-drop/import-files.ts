/**
 * Imports files into one source: each file is one change set — checked whole first (nothing of a
 * file with bad rows is applied, unless --partial), then applied in short per-page transactions
 * that resume after a crash — then the optional --full sweep. The import is recorded as a run.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type { Database } from '../../store/database.js';
import { finishRun, startRun } from '../../store/runs-repo.js';
import { ensureEntity, ensureSource } from '../../store/sources-repo.js';
import type { ApplyHooks } from './apply-pass.js';
import { importFile } from './import-file.js';
import { sweepUnlisted, type Listed } from './full-sweep.js';
import {
  statusOf,
  totalsOf,
  type FileSummary,
  type FullSweep,
  type ImportReport,
} from './import-report.js';
import type { KeyIndex } from './key-index.js';

export interface ImportProgress {
  readonly file: string;
  /** check: lines read in the first pass; apply: records written in the second. */
  readonly phase: 'check' | 'apply';
  readonly done: number;
  readonly total?: number;
}

export interface ImportOptions {
  readonly source: string;
  /** Entity for records that name none (default "default"). */
  readonly entity?: string;
  /** Documents of the imported kinds this import does not list are deleted. */
  readonly full?: boolean;
  /** Apply a file's valid records even when others are rejected. */
  readonly partial?: boolean;
  /** Records per page: per transaction, or per write of the overlapped apply (default 5,000). */
  readonly pageSize?: number;
  /**
   * Apply while checking, in one transaction per file (import-overlapped.ts): the default, except
   * with --partial. `false` takes the two-pass way — pages committed one by one, a crashed file
   * resumed — which on the embedded store also leaves its one connection free between pages.
   */
  readonly overlap?: boolean;
  /** Pages in flight at once (default 1 on PGlite, which has one connection; 2 on PostgreSQL). */
  readonly concurrency?: number;
  /** Progress every this many lines of a file (default 50,000). */
  readonly progressEvery?: number;
  /**
   * Open references the first pass lets gather before it asks the store about them (default
   * 20,000, which keeps the open list short); tests lower it to reach that path with small files.
   */
  readonly settleFromStoreAt?: number;
  /** Files of at least this many bytes are checked on a worker thread (default 16 MiB). */
  readonly workerFromBytes?: number;
  /**
   * Run from the TypeScript sources, start the check worker from dist/ rather than through tsx
   * (~0.22 s a start against ~0.45 s; checked-batches.ts). Tests set it; compiled, it changes nothing.
   */
  readonly compiledWorker?: boolean;
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Where the first pass spills accepted records (default the system's temp directory). */
  readonly spillDir?: string;
  /** Folder entries that are not import files, for the report. */
  readonly skipped?: readonly string[];
  /** Fault injection for tests. */
  readonly hooks?: ApplyHooks;
}

export interface ImportFile {
  /** How reports name it. */
  readonly file: string;
  readonly path: string;
}

const NAME_RE = /^[a-z0-9][a-z0-9._-]{0,62}$/;

export async function importFiles(
  db: Database,
  files: readonly ImportFile[],
  options: ImportOptions,
): Promise<ImportReport> {
  for (const [what, name] of [
    ['source', options.source],
    ['entity', options.entity],
  ] as const)
    if (name !== undefined && !NAME_RE.test(name))
      throw new LedgerbridgeError('LB_USAGE', `"${name}" is not a valid ${what} name`, {
        fix: `Name the ${what} with lowercase letters, digits, ".", "_" or "-" (at most 63), e.g. --${what} clinic.`,
      });
  await ensureSource(db, options.source, 'file');
  if (options.entity) await ensureEntity(db, options.source, options.entity);
  const runId = await startRun(db, 'import', options.source);
  const summaries: FileSummary[] = [];
  try {
    const indexes: KeyIndex[] = [];
    let sweepBlocked: string | undefined;
    for (const file of files) {
      const { summary, check } = await importFile({ db, options, runId }, file);
      summaries.push(summary);
      if (options.full) indexes.push(check.state.index);
      if (!summary.applied) sweepBlocked ??= `${file.file} was not applied`;
      else if (check.state.unkeyed > 0)
        sweepBlocked ??= `${file.file} has records without a readable kind and sourceId`;
    }
    const full = options.full ? await sweep(db, options.source, indexes, sweepBlocked) : null;
    const report = finalReport(options, runId, summaries, full);
    await finishRun(db, runId, report.status, runStats(report));
    return report;
  } catch (error) {
    const partial = finalReport(options, runId, summaries, null);
    await finishRun(db, runId, 'failed', runStats(partial), (error as Error).message).catch(
      () => undefined,
    );
    throw error;
  }
}

function finalReport(
  options: ImportOptions,
  runId: number,
  files: readonly FileSummary[],
  full: FullSweep | null,
): ImportReport {
  return {
    source: options.source,
    runId,
    status: statusOf(files),
    files,
    skipped: options.skipped ?? [],
    full,
    totals: totalsOf(files, full),
  };
}

function runStats(report: ImportReport): Record<string, unknown> {
  const files = report.files.map(({ issues: _issues, ...counts }) => counts);
  return { files, full: report.full, totals: report.totals };
}

async function sweep(
  db: Database,
  source: string,
  indexes: readonly KeyIndex[],
  blocked: string | undefined,
): Promise<FullSweep> {
  const kinds = [...new Set(indexes.flatMap((i) => [...i.kinds]))].sort();
  if (blocked) return { kinds, deleted: 0, skipped: `${blocked}, so what it lists is not known` };
  const listed: Listed = { has: (key) => indexes.some((i) => i.has(key)) };
  return { kinds, deleted: await sweepUnlisted(db, source, kinds, listed) };
}
