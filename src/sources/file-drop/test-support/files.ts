/** Temporary folders of import files for tests, removed afterwards. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const SAMPLES = join(import.meta.dirname, '..', '..', '..', '..', 'samples', 'demo');

export interface TempFolder {
  readonly dir: string;
  /** Writes `name` (JSON values become JSON Lines) and returns its path. */
  write(name: string, content: string | readonly unknown[]): string;
  remove(): void;
}

export function tempFolder(prefix = 'lb-drop-'): TempFolder {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return {
    dir,
    write(name, content) {
      const path = join(dir, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(
        path,
        typeof content === 'string'
          ? content
          : content.map((r) => JSON.stringify(r)).join('\n') + '\n',
      );
      return path;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The records of a JSON Lines file. */
export function readJsonl(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
