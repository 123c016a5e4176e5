/**
 * The numbered `.sql` files in migrations/ (NNNN_name.sql), in order. Read from the package so
 * the same files serve the source tree and the built dist/.
 *
 * @module
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** migrations/ sits two levels above this file both as src/store/*.ts and dist/store/*.js. */
export const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', 'migrations');

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  return files.map((file, index) => {
    const version = Number(file.slice(0, 4));
    if (version !== index + 1)
      throw new Error(`migrations: expected version ${index + 1}, found ${file}`);
    return { version, name: file.slice(5, -4), sql: readFileSync(join(dir, file), 'utf8') };
  });
}
