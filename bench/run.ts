/**
 * `npm run bench`: every benchmark, one after another, side by side in one run. Timings live
 * here, never in tests (the machines are shared and noisy); targets are judged on ratios where
 * the issue states them. `npm run bench -- NAME` runs only the benchmarks whose name contains NAME;
 * `npm run bench -- --help` lists them. Each is imported only when it runs, so the list is instant.
 */
import type { BenchResult } from './bench-result.js';

interface Bench {
  /** One line for --help: what it measures and what it takes. */
  readonly about: string;
  readonly run: () => Promise<BenchResult>;
}

const BENCHES: Record<string, Bench> = {
  'sandbox-throughput': {
    about: 'invoices a second the Xero sandbox accepts in batches of 50, limits off',
    run: async () => (await import('./sandbox-throughput.js')).benchSandboxThroughput(),
  },
  'xero-backfill': {
    about:
      "10,000 invoices under Xero's real limits, batched against one call each (sped-up clock)",
    run: async () => (await import('./xero-backfill.js')).benchXeroBackfill(),
  },
  'import-throughput': {
    about: '1,000,000 invoice lines imported from JSON Lines: lines a second and peak memory',
    run: async () => (await import('./import-throughput.js')).benchImport(),
  },
  'sync-first': {
    about: "a first sync's write calls against the fewest that could carry it; a no-change pass",
    run: async () => (await import('./sync-first.js')).benchSyncFirst(),
  },
  'sync-law-firm': {
    about:
      "a law firm's first sync (bills, payments, trust movements, supplier bills) against the fewest write calls",
    run: async () => (await import('./sync-law-firm.js')).benchSyncLawFirm(),
  },
  'sync-plan': {
    about: 'planning 1,000,000 unchanged documents: time and peak memory',
    run: async () => (await import('./sync-plan.js')).benchSyncPlan(),
  },
  'cli-startup': {
    about: 'each short command as a real process (--version, status, errors, map): median seconds',
    run: async () => (await import('./cli-startup.js')).benchCliStartup(),
  },
  'sync-latency': {
    about:
      'a first sync at 1.5 s and 3 s a call, pushes in flight together and one at a time (~15 min)',
    run: async () => (await import('./sync-latency.js')).benchSyncLatency(),
  },
  reconcile: {
    about:
      'reconciling 100,000 invoices over 2,000 contacts read from the sandbox: own time, read calls',
    run: async () => (await import('./reconcile.js')).benchReconcile(),
  },
  'webhook-latency': {
    about: 'a Clio edit reaching Xero by its webhook, 20 edits, limits on: p95 seconds',
    run: async () => (await import('./webhook-latency.js')).benchWebhookLatency(),
  },
  'dashboard-scale': {
    about:
      'every dashboard page and /api list at 1,000,000 documents in PostgreSQL: p95 ms, first-load bytes',
    run: async () => (await import('./dashboard-scale.js')).benchDashboardScale(),
  },
  'workers-500': {
    about:
      '500 organisations × 200 invoices by 2 `worker` processes on PostgreSQL, limits on; then an idle tick (--orgs N --invoices M)',
    run: async () => (await import('./workers-500.js')).benchWorkers(),
  },
  pull: {
    about:
      '100,000 Cliniko invoices pulled from the emulator into the embedded store: documents a second; a Clio backfill of 10,000 bills: requests against the minimum',
    run: async () => (await import('./pull.js')).benchPull(),
  },
};

const filter = process.argv[2];
if (filter === '--help' || filter === '-h') {
  const width = Math.max(...Object.keys(BENCHES).map((n) => n.length));
  console.log('Usage: npm run bench [-- NAME]   (every bench whose name contains NAME)\n');
  for (const [name, bench] of Object.entries(BENCHES))
    console.log(`  ${name.padEnd(width)}  ${bench.about}`);
} else {
  const results: BenchResult[] = [];
  for (const [name, bench] of Object.entries(BENCHES)) {
    if (filter && !name.includes(filter)) continue;
    process.stderr.write(`running ${name} …\n`);
    const result = await bench.run();
    results.push(result);
    console.log(`\n${result.pass ? 'PASS' : 'FAIL'}  ${result.name}\n  target: ${result.target}`);
    for (const [metric, value] of Object.entries(result.metrics))
      console.log(`  ${metric.padEnd(40)} ${value}`);
    if (result.notes) console.log(`  notes: ${result.notes}`);
  }
  if (results.length === 0) console.log(`No bench matches "${filter}" (see --help).`);
  process.exitCode = results.length > 0 && results.every((r) => r.pass) ? 0 : 1;
}
