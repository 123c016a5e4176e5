/**
 * One file, one transaction, checked and applied at once: the default way. The first pass hands
 * each accepted record to a page writer as it goes (page-tee.ts), so the store writes — the
 * PostgreSQL server on its own core, PGlite on the main thread — while the check worker reads and
 * checks on another; the transaction commits only when the file turned out to have no rejection
 * at all, and otherwise rolls back: a file with bad rows still applies nothing. The two-pass
 * import (import-file.ts) remains for --partial, which must know every rejection before writing
 * anything, and for callers that pass `overlap: false`: on the embedded store this way holds its
 * one connection for the whole file (a million lines: ~30 s), the two-pass way a page at a time.
 * Measured on the million-document embedded import, alternating: 32.5–35.5 s against 38.3–40.1 s
 * two-pass, and 40.4–41.6 s against 54.1 s on a slow hour.
 *
 * The transaction holds the source's exclusive lock (source-lock.ts): when the source has no
 * documents yet, as on a practice's first import, every page is a plain INSERT.
 *
 * A crash loses the whole transaction, so a re-run starts the file afresh: nothing is ever half
 * applied, but nothing is resumed either (`resumedPages` is always 0 here).
 *
 * Nothing is spilled to disk: the check worker makes each document's page entry and the pages
 * take it. The one case that needs the spill — the file deletes a document its own records were
 * accepted against, so those must be found again (a cascade) — rolls back and answers undefined,
 * and the caller imports the file the two-pass way, which refuses it with every issue named.
 *
 * @module
 */
import type { BigIntStats } from 'node:fs';
import { settleFileImport } from '../../store/file-imports-repo.js';
import { serialQueryable } from '../../store/serial-queryable.js';
import { lockSourceDocuments, sourceHasDocuments } from '../../store/source-lock.js';
import { ensureEntity } from '../../store/sources-repo.js';
import { zeroCounts } from './apply-pass.js';
import { SpillNeeded, type FileCheck } from './check-pass.js';
import type { FileFormat } from './file-formats.js';
import {
  checkOptions,
  checkReadable,
  fileRecord,
  isRefused,
  pageSizeOf,
  summarise,
  type FileImportContext,
} from './import-steps.js';
import type { ImportFile } from './import-files.js';
import type { FileSummary } from './import-report.js';
import { PageTee } from './page-tee.js';

/** Thrown inside the transaction to roll it back when the file has rejections. */
class Refused extends Error {}

export async function importOverlapped(
  ctx: FileImportContext,
  file: ImportFile,
  path: string,
  format: FileFormat,
): Promise<{ summary: FileSummary; check: FileCheck } | undefined> {
  const { db, options } = ctx;
  let checked: { before: BigIntStats; check: FileCheck } | undefined;
  let applied: FileSummary | undefined;
  try {
    applied = await db.transaction(async (connection) => {
      const tx = serialQueryable(connection);
      // The source to itself for the file: if it holds nothing yet, nothing can conflict.
      await lockSourceDocuments(tx, options.source, 'exclusive');
      const fresh = !(await sourceHasDocuments(tx, options.source));
      const tee = new PageTee({
        tx,
        source: options.source,
        pageSize: pageSizeOf(options),
        fresh,
        onProgress: (done) => options.onProgress?.({ file: file.file, phase: 'apply', done }),
        ...(options.hooks ? { hooks: options.hooks } : {}),
      });
      try {
        // Store lookups (references) go through the transaction too: on PGlite it is the one
        // connection, and a query outside it would wait for the transaction to end.
        checked = await checkReadable(file, path, {
          ...checkOptions(ctx, file, path, format),
          db: tx,
          tee,
        });
        const { check } = checked;
        if (isRefused(check, false)) throw new Refused();
        const counts = await tee.finish();
        for (const entity of check.state.entities) await ensureEntity(tx, options.source, entity);
        const summary = summarise(file, format, check, counts, { refused: false, resumedPages: 0 });
        await settle(tx, ctx, path, checked, summary, 'applied');
        return summary;
      } finally {
        await tee.drain();
      }
    });
  } catch (error) {
    if (error instanceof SpillNeeded) return undefined; // rolled back: the two-pass way reports it
    if (!(error instanceof Refused)) throw error;
  }
  const { check } = checked!;
  if (!options.full) check.state.index.clear();
  if (applied) return { summary: applied, check };
  const summary = summarise(file, format, check, zeroCounts(), { refused: true, resumedPages: 0 });
  await settle(db, ctx, path, checked!, summary, 'rejected');
  return { summary, check };
}

async function settle(
  db: Parameters<typeof settleFileImport>[0],
  ctx: FileImportContext,
  path: string,
  checked: { before: BigIntStats; check: FileCheck },
  summary: FileSummary,
  state: 'applied' | 'rejected',
): Promise<void> {
  const { issues: _issues, ...stats } = summary;
  const record = fileRecord(ctx, path, checked.check, checked.before);
  await settleFileImport(db, { ...record, state, stats });
}
