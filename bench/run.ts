/**
 * `npm run bench`: every benchmark, one after another, side by side in one run. Timings live
 * here, never in tests (the machines are shared and noisy); targets are judged on ratios where
 * the issue states them. `npm run bench -- NAME` runs only the benchmarks whose name contains NAME.
 */
import type { BenchResult } from './bench-result.js';
import { benchSandboxThroughput } from './sandbox-throughput.js';
import { benchSyncFirst } from './sync-first.js';
import { benchSyncPlan } from './sync-plan.js';
import { benchXeroBackfill } from './xero-backfill.js';

const BENCHES: Record<string, () => Promise<BenchResult>> = {
  'sandbox-throughput': benchSandboxThroughput,
  'xero-backfill': benchXeroBackfill,
  'import-throughput': async () => (await import('./import-throughput.js')).benchImport(),
  'sync-first': benchSyncFirst,
  'sync-plan': benchSyncPlan,
};

const filter = process.argv[2];
const results: BenchResult[] = [];
for (const [name, bench] of Object.entries(BENCHES)) {
  if (filter && !name.includes(filter)) continue;
  process.stderr.write(`running ${name} …\n`);
  const result = await bench();
  results.push(result);
  console.log(`\n${result.pass ? 'PASS' : 'FAIL'}  ${result.name}\n  target: ${result.target}`);
  for (const [metric, value] of Object.entries(result.metrics))
    console.log(`  ${metric.padEnd(40)} ${value}`);
  if (result.notes) console.log(`  notes: ${result.notes}`);
}
process.exitCode = results.every((r) => r.pass) ? 0 : 1;
