/**
 * What a drop folder holds, in the order it is imported: code-unit order of the names, the same
 * on every machine and locale ("01-…" < "02-…" < "a…" < "b…"). A symbolic link counts as what it
 * points to — exports are often linked into a drop folder rather than copied — and a link that
 * leads nowhere as something that is not an import file. Folders inside are not read (a drop
 * folder is flat); they are listed so the user sees they were passed over.
 *
 * @module
 */
import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { formatOf } from './file-formats.js';

export interface FolderEntry {
  readonly name: string;
  readonly path: string;
  /** import: a .jsonl, .ndjson or .csv file; folder: not read; other: anything else. */
  readonly kind: 'import' | 'folder' | 'other';
}

/** Hidden entries (".DS_Store") and files still being written ("x.jsonl.part", "x.tmp", "x~"). */
const IGNORED = /^\.|\.(part|tmp)$|~$/i;

/** The folder's entries, those it ignores left out. */
export async function folderEntries(folder: string): Promise<FolderEntry[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const sorted = entries
    .filter((e) => !IGNORED.test(e.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: FolderEntry[] = [];
  for (const entry of sorted) {
    const path = join(folder, entry.name);
    const type = await typeOf(entry, path);
    const kind = type === 'file' && formatOf(entry.name) ? 'import' : type === 'folder' ? 'folder' : 'other'; // prettier-ignore
    out.push({ name: entry.name, path, kind });
  }
  return out;
}

async function typeOf(entry: Dirent, path: string): Promise<'file' | 'folder' | 'other'> {
  if (entry.isSymbolicLink()) {
    const target = await stat(path).catch(() => undefined);
    return target?.isFile() ? 'file' : target?.isDirectory() ? 'folder' : 'other';
  }
  return entry.isFile() ? 'file' : entry.isDirectory() ? 'folder' : 'other';
}
