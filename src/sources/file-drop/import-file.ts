/**
 * One file, one change set: the first pass checks all of it (check-pass.ts); a file with
 * rejections applies nothing unless --partial; otherwise the second pass applies it in pages
 * (apply-pass.ts), resuming the pages an interrupted import of the same bytes committed. Either
 * way the file's fingerprint and outcome are recorded (file_imports), which --watch relies on.
 * This is the way of --partial and of `overlap: false`; otherwise a file is checked and applied at
 * once, in one transaction (import-overlapped.ts), and comes here only for a cascade.
 *
 * @module
 */
import { resolve } from 'node:path';
import { beginFileImport, settleFileImport } from '../../store/file-imports-repo.js';
import { ensureEntity } from '../../store/sources-repo.js';
import { applySpill, zeroCounts, type ChangeCounts } from './apply-pass.js';
import type { FileCheck } from './check-pass.js';
import { formatOf } from './file-formats.js';
import { collectGarbage } from './heap-governor.js';
import type { ImportFile } from './import-files.js';
import { importOverlapped } from './import-overlapped.js';
import type { FileSummary } from './import-report.js';
import {
  checkOptions,
  checkReadable,
  fileRecord,
  isRefused,
  summarise,
  type FileImportContext,
} from './import-steps.js';

export type { FileImportContext } from './import-steps.js';

export async function importFile(
  ctx: FileImportContext,
  file: ImportFile,
): Promise<{ summary: FileSummary; check: FileCheck }> {
  const path = resolve(file.path);
  const format = formatOf(path) ?? 'jsonl';
  const { options } = ctx;
  if (!options.partial && (options.overlap ?? true)) {
    const overlapped = await importOverlapped(ctx, file, path, format);
    if (overlapped) return overlapped;
  }
  const { before, check } = await checkReadable(file, path, checkOptions(ctx, file, path, format));
  try {
    const refused = isRefused(check, options.partial ?? false);
    const record = fileRecord(ctx, path, check, before);
    // Only --full needs the keys after the first pass (to know what the import listed).
    if (!options.full) {
      check.state.index.clear();
      collectGarbage();
    }
    let counts: ChangeCounts = zeroCounts();
    let resumedPages = 0;
    if (!refused) {
      for (const entity of check.state.entities) await ensureEntity(ctx.db, options.source, entity);
      const resumed = await beginFileImport(ctx.db, record);
      resumedPages = resumed.size;
      counts = await applySpill({
        db: ctx.db,
        file: record,
        spillPath: check.spill!.path,
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
    await check.spill?.remove();
  }
}
