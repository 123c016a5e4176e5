/**
 * How long a short command takes as a real process (issue 16: every command spent ~1.5 s before
 * doing anything; `map line-kind` took 1.5–1.6 s). Each command runs as a user runs it —
 * `node bin/ledgerbridge.js …` over the built dist/, which this bench builds first — RUNS times
 * (default 7), and the median wall time is reported beside Node's own start (`node -e 0`), the
 * floor no command can go under. Commands that open the embedded store also pay for PGlite's boot
 * (a WASM PostgreSQL starting up, ~0.3–0.5 s of CPU), which no import change removes; PostgreSQL
 * (when DATABASE_URL is set) is measured beside it on a database of its own.
 *
 * Before and after: with CLI_STARTUP_BASELINE=/path/to/another/checkout (built, same schema), the
 * same commands run from there too, alternating with this checkout's so both see the same load,
 * and both medians are printed side by side. Target: ≤ 0.5 s for status, map and errors.
 *
 * Run: `npm run bench -- cli-startup` (or `npx tsx bench/cli-startup.ts`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { admin, databaseUrl, postgresUrl } from '../test/support/backends.js';
import { openStore } from '../src/store/open-store.js';
import { upsertOrganisation } from '../src/store/organisations-repo.js';
import type { BenchResult } from './bench-result.js';

const ROOT = join(import.meta.dirname, '..');
const RUNS = Number(process.env.CLI_STARTUP_RUNS ?? 7);
const BASELINE = process.env.CLI_STARTUP_BASELINE;
const TARGET_S = 0.5;

/** The commands timed; `store` ones open the store. */
const COMMANDS: { readonly args: readonly string[]; readonly store: boolean }[] = [
  { args: ['--version'], store: false },
  { args: ['map', 'check', '--help'], store: false },
  { args: ['status'], store: true },
  { args: ['errors'], store: true },
  { args: ['map', 'line-kind', 'time', '200'], store: true },
];

type Env = Record<string, string | undefined>;

/**
 * The floor under every command that opens the store: a process that only opens it (PGlite's boot,
 * or pg's import and a connection), asks `SELECT 1` and closes it, from the built dist/.
 */
const STORE_ALONE = `
  const { openStore } = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist/store/open-store.js')).href)});
  const { DATABASE_URL: databaseUrl, LEDGERBRIDGE_DATA_DIR: dataDir } = process.env;
  const { db } = await openStore({ dataDir, databaseUrl }, 'existing');
  await db.query('SELECT 1');
  await db.close();
`;

export async function benchCliStartup(): Promise<BenchResult> {
  build(ROOT);
  if (BASELINE) build(BASELINE);
  const work = mkdtempSync(join(tmpdir(), 'lb-bench-startup-'));
  const metrics: Record<string, number> = { 'load average at start': round(loadavg()[0]!) };
  let pass = true;
  try {
    metrics['node -e 0 (s, median)'] = median(times(() => run(process.execPath, ['-e', '0'])));
    const backends: [string, Env][] = [['embedded', await embeddedStore(work)]];
    const postgres = postgresUrl ? await postgresStore() : undefined;
    if (postgres) backends.push(['PostgreSQL', postgres.env]);
    try {
      for (const [backend, env] of backends)
        for (const { args, store } of COMMANDS) {
          if (!store && backend !== 'embedded') continue;
          const label = `${args.join(' ')}${store ? ` (${backend})` : ''}`;
          const after: number[] = [];
          const before: number[] = [];
          for (let i = 0; i < RUNS; i++) {
            after.push(cli(ROOT, args, env));
            if (BASELINE) before.push(cli(BASELINE, args, env));
          }
          if (BASELINE) metrics[`${label}: before (s)`] = median(before);
          metrics[`${label}${BASELINE ? ': after' : ''} (s)`] = median(after);
          if (args[0] !== '--version' && median(after) > TARGET_S) pass = false;
        }
      for (const [backend, env] of backends)
        metrics[`store open and close alone (${backend})`] = median(
          times(() => run(process.execPath, ['--input-type=module', '-e', STORE_ALONE], env)),
        );
    } finally {
      await postgres?.drop();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return {
    name: `cli-startup (median of ${RUNS} runs of each command as a process)`,
    metrics,
    target: `status, map and errors ≤ ${TARGET_S} s`,
    pass,
    notes:
      'Wall time on a shared machine: compare with `node -e 0` and the load average. ' +
      (BASELINE ? '' : 'Set CLI_STARTUP_BASELINE to a built checkout to compare with it. ') +
      (postgresUrl ? '' : 'PostgreSQL not measured: DATABASE_URL is not set.'),
  };
}

/** An initialised embedded store with one organisation, so `map line-kind` has one to map for. */
async function embeddedStore(work: string): Promise<Env> {
  const env = { DATABASE_URL: undefined, LEDGERBRIDGE_DATA_DIR: join(work, 'store') };
  await seed({ dataDir: env.LEDGERBRIDGE_DATA_DIR });
  return env;
}

async function postgresStore(): Promise<{ env: Env; drop: () => Promise<void> }> {
  const name = `lb_bench_startup_${process.pid}`;
  await admin(`DROP DATABASE IF EXISTS ${name}`);
  await admin(`CREATE DATABASE ${name}`);
  const url = databaseUrl(name);
  await seed({ dataDir: '', databaseUrl: url });
  return {
    env: { DATABASE_URL: url },
    drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function seed(config: { dataDir: string; databaseUrl?: string }): Promise<void> {
  const { db } = await openStore(config, 'init');
  try {
    await upsertOrganisation(db, {
      tenantId: 'bench-tenant',
      name: 'Bench Practice',
      connectionKind: 'oauth',
    });
  } finally {
    await db.close();
  }
}

function build(checkout: string): void {
  const tsc = join(checkout, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: checkout,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`build failed in ${checkout}: ${result.stdout}`);
}

/** Seconds one command takes as a process; a failure stops the bench (it would time nothing). */
function cli(checkout: string, args: readonly string[], env: Env): number {
  const bin = join(checkout, 'bin', 'ledgerbridge.js');
  return run(
    process.execPath,
    [bin, ...args],
    env,
    checkout === BASELINE && args[0] === '--version',
  );
}

function run(command: string, args: readonly string[], env: Env = {}, mayFail = false): number {
  const merged = { ...process.env, ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd: ROOT, env: merged, encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0 && !mayFail)
    throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return seconds;
}

function times(once: () => number): number[] {
  return Array.from({ length: RUNS }, once);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return round(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
}

const round = (n: number) => Math.round(n * 100) / 100;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  console.log(JSON.stringify(await benchCliStartup(), null, 2));
