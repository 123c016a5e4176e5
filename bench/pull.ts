/**
 * Pulling a clinic from the Cliniko emulator into the embedded store (issue: "PMS sources"):
 *
 * - 100,000 invoices of two items each (plus the seeded clinic, and a settling payment for each
 *   paid one — one in ten) pulled with no rate limit into a PGlite data directory: documents/s,
 *   target ≥ 5,000. The emulator runs on a thread of its own (pull-emulator-worker.ts), as Cliniko
 *   is another machine, and generates the clinic before the clock starts; the pull then reads it
 *   over HTTP, 100 a page, as from Cliniko.
 * - A second pull with nothing changed (the clinic's last change older than the 5-minute overlap):
 *   requests per list, target ≤ 1.
 * - A Clio backfill of 10,000 bills (pull-clio-backfill.ts): requests against the minimum 200-record
 *   pages allow, target ≤ 1.05 ×, and no 429.
 *
 * Run: `npx tsx bench/pull.ts` (or `npm run bench -- pull`). LB_BENCH_PULL_INVOICES changes the size.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector';
import type { EventLoopUtilization } from 'node:perf_hooks';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { clinikoSource } from '../src/sources/cliniko/index.js';
import { storeCredentials } from '../src/sources/credentials.js';
import { openSource, pullSource, type PullSourceInput } from '../src/sources/pull/pull-source.js';
import { runPull } from '../src/sources/pull/run-pull.js';
import type { SourceConnection } from '../src/sources/source.js';
import { openStore } from '../src/store/open-store.js';
import { ensureSource } from '../src/store/sources-repo.js';
import { deriveSealingKey } from '../src/xero/token-crypto.js';
import type { EmulatorStats } from '../src/sandbox/actionstep/traffic.js';
import type { BenchResult } from './bench-result.js';
import { profileStore } from './store-profile.js';
import { clioBackfill } from './pull-clio-backfill.js';

const INVOICES = Number(process.env.LB_BENCH_PULL_INVOICES ?? 100_000) || 100_000;
const TARGET = { documentsPerSecond: 5_000, requestsPerList: 1, clioRequestsOverMinimum: 1.05 };
/** LB_BENCH_PROFILE=1: the first pull's statements and time by phase, printed to stderr. */
const PROFILE = process.env.LB_BENCH_PROFILE === '1';
/** LB_BENCH_CPU_PROFILE=FILE: the first pull's main thread profiled (V8), written to FILE. */
const CPU_PROFILE = process.env.LB_BENCH_CPU_PROFILE;

export async function benchPull(): Promise<BenchResult> {
  const metrics = await clinikoPull();
  const clio = await clioBackfill();
  const clioRatio = Math.round((clio.requests / clio.minimum) * 100) / 100;
  const all = {
    ...metrics,
    'Clio backfill: bills': clio.bills,
    'Clio backfill: requests': clio.requests,
    'Clio backfill: minimum requests (200 a page)': clio.minimum,
    'Clio backfill: requests / minimum': clioRatio,
    'Clio backfill: 429s': clio.throttled,
  };
  return {
    name: 'pull (Cliniko emulator → embedded store; a Clio backfill)',
    metrics: all,
    target: `≥ ${TARGET.documentsPerSecond} documents/s; ≤ ${TARGET.requestsPerList} request per list with nothing changed; Clio backfill ≤ ${TARGET.clioRequestsOverMinimum} × the minimum requests, no 429`,
    pass:
      metrics['documents/s'] >= TARGET.documentsPerSecond &&
      metrics['most requests to one list, nothing changed'] <= TARGET.requestsPerList &&
      metrics['documents changed, nothing changed'] === 0 &&
      clioRatio <= TARGET.clioRequestsOverMinimum &&
      clio.throttled === 0,
  };
}

/** The Cliniko pull's figures: the first pull's rate, then a pull with nothing changed. */
async function clinikoPull() {
  const dir = mkdtempSync(join(tmpdir(), 'lb-bench-pull-'));
  const emulator = await startEmulatorThread(INVOICES);
  const { db } = await openStore({ dataDir: join(dir, 'store') }, 'init');
  try {
    const key = deriveSealingKey('bench-pull-secret-key-at-least-32-chars');
    const source = await ensureSource(db, 'clinic', 'cliniko');
    await storeCredentials(db, key, 'clinic', { apiKey: emulator.apiKey }, {});
    const pull = () =>
      pullSource({
        db,
        key,
        source,
        definition: clinikoSource,
        options: connectionOptions(emulator.apiUrl),
      });
    const started = performance.now();
    const cpu = process.cpuUsage();
    const busy = { pull: performance.eventLoopUtilization(), emulator: emulator.utilization() };
    const profiler = CPU_PROFILE ? await startCpuProfile() : undefined;
    const first = PROFILE ? await profiledPull(db, key, source, emulator.apiUrl) : await pull();
    if (profiler && CPU_PROFILE) writeFileSync(CPU_PROFILE, JSON.stringify(await profiler.stop()));
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const pullBusy = performance.eventLoopUtilization(busy.pull).utilization;
    const emulatorBusy = emulator.utilization(busy.emulator).utilization;
    const cpuSeconds = (used.user + used.system) / 1e6;
    if (first.status !== 'succeeded')
      throw new Error(`the pull ${first.status}: ${first.error?.message}`);
    const documents = first.counts.added;
    const { quiet, perList } = await quietPull(emulator, pull);
    const metrics = {
      invoices: INVOICES,
      'documents stored': documents,
      seconds: Math.round(seconds * 10) / 10,
      'documents/s': Math.round(documents / seconds),
      'CPU µs a document (both threads)': Math.round((cpuSeconds * 1e6) / documents),
      // Each thread's share of the pull's time spent working (the event loop's utilisation): the
      // busier one is what bounds the rate — "bound by the emulator" when it is the emulator's.
      "pull's thread busy (%)": Math.round(pullBusy * 100),
      "emulator's thread busy (%)": Math.round(emulatorBusy * 100),
      'requests (first pull)': first.requests ?? 0,
      'lists read with nothing changed': perList.length,
      'most requests to one list, nothing changed': Math.max(...perList),
      'documents changed, nothing changed': quiet.counts.added + quiet.counts.changed,
    };
    return metrics;
  } finally {
    await db.close();
    await emulator.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The emulator's clinic as the bench reads it: no rate limit, the 5-minute overlap. */
const connectionOptions = (apiUrl: string): PullSourceInput['options'] => ({
  baseUrl: apiUrl,
  contactEmail: 'bench@example.com',
  overlapMs: 5 * 60_000,
  rateLimitPerMinute: Infinity,
});

/**
 * The first pull with its store statements counted and timed (store-profile.ts) and the
 * connector's time (HTTP, parsing, mapping: inside the page iterator) apart; the rest of the
 * runner's time is checking (validation, hashing, page assembly).
 */
async function profiledPull(
  db: Parameters<typeof pullSource>[0]['db'],
  key: Parameters<typeof pullSource>[0]['key'],
  source: Parameters<typeof pullSource>[0]['source'],
  apiUrl: string,
) {
  const store = profileStore(db);
  const { connection, budget } = await openSource({
    db,
    key,
    source,
    definition: clinikoSource,
    options: connectionOptions(apiUrl),
  });
  const reading = timeReading(connection);
  const started = performance.now();
  const report = await runPull({
    db: store.db,
    source: source.name,
    connection: reading.connection,
    budget,
  });
  const totalMs = performance.now() - started;
  const documents = report.counts.added;
  const totals = store.totals();
  const perDoc = (ms: number) => Math.round((ms * 1000) / documents);
  console.error(
    JSON.stringify(
      {
        documents,
        pages: report.counts.pages,
        statements: totals.statements,
        transactions: totals.transactions,
        'statements a page': Math.round((totals.statements / report.counts.pages) * 10) / 10,
        'µs a document: total': perDoc(totalMs),
        'µs a document: reading (connector)': perDoc(reading.ms()),
        'µs a document: store statements': perDoc(totals.ms),
        'µs a document: rest (checking, commits)': perDoc(totalMs - reading.ms() - totals.ms),
        statementsByTime: store.report(),
      },
      null,
      2,
    ),
  );
  return report;
}

/** The connection with the time spent inside its page iterator (HTTP, parsing, mapping) summed. */
function timeReading(connection: SourceConnection): { connection: SourceConnection; ms(): number } {
  let ms = 0;
  const timed: SourceConnection = {
    ...connection,
    pull: (request) => ({
      [Symbol.asyncIterator]() {
        const pages = connection.pull(request)[Symbol.asyncIterator]();
        return {
          async next() {
            const t = performance.now();
            try {
              return await pages.next();
            } finally {
              ms += performance.now() - t;
            }
          },
        };
      },
    }),
  };
  return { connection: timed, ms: () => ms };
}

/** V8's sampling profiler on this thread, from now until `stop`. */
async function startCpuProfile(): Promise<{ stop(): Promise<Profiler.Profile> }> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) =>
      session.post(method, params, (error, result) =>
        error ? reject(error) : resolve(result as T),
      ),
    );
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  return {
    async stop() {
      const { profile } = await post<{ profile: Profiler.Profile }>('Profiler.stop');
      session.disconnect();
      return profile;
    },
  };
}

interface EmulatorThread {
  readonly apiUrl: string;
  readonly apiKey: string;
  resetStats(): void;
  stats(): Promise<EmulatorStats>;
  /** Its thread's event-loop utilisation (since `since`, when given). */
  utilization(since?: EventLoopUtilization): EventLoopUtilization;
  stop(): Promise<void>;
}

/** The emulator on its own thread (through tsx's loader: the bench runs from its sources). */
async function startEmulatorThread(invoices: number): Promise<EmulatorThread> {
  const source = JSON.stringify(new URL('./pull-emulator-worker.ts', import.meta.url).href);
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${source}); })`;
  const worker = new Worker(boot, { eval: true, execArgv: [], workerData: { invoices } });
  const next = <T>() =>
    new Promise<T>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  const { apiUrl, apiKey } = await next<{ apiUrl: string; apiKey: string }>();
  return {
    apiUrl,
    apiKey,
    resetStats: () => worker.postMessage('reset-stats'),
    utilization: (since) => worker.performance.eventLoopUtilization(since),
    async stats() {
      const answer = next<{ stats: EmulatorStats }>();
      worker.postMessage('stats');
      return (await answer).stats;
    },
    async stop() {
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('stop');
      await exited;
    },
  };
}

/** A pull with nothing changed: its report and the requests it made to each list. */
async function quietPull(emulator: EmulatorThread, pull: () => ReturnType<typeof pullSource>) {
  emulator.resetStats();
  const quiet = await pull();
  const perList = Object.values((await emulator.stats()).byEndpoint).map((byStatus) =>
    Object.values(byStatus).reduce((a, b) => a + b, 0),
  );
  return { quiet, perList };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchPull();
  console.log(JSON.stringify(result, null, 2));
}
