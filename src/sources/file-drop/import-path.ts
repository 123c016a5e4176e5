/**
 * `import FILE|FOLDER`: a file is imported alone; a folder's import files are imported one after
 * another in name order (so `01-contacts.jsonl` comes before `02-invoices.jsonl`), its other
 * entries listed as skipped. The source defaults to the file's or folder's base name.
 *
 * @module
 */
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type { Database } from '../../store/database.js';
import { formatOf } from './file-formats.js';
import { folderEntries } from './folder-entries.js';
import { importFiles, type ImportFile, type ImportOptions } from './import-files.js';
import type { ImportReport } from './import-report.js';

export interface ImportTarget {
  readonly files: readonly ImportFile[];
  /** Folder entries that are not import files. */
  readonly skipped: readonly string[];
  readonly folder: boolean;
}

export type PathImportOptions = Omit<ImportOptions, 'source' | 'skipped'> & {
  readonly source?: string;
};

/** Imports a file or a folder of files into `options.source` (default: its base name). */
export async function importPath(
  db: Database,
  target: string,
  options: PathImportOptions = {},
): Promise<ImportReport> {
  const found = await resolveImportTarget(target);
  const source = options.source ?? sourceNameFrom(target);
  return importFiles(db, found.files, { ...options, source, skipped: found.skipped });
}

export async function resolveImportTarget(target: string): Promise<ImportTarget> {
  let info;
  try {
    info = await stat(target);
  } catch (cause) {
    throw new LedgerbridgeError(
      'LB_IMPORT_UNREADABLE',
      `Cannot read ${target}: ${(cause as Error).message}`,
      { cause },
    );
  }
  if (info.isDirectory()) return listFolder(target);
  if (!formatOf(basename(target)))
    throw new LedgerbridgeError(
      'LB_IMPORT_UNREADABLE',
      `${target} is not a .jsonl, .ndjson or .csv file`,
    );
  return { files: [{ file: target, path: target }], skipped: [], folder: false };
}

async function listFolder(folder: string): Promise<ImportTarget> {
  const entries = await folderEntries(folder);
  const files = entries.filter((e) => e.kind === 'import').map((e) => ({ file: e.path, path: e.path })); // prettier-ignore
  const skipped = entries
    .filter((e) => e.kind !== 'import')
    .map((e) => (e.kind === 'folder' ? `${e.name}/` : e.name));
  return { files, skipped, folder: true };
}

/** "Clinic Export.jsonl" → "clinic-export"; a name the store accepts or an error saying to pass one. */
export function sourceNameFrom(target: string): string {
  const base = basename(target.replace(/[\\/]+$/, ''));
  const stem = formatOf(base) ? base.slice(0, -extname(base).length) : base;
  const name = stem
    .normalize('NFKD') // "Ü" → "U" + a combining mark, which the next step drops: "Zoë" → "zoe"
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  if (!name)
    throw new LedgerbridgeError('LB_USAGE', `Cannot derive a source name from ${target}`, {
      fix: 'Name the source with --source NAME (lowercase letters, digits, ".", "_" or "-").',
    });
  return name;
}
