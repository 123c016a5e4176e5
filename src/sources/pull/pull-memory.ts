/**
 * What a pull has stored and deleted so far, so that checking a page (check-page.ts) asks the store
 * only about documents the pull has not written itself. A pull reads a clinic's patients before
 * its invoices, so nearly every reference an invoice makes is to a document this pull stored; and
 * a page waiting in a batch (run-pull.ts) is not in the store yet, so its documents can only be
 * known here.
 *
 * On a source's first pull (it held no documents when the pull began: the premise the plain
 * INSERT of file-drop/apply-pass.ts `writeFreshFirst` rests on too), a document this pull never
 * stored is not in the store either: a deletion marker for it deletes nothing and is dropped
 * without a lookup. Cliniko sends one for the settling payment of every open invoice (~90 a page
 * of 100 invoices). A reference this pull cannot satisfy is still asked of the store, so a
 * rejection is never decided from memory alone.
 *
 * Measured on the bench's 20,000-invoice first pull (bench/pull.ts, LB_BENCH_PROFILE=1): the
 * lookups took ~37 µs a document, one statement a page; with this, none on a first pull.
 *
 * @module
 */
import type { FreshHint } from '../file-drop/apply-pass.js';

export class PullMemory {
  /** Document key (import-issue.ts `documentKey`) → live after this pull's pages so far. */
  private readonly known = new Map<string, boolean>();

  /** `fresh`: the runner's hint, cleared by the writer should a key turn out stored after all. */
  constructor(private readonly fresh: FreshHint = { fresh: false }) {}

  /** Whether the document is live after this pull's pages; undefined when only the store knows. */
  live(key: string): boolean | undefined {
    return this.known.get(key);
  }

  /** Whether the store cannot hold the document: a first pull that has not stored it. */
  absent(key: string): boolean {
    return this.fresh.fresh && !this.known.has(key);
  }

  /** A page's outcome, in the order its writer applies it: documents stored, then deletions. */
  record(stored: Iterable<string>, deleted: Iterable<string>): void {
    for (const key of stored) this.known.set(key, true);
    for (const key of deleted) this.known.set(key, false);
  }
}
