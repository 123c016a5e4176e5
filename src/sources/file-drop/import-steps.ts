/**
 * The steps both ways of importing a file share (import-file.ts, import-overlapped.ts): the first
 * pass with its fault handling, the file_imports record, and the file's summary.
 *
 * @module
 */
import type { BigIntStats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type { Database } from '../../store/database.js';
import type { BeginFileImport } from '../../store/file-imports-repo.js';
import type { ChangeCounts } from './apply-pass.js';
import { checkFile, type CheckOptions, type FileCheck } from './check-pass.js';
import type { FileFormat } from './file-formats.js';
import type { ImportFile, ImportOptions } from './import-files.js';
import type { FileSummary } from './import-report.js';

export interface FileImportContext {
  readonly db: Database;
  readonly options: ImportOptions;
  readonly runId: number;
}

/** Issues a file summary keeps (all are counted). */
const KEPT_ISSUES = 100;

/**
 * The first pass, with the file's size and modification time taken before it. A file that
 * vanished or cannot be read is a fault with a clear message, not a crash.
 */
export async function checkReadable(
  file: ImportFile,
  path: string,
  options: CheckOptions,
): Promise<{ before: BigIntStats; check: FileCheck }> {
  try {
    const before = await stat(path, { bigint: true });
    return { before, check: await checkFile(options) };
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) throw cause;
    throw new LedgerbridgeError(
      'LB_IMPORT_UNREADABLE',
      `Cannot read ${file.file}: ${(cause as Error).message}`,
      { cause },
    );
  }
}

/** What file_imports records of this file. */
export function fileRecord(
  ctx: FileImportContext,
  path: string,
  check: FileCheck,
  before: BigIntStats,
): BeginFileImport {
  const { options, runId } = ctx;
  return {
    source: options.source,
    path,
    fileHash: check.hash,
    size: Number(before.size),
    mtimeNs: String(before.mtimeNs),
    pageSize: pageSizeOf(options),
    partial: options.partial ?? false,
    runId,
  };
}

/** A file is refused — nothing of it applied — for a file-level issue, or any rejection without --partial. */
export const isRefused = (check: FileCheck, partial: boolean): boolean =>
  check.fileIssues.length > 0 || (check.state.issueCount > 0 && !partial);

export const pageSizeOf = (options: ImportOptions): number => options.pageSize ?? 5_000;

export function checkOptions(
  ctx: FileImportContext,
  file: ImportFile,
  path: string,
  format: FileFormat,
): CheckOptions {
  const { options } = ctx;
  return {
    db: ctx.db,
    source: options.source,
    ...(options.entity === undefined ? {} : { entity: options.entity }),
    full: options.full ?? false,
    partial: options.partial ?? false,
    file: file.file,
    path,
    format,
    ...(options.spillDir === undefined ? {} : { spillDir: options.spillDir }),
    progressEvery: options.progressEvery ?? 50_000,
    settleFromStoreAt: options.settleFromStoreAt ?? 20_000,
    ...(options.workerFromBytes === undefined ? {} : { workerFromBytes: options.workerFromBytes }),
    ...(options.compiledWorker === undefined ? {} : { compiledWorker: options.compiledWorker }),
    onProgress: (done) => options.onProgress?.({ file: file.file, phase: 'check', done }),
  };
}

export function summarise(
  file: ImportFile,
  format: FileFormat,
  check: FileCheck,
  counts: ChangeCounts,
  outcome: { refused: boolean; resumedPages: number },
): FileSummary {
  const { state } = check;
  // File-level issues first, then by line (the first pass finds reference problems last).
  const issues = [...check.fileIssues, ...[...state.issues].sort((a, b) => a.line - b.line)];
  return {
    file: file.file,
    format,
    lines: check.lines,
    records: state.records,
    ...counts,
    rejected: state.rejected,
    applied: !outcome.refused,
    resumedPages: outcome.resumedPages,
    issueCount: check.fileIssues.length + state.issueCount,
    issues: issues.slice(0, KEPT_ISSUES),
  };
}
