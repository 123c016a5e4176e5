/**
 * The version `ledgerbridge --version` prints: package.json's, read where it sits two folders up
 * from this file both as source (src/cli/) and compiled (dist/cli/).
 *
 * @module
 */
import { readFileSync } from 'node:fs';

export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
}
