/**
 * Injected time. Xero's limits make real-time runs long (10,000 single writes take 167 minutes
 * at 60 calls a minute), so the Xero sandbox and the client's budget both read a Clock that
 * benchmarks can speed up: a scaled clock with factor 60 makes a rate-limited hour pass in a
 * minute, and ratios (calls per document, time against the bound) do not depend on the scale.
 *
 * @module
 */

export interface Clock {
  /** Milliseconds since the Unix epoch, on this clock's time line. */
  now(): number;
  /** Resolves after `ms` milliseconds of this clock's time. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The wall clock. */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  sleep: (ms: number, signal?: AbortSignal) => realSleep(ms, signal),
});

/**
 * A clock that runs `factor` times faster than the wall clock, starting at the wall clock's now
 * (or `start`). Two parties that must agree on time (the sandbox and the client) share one.
 */
export function makeScaledClock(factor: number, start = Date.now()): Clock {
  if (!(factor > 0)) throw new RangeError(`time-scale factor must be > 0, got ${factor}`);
  const realStart = Date.now();
  return Object.freeze({
    // Whole milliseconds, as Date.now() gives: times are stored in bigint columns.
    now: () => Math.floor(start + (Date.now() - realStart) * factor),
    sleep: (ms: number, signal?: AbortSignal) => realSleep(ms / factor, signal),
  });
}

/**
 * A scaled clock that processes started at different moments agree on: it reads the wall clock's
 * time at `epochMs` and runs `factor` times the wall clock from there.
 */
export function makeAnchoredClock(factor: number, epochMs: number): Clock {
  return makeScaledClock(factor, epochMs + (Date.now() - epochMs) * factor);
}

/** A clock moved only by hand, for tests of time-dependent rules. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(epochMs: number): void;
}

export function makeManualClock(start = Date.UTC(2026, 0, 1)): ManualClock {
  let current = start;
  const waiters = new Set<{ at: number; resolve: () => void }>();
  const wake = () => {
    for (const w of [...waiters]) {
      if (w.at <= current) {
        waiters.delete(w);
        w.resolve();
      }
    }
  };
  return {
    now: () => current,
    sleep: (ms: number) =>
      new Promise<void>((resolve) => {
        waiters.add({ at: current + ms, resolve });
        wake();
      }),
    advance(ms: number) {
      current += ms;
      wake();
    },
    set(epochMs: number) {
      current = epochMs;
      wake();
    },
  };
}

function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    // The listener goes when the sleep ends: a long-lived signal (the sandbox's lifetime) would
    // otherwise gather one per sleep, thousands over a benchmark.
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
