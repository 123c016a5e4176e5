/**
 * A first sync's write calls against the fewest batched calls that could carry it (issue 5:
 * ≤ 1.05 ×), and an incremental sync with no changes (0 write calls). Data: 200 contacts,
 * 2,000 invoices, 100 credit notes each allocated to an invoice, 1,500 payments.
 * The minimum: ⌈200/50⌉ + ⌈2,000/50⌉ + ⌈100/50⌉ + 100 allocation calls (one per credit note,
 * Xero's PUT /CreditNotes/{id}/Allocations) + ⌈1,500/50⌉ = 4 + 40 + 2 + 100 + 30 = 176.
 *
 * Run: `npx tsx bench/sync-first.ts` (or `npm run bench -- sync-first`).
 */
import { pathToFileURL } from 'node:url';
import { runSync } from '../src/sync/run-sync.js';
import { systemClock } from '../src/time/clock.js';
import { makeSettingsCache } from '../src/xero/organisation-settings.js';
import type { BenchResult } from './bench-result.js';
import { practiceStore } from './practice-fixture.js';
import { LIMITS_OFF, writeCalls } from './support.js';

const CONTACTS = 200;
const INVOICES = 2_000;
const CREDIT_NOTES = 100;
const PAYMENTS = 1_500;
const MINIMUM =
  Math.ceil(CONTACTS / 50) +
  Math.ceil(INVOICES / 50) +
  Math.ceil(CREDIT_NOTES / 50) +
  CREDIT_NOTES +
  Math.ceil(PAYMENTS / 50);

const SIZE = {
  contacts: CONTACTS,
  invoices: INVOICES,
  creditNotes: CREDIT_NOTES,
  payments: PAYMENTS,
};

/** Limits off on both sides: this bench counts calls, not time against the limits. */
const setUp = () => practiceStore(SIZE, LIMITS_OFF);

export async function benchSyncFirst(): Promise<BenchResult> {
  const { db, org } = await setUp();
  const settings = makeSettingsCache(org.api, systemClock);
  const deps = { db, api: org.api, settings, clock: systemClock, batchSize: 50 };
  const started = performance.now();
  const first = await runSync(deps, {});
  const firstSeconds = (performance.now() - started) / 1000;
  const writes = () => writeCalls(org.sandbox);
  const firstWrites = writes();
  const second = await runSync(deps, {});
  const incrementalWrites = writes() - firstWrites;
  const c = first.organisations[0]!.counts;
  await db.close();
  await org.sandbox.stop();
  return {
    name: 'sync-first (200 contacts, 2,000 invoices, 100 credit notes, 1,500 payments)',
    metrics: {
      'minimum batched write calls': MINIMUM,
      'first sync write calls': firstWrites,
      'ratio to minimum': Math.round((firstWrites / MINIMUM) * 1000) / 1000,
      'incremental sync write calls': incrementalWrites,
      'first sync seconds (limits off)': Math.round(firstSeconds * 10) / 10,
      created: c.created,
      allocated: c.allocated,
      refused: c.rejected,
    },
    target: 'first sync ≤ 1.05 × minimum batched write calls; incremental with no changes: 0',
    pass:
      firstWrites <= 1.05 * MINIMUM &&
      incrementalWrites === 0 &&
      c.rejected === 0 &&
      second.organisations[0]?.status === 'succeeded',
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  console.log(JSON.stringify(await benchSyncFirst(), null, 2));
