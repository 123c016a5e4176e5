import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

describe('npm run bench -- --help', () => {
  it('lists every bench, one line each, without running any', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--help'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('running');
    // A bench is a file of bench/ that exports a bench…() function, named as the file is.
    const benches = readdirSync(join(root, 'bench'))
      .filter((f) => f.endsWith('.ts'))
      .filter((f) =>
        /export async function bench\w*\(/.test(readFileSync(join(root, 'bench', f), 'utf8')),
      )
      .map((f) => f.replace(/\.ts$/, ''));
    const lines = result.stdout.split('\n').filter((l) => /^ {2}\S/.test(l));
    expect(lines.map((l) => l.trim().split(/\s+/)[0]).sort()).toEqual(benches.sort());
    for (const line of lines) expect(line.trim().split(/\s{2,}/)[1]).toMatch(/\w{3}/);
  });
});
