/**
 * The fast validation path (fast-validate.ts) with its guard: some of its answers are checked
 * against `validateDocument` too — the first of each kind, then every 10,000th — so a drift
 * between the two stops the work instead of storing a document the ledger would not. (Every
 * 1,000th, as before, cost ~0.7 s of the million-document import: a check runs rarely enough that
 * the validator's code stays cold, ~700 µs each. The property test in fast-validate.test.ts holds
 * the two paths equal on generated documents of every kind.) Used by the file drop and the pull.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import {
  contentHash,
  validateDocument,
  type DocumentDefaults,
  type VersionedDocument,
} from '../../ledger/index.js';
import { fastValidate, type FastVersioned } from './fast-validate.js';

/** Besides each kind's first, one fast-path answer in this many is compared with validateDocument's. */
export const FAST_PATH_SAMPLE = 10_000;

export class SampledFastPath {
  private count = 0;
  private readonly kindsVerified = new Set<string>();

  /**
   * `fast` is the fast path itself (a test gives one that drifts, to see the sample catch it).
   * `where` (in validate) names a record in the error should the two paths disagree
   * ("clinic.jsonl:12").
   */
  constructor(
    private readonly defaults: DocumentDefaults,
    private readonly fast: typeof fastValidate = fastValidate,
  ) {}

  /** The fast path's answer, or undefined to ask `validateDocument` (which names what is wrong). */
  validate(value: unknown, where: () => string): FastVersioned | undefined {
    const fast = this.fast(value, this.defaults);
    if (!fast) return undefined;
    const firstOfKind = !this.kindsVerified.has(fast.document.kind);
    if (++this.count % FAST_PATH_SAMPLE === 1 || firstOfKind) {
      this.kindsVerified.add(fast.document.kind);
      this.verify(value, fast, where);
    }
    return fast;
  }

  private verify(value: unknown, fast: VersionedDocument, where: () => string): void {
    const slow = validateDocument(value, this.defaults);
    const same =
      slow.ok &&
      slow.value.hash === fast.hash &&
      contentHash(fast.document) === fast.hash &&
      JSON.stringify(sortedDeep(slow.value.document)) === JSON.stringify(sortedDeep(fast.document));
    if (!same)
      throw new LedgerbridgeError(
        'LB_INTERNAL',
        `The fast validation path disagrees with the ledger's validator on ${where()}`,
        { fix: 'Report this with the record; meanwhile nothing of it was applied.' },
      );
  }
}

function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => [k, sortedDeep((value as Record<string, unknown>)[k])]),
  );
}
