/**
 * One file, one change set: the first pass checks all of it (check-pass.ts); a file with
 * rejections applies nothing unless --partial; otherwise the second pass applies it in pages
 * (apply-pass.ts), resuming the pages an interrupted import of the same bytes committed. Either
 * way the file's fingerprint and outcome are recorded (file_imports), which --watch relies on.
 *
 * @module
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type { Database } from '../../store/database.js';
import { beginFileImport, settleFileImport } from '../../store/file-imports-repo.js';
import { ensureEntity } from '../../store/sources-repo.js';
import { applySpill, zeroCounts, type ChangeCounts } from './apply-pass.js';
import { checkFile, type CheckOptions, type FileCheck } from './check-pass.js';
import { formatOf, type FileFormat } from './file-formats.js';
import type { ImportFile, ImportOptions } from './import-files.js';
import type { FileSummary } from './import-report.js';

export interface FileImportContext {
  readonly db: Database;
  readonly options: ImportOptions;
  readonly runId: number;
}

/** Issues a file summary keeps (all are counted). */
const KEPT_ISSUES = 100;

export async function importFile(
  ctx: FileImportContext,
  file: ImportFile,
): Promise<{ summary: FileSummary; check: FileCheck }> {
  const path = resolve(file.path);
  const format = formatOf(path) ?? 'jsonl';
  const { before, check } = await readable(file.file, async () => {
    const before = await stat(path, { bigint: true });
    return { before, check: await checkFile(checkOptions(ctx, file, path, format)) };
  });
  try {
    const { options, runId } = ctx;
    const refused = check.fileIssues.length > 0 || (check.state.issueCount > 0 && !options.partial);
    const record = {
      source: options.source,
      path,
      fileHash: check.hash,
      size: Number(before.size),
      mtimeNs: String(before.mtimeNs),
      pageSize: options.pageSize ?? 2_000,
      partial: options.partial ?? false,
      runId,
    };
    // Only --full needs the keys after the first pass (to know what the import listed).
    if (!options.full) check.state.index.clear();
    let counts: ChangeCounts = zeroCounts();
    let resumedPages = 0;
    if (!refused) {
      for (const entity of check.state.entities) await ensureEntity(ctx.db, options.source, entity);
      const resumed = await beginFileImport(ctx.db, record);
      resumedPages = resumed.size;
      counts = await applySpill({
        db: ctx.db,
        file: record,
        spillPath: check.spill.path,
        rejectedLines: check.state.rejectedLines,
        pageSize: record.pageSize,
        concurrency: options.concurrency ?? (ctx.db.backend === 'postgres' ? 2 : 1),
        resumed,
        onProgress: (done) =>
          options.onProgress?.({
            file: file.file,
            phase: 'apply',
            done,
            total: check.state.accepted,
          }),
        ...(options.hooks ? { hooks: options.hooks } : {}),
      });
    }
    const summary = summarise(file, format, check, counts, { refused, resumedPages });
    const { issues: _issues, ...stats } = summary;
    await settleFileImport(ctx.db, { ...record, state: refused ? 'rejected' : 'applied', stats });
    return { summary, check };
  } finally {
    await check.spill.remove();
  }
}

/** A file that vanished or cannot be read is a fault with a clear message, not a crash. */
async function readable<T>(file: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) throw cause;
    throw new LedgerbridgeError(
      'LB_IMPORT_UNREADABLE',
      `Cannot read ${file}: ${(cause as Error).message}`,
      { cause },
    );
  }
}

function checkOptions(
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
    onProgress: (done) => options.onProgress?.({ file: file.file, phase: 'check', done }),
  };
}

function summarise(
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
