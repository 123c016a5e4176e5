/**
 * How long a short command takes as a real process (issue 16: every command spent ~1.5 s before
 * doing anything; `map line-kind` took 1.5–1.6 s). Each command runs as a user runs it —
 * `node bin/ledgerbridge.js …` over the built dist/, which this bench builds first — RUNS times
 * (default 7), and the median wall and CPU time (every thread of the process; far steadier than
 * wall time on a shared machine) are reported beside Node's own start (`node -e 0`), the floor no
 * command can go under. A command that opens the store also pays for the store itself, which no
 * import change removes: PGlite boots a WASM PostgreSQL (~1 s of CPU over its threads on the
 * 2-core machine of 12-04), PostgreSQL (measured when DATABASE_URL is set, on a database of its
 * own) costs pg's import and a connection (~0.15 s). "store open and close alone" measures it.
 *
 * Before and after: with CLI_STARTUP_BASELINE=/path/to/another/checkout (built, same schema), the
 * same commands run from there too, alternating with this checkout's so both see the same load,
 * and both medians are printed side by side. Target: ≤ 0.5 s for status, map and errors.
 *
 * Run: `npm run bench -- cli-startup` (or `npx tsx bench/cli-startup.ts`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
  // `map list`, not `map check`: that one asks Xero (no Xero here), whose answer would be timed.
  { args: ['map', 'list'], store: true },
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
  const runner = makeRunner(work);
  const warm = await embeddedStore(work, 'store-warm', '10');
  try {
    record(metrics, 'node -e 0', [['', times(() => runner([`-e`, '0']))]]);
    const inProcess = await embeddedStore(work, 'store', '0');
    const backends: [string, Variant[]][] = [['embedded', variants(inProcess, warm)]];
    const postgres = postgresUrl ? await postgresStore() : undefined;
    if (postgres) backends.push(['PostgreSQL', variants(postgres.env)]);
    try {
      for (const [backend, all] of backends) {
        for (const { args, store } of COMMANDS) {
          if (!store && backend !== 'embedded') continue;
          const chosen = store ? all : all.filter((v) => v.name !== 'warm');
          const series = alternate(runner, chosen, args);
          record(metrics, `${args.join(' ')}${store ? ` (${backend})` : ''}`, series);
          // The target: warm on the embedded store, this checkout's own process on PostgreSQL.
          const judged = series.find(([name]) => name === 'warm') ?? series[0]!;
          const wall = median(judged[1].map((t) => t.wall));
          if (args[0] !== '--version' && wall > TARGET_S) pass = false;
        }
        const alone = times(() => runner(['--input-type=module', '-e', STORE_ALONE], all[0]!.env));
        record(metrics, `store open and close alone (${backend})`, [['', alone]]);
      }
    } finally {
      await postgres?.drop();
    }
  } finally {
    runner([join(ROOT, 'bin', 'ledgerbridge.js'), 'store', 'stop'], warm, true);
    rmSync(work, { recursive: true, force: true });
  }
  return {
    name: `cli-startup (median of ${RUNS} runs of each command as a process)`,
    metrics,
    target: `status, map and errors ≤ ${TARGET_S} s (wall; warm on the embedded store)`,
    pass,
    notes:
      'Wall time depends on the machine’s load (see node -e 0 and the load average); CPU time ' +
      '(every thread of the process) much less. On the embedded store "in-process" opens the ' +
      'store in the command’s process (LEDGERBRIDGE_KEEP_WARM_MINUTES=0), "warm" hands the ' +
      'command to the warm store process (started before the runs; src/cli/warm/). ' +
      (BASELINE ? '' : 'Set CLI_STARTUP_BASELINE to a built checkout to compare with it. ') +
      (postgresUrl ? '' : 'PostgreSQL not measured: DATABASE_URL is not set.'),
  };
}

/** A way to run the commands: this checkout or the baseline's, with a store's environment. */
interface Variant {
  readonly name: string;
  readonly bin: string;
  readonly env: Env;
  /** The baseline may not know an option (--version): its start-up is timed all the same. */
  readonly mayFail?: boolean;
}

function variants(env: Env, warm?: Env): Variant[] {
  const own = join(ROOT, 'bin', 'ledgerbridge.js');
  return [
    { name: warm ? 'in-process' : 'after', bin: own, env },
    ...(warm ? [{ name: 'warm', bin: own, env: warm }] : []),
    ...(BASELINE
      ? [{ name: 'before', bin: join(BASELINE, 'bin', 'ledgerbridge.js'), env, mayFail: true }]
      : []),
  ];
}

/** Each variant's runs of `args`, in turn, so all see the same load. */
function alternate(
  runner: Runner,
  all: readonly Variant[],
  args: readonly string[],
): [string, Timing[]][] {
  const series = all.map((v): [string, Timing[]] => [v.name, []]);
  for (let i = 0; i < RUNS; i++)
    all.forEach((v, j) => series[j]![1].push(runner([v.bin, ...args], v.env, v.mayFail)));
  return series;
}

function record(
  metrics: Record<string, number>,
  label: string,
  series: readonly (readonly [string, readonly Timing[]])[],
): void {
  for (const [name, runs] of series)
    for (const key of ['wall', 'cpu'] as const)
      metrics[`${label}: ${key} s${name && series.length > 1 ? `, ${name}` : ''}`] = median(
        runs.map((t) => t[key]),
      );
}

/**
 * An initialised embedded store with one organisation, so `map line-kind` has one to map for;
 * with keep-warm above 0 its warm store process is started by an untimed `status`.
 */
async function embeddedStore(work: string, name: string, keepWarm: string): Promise<Env> {
  const env = {
    DATABASE_URL: undefined,
    LEDGERBRIDGE_DATA_DIR: join(work, name),
    LEDGERBRIDGE_KEEP_WARM_MINUTES: keepWarm,
  };
  await seed({ dataDir: env.LEDGERBRIDGE_DATA_DIR });
  if (keepWarm !== '0') {
    const started = spawnSync(process.execPath, [join(ROOT, 'bin', 'ledgerbridge.js'), 'status'], {
      env: { ...process.env, ...env },
    });
    if (started.status !== 0) throw new Error(`status failed: ${String(started.stderr)}`);
  }
  return env;
}

async function postgresStore(): Promise<{ env: Env; drop: () => Promise<void> }> {
  const name = `lb_bench_startup_${process.pid}`;
  await admin(`DROP DATABASE IF EXISTS ${name}`);
  await admin(`CREATE DATABASE ${name}`);
  const url = databaseUrl(name);
  await seed({ dataDir: '', databaseUrl: url });
  return {
    env: { DATABASE_URL: url, LEDGERBRIDGE_KEEP_WARM_MINUTES: '0' },
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

interface Timing {
  readonly wall: number;
  /** CPU seconds of every thread of the process (PGlite compiles its WASM on others). */
  readonly cpu: number;
}

type Runner = (args: readonly string[], env?: Env, mayFail?: boolean) => Timing;

/**
 * Runs `node ARGS` and times it; a failure stops the bench (it would time nothing). The child
 * reports its own CPU time at exit through a preloaded module, into a file of `work`.
 */
function makeRunner(work: string): Runner {
  let n = 0;
  return (args, env = {}, mayFail = false) => {
    const cpuFile = join(work, `cpu-${n++}`);
    const merged: Env = { ...process.env, ...env, LB_BENCH_CPU_FILE: cpuFile };
    for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--import', CPU_PRELOAD, ...args], {
      cwd: ROOT,
      env: merged,
      encoding: 'utf8',
    });
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    if (result.status !== 0 && !mayFail)
      throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
    return { wall, cpu: Number(readFileSync(cpuFile, 'utf8')) };
  };
}

const CPU_PRELOAD = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => { const u = process.cpuUsage(); writeFileSync(process.env.LB_BENCH_CPU_FILE, String((u.user + u.system) / 1e6)); });",
)}`;

function times<T>(once: () => T): T[] {
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
