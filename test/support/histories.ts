/**
 * What the random-history property tests (src/sync/*property.test.ts) share: Xero failing now
 * and then — a 5xx or a dropped connection, before or after applying a write — and the end of a
 * history, when Xero answers again.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Backend } from '../../src/store/database.js';
import { listOpenSyncErrors } from '../../src/store/sync-errors-repo.js';
import { newSyncWorld, ROOMY_LIMITS, type SyncWorld } from './sync-world.js';
import { disposeWorlds } from './xero-world.js';

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

/** What one property of random histories needs: the rest of the frame is the same for every one. */
export interface Histories<A extends { readonly a: string }, M> {
  readonly backend: Backend;
  /** The drawn actions of a history (a last sync is added). */
  readonly actions: fc.Arbitrary<A[]>;
  readonly numRuns: number;
  /** Share of calls answering 500 (faultsOn's default otherwise). */
  readonly serverErrors?: number;
  /** The world before Xero starts failing: mappings, accounts, what every history starts from. */
  setUp(w: SyncWorld): Promise<void>;
  model(): M;
  /** Actions every history opens with, under faults. */
  readonly opening: readonly A[];
  apply(w: SyncWorld, m: M, act: A, n: number): Promise<void>;
  /** The property, once Xero answers again; `faults` is how many Xero was made to answer. */
  check(w: SyncWorld, m: M, faults: number): void | Promise<void>;
}

/**
 * Each history in a fresh world (Xero's allowance lifted: ROOMY_LIMITS), set up, faults on from a
 * drawn seed, the opening, the drawn actions and a last sync applied, settled, then checked.
 */
export async function checkHistories<A extends { readonly a: string }, M>(
  h: Histories<A, M>,
): Promise<void> {
  // Every history's actions include a sync; the frame ends each with one.
  const lastSync = { a: 'sync' } as unknown as A;
  await fc.assert(
    fc.asyncProperty(h.actions, fc.integer({ min: 1, max: 1_000 }), async (actions, seed) => {
      const w = await newSyncWorld({ backend: h.backend, ...ROOMY_LIMITS });
      try {
        await h.setUp(w);
        faultsOn(w, seed, h.serverErrors);
        const m = h.model();
        for (const [n, act] of [...h.opening, ...actions, lastSync].entries())
          await h.apply(w, m, act, n + 1);
        await h.check(w, m, await settleHistory(w));
      } finally {
        await disposeWorlds();
      }
    }),
    { numRuns: h.numRuns, endOnFailure: true },
  );
}
