/**
 * Keeps an import's JavaScript heap near what it really holds. A million-line import allocates
 * ~2 GB of short-lived text (1 MiB read chunks, ~2.5 MB pages), and V8 puts every string over
 * 128 KiB straight into its old generation, which it collects only once the heap has grown to
 * a multiple of the live size: measured on 1,000,000 invoices, ~100 MB live but 330 MB used, and
 * a peak RSS of 680 MB against the 512 MB target (issue 6). Started with
 * `--max-old-space-size=192` the same import peaked at 393 MB and was no slower — but a fixed cap
 * would crash a larger file, so instead the governor runs a full collection whenever the heap has
 * grown to twice what the previous collection left (and past 48 MiB): the heap tracks the live
 * set, whatever its size. On the million-document import that was ~40 collections, ~1.7 s in all
 * (--trace-gc); at 1.5× it was 51 collections and 2.6 s for ~10 MB less peak. The floor was 96 MiB
 * while the key index lived on the heap (a full collection walked its million entries); off the
 * heap since (key-table.ts), the live set is ~20 MB and a collection cheap.
 *
 * The collector is reached the way Jest's leak detector reaches it: `--expose-gc` set at run
 * time, then `gc` taken from a fresh context (https://github.com/jestjs/jest/blob/main/packages/jest-leak-detector/src/index.ts).
 *
 * @module
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const MIB = 2 ** 20;

let collector: (() => void) | undefined;

function fullCollection(): () => void {
  if (collector) return collector;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return (collector = exposed);
  setFlagsFromString('--expose-gc');
  return (collector = runInNewContext('gc') as () => void);
}

export class HeapGovernor {
  private afterLast = 0;
  /** Full collections run so far. */
  collections = 0;

  constructor(
    private readonly floorBytes = 48 * MIB,
    private readonly growth = 2,
  ) {}

  /** Cheap (one heap statistics call); call it once per page or batch. */
  tick(): void {
    const used = getHeapStatistics().used_heap_size;
    if (used < Math.max(this.floorBytes, this.afterLast * this.growth)) return;
    fullCollection()();
    this.collections++;
    this.afterLast = getHeapStatistics().used_heap_size;
  }
}

/**
 * A full collection now: after the first pass drops its key index (~60 MB of heap for a million
 * keys), V8 would otherwise keep that garbage through the whole apply pass — its heap no longer
 * grows, so no major collection comes — while PGlite's memory grows beside it. Measured on the
 * million-document embedded import: heap 83 MB → 22 MB through the apply pass, peak RSS 420 →
 * 401 MB.
 */
export function collectGarbage(): void {
  fullCollection()();
}
