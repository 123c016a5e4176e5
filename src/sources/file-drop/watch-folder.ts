/**
 * `import --watch`: a drop folder polled every second. A file is imported once it has finished
 * arriving — the same size and modification time on two scans in a row — and never again while
 * its bytes stay the same: what was imported (path, SHA-256, size, mtime) is in the store, so a
 * restarted watcher does not redo it either. A file written as `name.part` and renamed when
 * complete is never seen half-written. Polling, not fs.watch: it behaves the same on every
 * platform and network share, and a one-second delay is nothing for a drop folder.
 *
 * @module
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type { Database } from '../../store/database.js';
import {
  findFileImport,
  listFileImports,
  touchFileImport,
  type FileImportRow,
} from '../../store/file-imports-repo.js';
import { ensureSource } from '../../store/sources-repo.js';
import { hashFile } from './file-formats.js';
import { folderEntries } from './folder-entries.js';
import { importFiles, type ImportFile } from './import-files.js';
import { sourceNameFrom, type PathImportOptions } from './import-path.js';
import type { ImportReport } from './import-report.js';

export interface WatchOptions extends PathImportOptions {
  /** Stops the watch (after the import in progress, if any). */
  readonly signal: AbortSignal;
  /** Milliseconds between scans (default 1,000). */
  readonly pollMs?: number;
  readonly onReport?: (report: ImportReport) => void;
  /** After every scan, with the files it imported (tests wait on this instead of sleeping). */
  readonly onScan?: (imported: readonly string[]) => void | Promise<void>;
}

interface Seen {
  readonly size: bigint;
  readonly mtimeNs: bigint;
}

/** Watches `folder` until `options.signal` aborts; resolves to the number of imports made. */
export async function watchFolder(
  db: Database,
  folder: string,
  options: WatchOptions,
): Promise<number> {
  if (!(await stat(folder).catch(() => undefined))?.isDirectory())
    throw new LedgerbridgeError('LB_USAGE', `--watch watches a folder: ${folder} is not one`, {
      fix: 'Give the drop folder (an existing directory) to `ledgerbridge import FOLDER --watch`.',
    });
  const source = options.source ?? sourceNameFrom(folder);
  await ensureSource(db, source, 'file');
  const known = new Map((await listFileImports(db, source)).map((r) => [r.path, r]));
  let seen = new Map<string, Seen>();
  let imports = 0;
  while (!options.signal.aborted) {
    const scan = await scanFolder(folder, seen);
    seen = scan.seen;
    const ready: ImportFile[] = [];
    for (const file of scan.stable)
      if (await needsImport(db, source, known, file.path, scan.seen.get(file.path)!))
        ready.push(file);
    if (ready.length > 0) {
      const report = await importFiles(db, ready, { ...options, source });
      imports++;
      for (const f of ready) {
        const row = await findFileImport(db, { source, path: resolve(f.path) });
        if (row) known.set(row.path, row);
      }
      options.onReport?.(report);
    }
    await options.onScan?.(ready.map((f) => f.file));
    await sleep(options.pollMs ?? 1_000, undefined, { signal: options.signal }).catch(
      () => undefined,
    );
  }
  return imports;
}

/** The folder's import files, and those that look the same as on the previous scan. */
async function scanFolder(
  folder: string,
  previous: ReadonlyMap<string, Seen>,
): Promise<{ seen: Map<string, Seen>; stable: ImportFile[] }> {
  const seen = new Map<string, Seen>();
  const stable: ImportFile[] = [];
  const paths = (await folderEntries(folder)).filter((e) => e.kind === 'import').map((e) => e.path);
  for (const path of paths) {
    const info = await stat(path, { bigint: true }).catch(() => undefined); // gone meanwhile
    if (!info) continue;
    const now = { size: info.size, mtimeNs: info.mtimeNs };
    seen.set(path, now);
    const before = previous.get(path);
    if (before && before.size === now.size && before.mtimeNs === now.mtimeNs)
      stable.push({ file: path, path });
  }
  return { seen, stable };
}

/** New, changed or interrupted: yes. Imported (or rejected) with these very bytes: no. */
async function needsImport(
  db: Database,
  source: string,
  known: Map<string, FileImportRow>,
  path: string,
  now: Seen,
): Promise<boolean> {
  const id = { source, path: resolve(path) };
  const row = known.get(id.path);
  if (!row || row.state === 'applying') return true;
  if (BigInt(row.size) === now.size && row.mtimeNs === String(now.mtimeNs)) return false;
  if ((await hashFile(path)) !== row.fileHash) return true;
  // Touched or copied again, same bytes: remember the new time so the file is not hashed again.
  await touchFileImport(db, id, String(now.mtimeNs));
  known.set(id.path, { ...row, mtimeNs: String(now.mtimeNs) });
  return false;
}
