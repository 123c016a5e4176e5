/**
 * An accounting firm's installation (issue 18): N Xero organisations (500) with M changed invoices
 * each (200), one file-drop source routed to each, on PostgreSQL, synced by two real `ledgerbridge
 * worker` processes from one scheduler tick, against the Xero sandbox with its limits on (60 calls
 * a minute, 5 at once, 5,000 a day per organisation). Then an idle tick: nothing changed anywhere.
 *
 * The bound: each organisation may make 60 calls a minute, so the installation may make N × 60.
 * A pass of 200 invoices needs ~4 batches of 50 plus a contact batch and the organisation's
 * settings reads — a dozen calls, well inside one organisation's minute — so what bounds the
 * whole is how many passes the workers keep in flight (2 × LEDGERBRIDGE_WORKER_CONCURRENCY) and
 * how fast they plan and send on the machine's cores. The sandbox runs on the wall clock: a faster
 * clock only loosens the per-minute limit in real time, and no organisation comes near it.
 *
 * Run: `npm run bench -- workers` (needs DATABASE_URL), `… -- workers --orgs 20 --invoices 50`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { validateDocument } from '../src/ledger/index.js';
import { exampleContact } from '../src/ledger/test-support/examples.js';
import { openJobQueue } from '../src/queue/pg-boss-queue.js';
import { upsertDocuments } from '../src/store/documents-repo.js';
import { putMapping } from '../src/store/mappings-repo.js';
import { ensureSource, routeEntity } from '../src/store/sources-repo.js';
import { startCli } from '../test/support/start-cli.js';
import { invoice, MAPPINGS } from '../test/support/sync-world.js';
import { admin, databaseUrl } from '../test/support/backends.js';
import { connectThroughConsent, REDIRECT_URI, TEST_SECRET } from '../test/support/xero-world.js';
import { startXeroSandbox, type XeroSandbox } from '../src/sandbox/xero/index.js';
import type { Database } from '../src/store/database.js';
import { migrate } from '../src/store/migrator.js';
import { openPostgresDatabase } from '../src/store/postgres-database.js';
import { makeAnchoredClock, type Clock } from '../src/time/clock.js';
import { XERO_LIMITS } from '../src/xero/budget.js';
import { deriveSealingKey } from '../src/xero/token-crypto.js';
import type { BenchResult } from './bench-result.js';

const WORKERS = 2;
const WRITE = /^(PUT|POST|DELETE) /;

/** How the run is set: passes in flight per worker, and the sandbox's clock (1 = the wall clock). */
interface RunShape {
  readonly concurrency: number;
  readonly timeScale: number;
  readonly epochMs: number;
}

interface World {
  readonly db: Database;
  readonly url: string;
  readonly sandbox: XeroSandbox;
  readonly app: { clientId: string; clientSecret?: string };
  readonly organisations: readonly { tenantId: string }[];
  dispose(): Promise<void>;
}

/** A fresh PostgreSQL database, migrated, and the sandbox's N organisations connected to it. */
async function makeWorld(orgs: number, clock: Clock): Promise<World> {
  if (!process.env.DATABASE_URL)
    throw new Error('the workers bench needs DATABASE_URL (PostgreSQL)');
  const name = `lb_bench_workers_${process.pid}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = databaseUrl(name);
  const db = await openPostgresDatabase(url);
  await migrate(db);
  const sandbox = await startXeroSandbox({
    clock,
    organisations: Array.from({ length: orgs }, (_, i) => ({ name: `Client ${i}`, region: 'AU' })),
  });
  const app = sandbox.control.registerClient({ redirectUris: [REDIRECT_URI] });
  const endpoints = { apiUrl: sandbox.url, identityUrl: sandbox.url, loginUrl: sandbox.url };
  const key = deriveSealingKey(TEST_SECRET);
  const organisations = await connectThroughConsent({
    db,
    key,
    endpoints,
    app,
    clock,
  });
  return {
    db,
    url,
    sandbox,
    app,
    organisations,
    async dispose() {
      await db.close();
      await sandbox.stop();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

/** Organisation i's source, routes, mappings and invoices (one contact, M invoices). */
async function seed(w: World, i: number, invoices: number): Promise<void> {
  const tenantId = w.organisations[i]!.tenantId;
  const source = `client-${i}`;
  await ensureSource(w.db, source, 'file');
  await routeEntity(w.db, source, 'default', tenantId);
  for (const [type, key, value] of MAPPINGS)
    await putMapping(w.db, { tenantId, source: '*', type, key, value });
  const records = [exampleContact, ...Array.from({ length: invoices }, (_, n) => invoice(n + 1))];
  await upsertDocuments(
    w.db,
    records.map((r) => {
      const v = validateDocument({ ...r, source }, { source });
      if (!v.ok) throw new Error(JSON.stringify(v.error));
      return v.value;
    }),
  );
}

function workerEnv(w: World, run: RunShape): Record<string, string | undefined> {
  return {
    DATABASE_URL: w.url,
    LEDGERBRIDGE_DATA_DIR: undefined,
    LEDGERBRIDGE_SECRET_KEY: TEST_SECRET,
    LEDGERBRIDGE_LOG_LEVEL: 'warn',
    LEDGERBRIDGE_WORKER_CONCURRENCY: String(run.concurrency),
    XERO_CLOCK_SCALE: `${run.timeScale}@${run.epochMs}`,
    // One tick only (the bench sends them): no scheduled pass may land inside the measurement.
    LEDGERBRIDGE_SYNC_INTERVAL_MINUTES: '600',
    XERO_CLIENT_ID: w.app.clientId,
    XERO_CLIENT_SECRET: w.app.clientSecret,
    XERO_API_URL: w.sandbox.url,
    XERO_IDENTITY_URL: w.sandbox.url,
    XERO_LOGIN_URL: w.sandbox.url,
  };
}

/** Sync passes running now (the `runs` rows still open). */
async function passesInFlight(w: World): Promise<number> {
  const [row] = await w.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM runs WHERE kind = 'sync' AND status = 'running'`,
  );
  return row!.n;
}

/**
 * Waits until every organisation's pass has succeeded, and says when each did (ms of real time
 * from start) and the most passes seen running at once. Read from the store once a second: asking
 * the sandbox for 500 organisations' invoices a few times a second took the CPU the sandbox needs
 * to answer the workers (whether Xero holds each invoice once is checked once, at the end).
 */
async function untilAllSynced(w: World, start: number, limitMs: number) {
  let mostInFlight = 0;
  for (;;) {
    if (Date.now() - start > limitMs) throw new Error('not every organisation synced in time');
    mostInFlight = Math.max(mostInFlight, await passesInFlight(w));
    const done = await w.db.query<{ ms: number }>(
      `SELECT (extract(epoch FROM min(finished_at)) * 1000)::float8 - $1::float8 AS ms FROM runs
        WHERE kind = 'sync' AND status = 'succeeded' GROUP BY tenant_id`,
      [start],
    );
    if (done.length >= w.organisations.length)
      return { completions: done.map((d) => d.ms), mostInFlight };
    await sleep(1_000);
  }
}

const round = (n: number, digits = 1) => Number(n.toFixed(digits));

function writesIn(stats: Record<string, Record<string, number>>): number {
  return Object.entries(stats)
    .filter(([e]) => WRITE.test(e) && !e.includes('/connect'))
    .reduce((n, [, s]) => n + Object.values(s).reduce((a, b) => a + b, 0), 0);
}

function invoicesOnce(w: World, invoices: number): boolean {
  return w.organisations.every((o) => {
    const numbers = w.sandbox.control
      .listDocuments(o.tenantId, 'Invoices')
      .map((i) => i.InvoiceNumber);
    return numbers.length === invoices && new Set(numbers).size === invoices;
  });
}

/** SIGTERM, then SIGKILL for a worker still finishing after 30 s. */
async function stopAll(children: readonly ReturnType<typeof startCli>[]): Promise<void> {
  for (const c of children) c.child.kill('SIGTERM');
  const killLate = setTimeout(() => children.forEach((c) => c.child.kill('SIGKILL')), 30_000);
  await Promise.all(children.map((c) => c.exited));
  clearTimeout(killLate);
}

/** Starts the workers and waits until each says it is working. */
async function startWorkers(w: World, run: RunShape): Promise<ReturnType<typeof startCli>[]> {
  const children = Array.from({ length: WORKERS }, () => startCli(['worker'], workerEnv(w, run)));
  for (const c of children)
    for (let waited = 0; !c.stdout().includes('Working on'); waited += 200) {
      if (c.child.exitCode !== null || waited > 60_000) {
        await stopAll(children);
        throw new Error(`a worker did not start:\n${c.output()}`);
      }
      await sleep(200);
    }
  return children;
}

type Stats = ReturnType<XeroSandbox['control']['stats']>;

/** A tick of the same day (not a full re-check) with nothing changed anywhere: what each organisation's pass calls. */
async function idleTick(w: World, queue: Awaited<ReturnType<typeof openJobQueue>>, busy: Stats) {
  const day = new Date().toISOString().slice(0, 10);
  const [{ at }] = (await w.db.query<{ at: string }>('SELECT now()::text AS at')) as [
    { at: string },
  ];
  await queue.send('tick', { day }, { singletonKey: 'tick:idle' });
  const finishedSince = async () => {
    const [row] = await w.db.query<{ n: number }>(
      `SELECT count(DISTINCT tenant_id)::int AS n FROM runs
        WHERE kind = 'sync' AND status <> 'running' AND started_at >= $1::timestamptz`,
      [at],
    );
    return row!.n;
  };
  while ((await finishedSince()) < w.organisations.length) await sleep(500);
  const idle = w.sandbox.control.stats();
  return {
    idleReads: w.organisations.map(
      (o) => (idle.byTenant[o.tenantId] ?? 0) - (busy.byTenant[o.tenantId] ?? 0),
    ),
    idleWrites: writesIn(idle.byEndpoint) - writesIn(busy.byEndpoint),
    rateLimited: Object.values(idle.rateLimited).reduce((a, b) => a + b, 0),
  };
}

/**
 * Calls a minute against the organisations' budgets and against what Xero itself allows an app:
 * no more than 10,000 calls a minute across all of its organisations (shared/reference/xero-api.md),
 * so 500 × 60 = 30,000 is out of reach against Xero; the smaller of the two is the real bound.
 */
function againstTheBounds(callsPerMinute: number, budgetPerMinute: number, bound: number) {
  return {
    'sum of the budgets (N × 60 a minute)': budgetPerMinute,
    'calls a minute / sum of the budgets': round(callsPerMinute / budgetPerMinute, 3),
    "the bound: min(sum of the budgets, the app's 10,000 a minute)": bound,
    'calls a minute / the bound': round(callsPerMinute / bound, 3),
  };
}

export async function benchWorkers(): Promise<BenchResult> {
  const orgs = option('orgs', 500);
  const invoices = option('invoices', 200);
  const run = {
    concurrency: option('concurrency', 250),
    timeScale: option('time-scale', 1),
    epochMs: Date.now(),
  };
  const w = await makeWorld(orgs, makeAnchoredClock(run.timeScale, run.epochMs));
  const children: ReturnType<typeof startCli>[] = [];
  try {
    for (let i = 0; i < orgs; i++) await seed(w, i, invoices);
    children.push(...(await startWorkers(w, run)));
    const queue = await openJobQueue({ db: w.db, databaseUrl: w.url, schedules: false });
    const before = w.sandbox.control.stats();
    const start = Date.now();
    await queue.send('tick', {}, { singletonKey: 'tick' }); // as serve's first tick: a full pass
    process.stderr.write(`seeded ${orgs} × ${invoices}; ${WORKERS} workers took the tick\n`);
    const { completions, mostInFlight } = await untilAllSynced(w, start, 60 * 60_000);
    const busy = w.sandbox.control.stats();
    const calls = busy.calls - before.calls;
    const { idleReads, idleWrites, rateLimited } = await idleTick(w, queue, busy);
    await queue.stop();
    return report({
      orgs,
      invoices,
      run,
      calls,
      completions,
      mostInFlight,
      once: invoicesOnce(w, invoices),
      idleReads,
      idleWrites,
      rateLimited,
    });
  } finally {
    await stopAll(children);
    await w.dispose();
  }
}

interface Measured {
  readonly orgs: number;
  readonly invoices: number;
  readonly run: RunShape;
  readonly calls: number;
  /** When each organisation's pass succeeded: ms of real time from the tick. */
  readonly completions: readonly number[];
  readonly mostInFlight: number;
  readonly once: boolean;
  readonly idleReads: readonly number[];
  readonly idleWrites: number;
  readonly rateLimited: number;
}

function report(m: Measured): BenchResult {
  const { orgs, run, calls, completions, idleReads } = m;
  const [fastest, slowest] = [Math.min(...completions), Math.max(...completions)];
  // Xero's time: the sandbox's clock, which the budgets read too.
  const seconds = (slowest / 1000) * run.timeScale;
  const budgetPerMinute = orgs * XERO_LIMITS.perMinute;
  const callsPerMinute = calls / (seconds / 60);
  const bound = Math.min(budgetPerMinute, XERO_LIMITS.appPerMinute);
  return {
    name: `workers-500 (${orgs} organisations × ${m.invoices} invoices, ${WORKERS} workers × ${run.concurrency}, Xero's clock × ${run.timeScale})`,
    target:
      'throughput ≥ 0.9 × min(the sum of the organisations’ budgets, the app’s 10,000 a minute); slowest/fastest ≤ 2; no 429; idle: no write, ≤ 1 read per organisation',
    pass:
      callsPerMinute >= 0.9 * bound &&
      slowest / fastest <= 2 &&
      m.rateLimited === 0 &&
      m.once &&
      m.idleWrites === 0 &&
      Math.max(...idleReads) <= 1,
    metrics: {
      "seconds of Xero's time until every invoice was in Xero": round(seconds),
      'real seconds': round(slowest / 1000),
      'passes in flight (most seen)': m.mostInFlight,
      'Xero calls': calls,
      'Xero calls a minute': Math.round(callsPerMinute),
      ...againstTheBounds(callsPerMinute, budgetPerMinute, bound),
      'fastest organisation done (s)': round((fastest / 1000) * run.timeScale),
      'slowest organisation done (s)': round((slowest / 1000) * run.timeScale),
      'slowest / fastest': round(slowest / fastest),
      "429s (the sandbox's)": m.rateLimited,
      'invoices in Xero exactly once (1 = yes)': m.once ? 1 : 0,
      'idle tick: Xero writes': m.idleWrites,
      'idle tick: most calls to one organisation': Math.max(...idleReads),
      'idle tick: calls per organisation (mean)': round(
        idleReads.reduce((a, b) => a + b, 0) / orgs,
        2,
      ),
    },
  };
}
