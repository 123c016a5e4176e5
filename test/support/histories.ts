/**
 * What the random-history property tests (src/sync/*property.test.ts) share: Xero failing now
 * and then — a 5xx or a dropped connection, before or after applying a write — and the end of a
 * history, when Xero answers again.
 */
import { expect } from 'vitest';
import { listOpenSyncErrors } from '../../src/store/sync-errors-repo.js';
import type { SyncWorld } from './sync-world.js';

/** From now on, `serverErrors` of calls answer 500 and 10 % drop, half of each after the write. */
export function faultsOn(w: SyncWorld, seed: number, serverErrors = 0.15): void {
  w.sandbox.control.setFaults({
    seed,
    rules: [
      { kind: 'http500', rate: serverErrors, endpoint: '* /*', afterWrite: 0.5 },
      { kind: 'drop', rate: 0.1, endpoint: '* /*', afterWrite: 0.5 },
    ],
  });
}

/**
 * Xero answers again; two passes settle whatever the faults left open, and nothing stays refused.
 * Returns how many faults Xero was made to answer with, before or after applying a write: what
 * the history proved. (Counting only writes applied then failed, 12.5 % of writes, let a run of
 * four short histories see none now and then: the check failed one run in a few, 2026-12-05.)
 */
export async function settleHistory(w: SyncWorld): Promise<number> {
  w.sandbox.control.setFaults(undefined);
  await w.sync();
  await w.sync();
  expect(await listOpenSyncErrors(w.db)).toEqual([]);
  return Object.values(w.sandbox.control.stats().faults).reduce((a, b) => a + b, 0);
}
