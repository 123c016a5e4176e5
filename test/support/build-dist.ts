/**
 * Vitest global setup: tests that run the real CLI in a child process run the compiled copy
 * (bin/ledgerbridge.js → dist/), as users do. Through tsx every spawn cost ~1 s more CPU (measured
 * 2026-12-04: `status` 1.3 s against 0.3 s) and the suite spawns the CLI well over a hundred times.
 * So dist/ is rebuilt here when any source file is newer than the last build this setup saw —
 * a test never runs stale compiled code.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const stamp = join(root, 'dist', '.tests-built');

export default function buildDist(): void {
  if (existsSync(stamp) && newestSource(join(root, 'src')) <= statSync(stamp).mtimeMs) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  writeFileSync(stamp, ''); // its modification time is the build's
}

/** The newest modification time of the compiled sources (tests are not compiled). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
      newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}
