/**
 * Calls to one organisation kept in flight together, up to Xero's 5 at once (reference §2). One
 * call at a time wasted most of the allowance on Xero's latency: at 1.5 s a call a first sync ran
 * at 41 calls a minute, 0.68 × the 60 allowed (issue 16). The budget still decides when each call
 * may start; this only stops a pass from waiting for one push before it sends the next.
 *
 * A phase submits its pushes and carries on planning; `drain` is the barrier where order
 * matters (contacts before their invoices, invoices before their payments, a payment's delete
 * before its re-creation). The first failure stops further submissions and is thrown by `drain`
 * (and by `submit`), so a fault that ends an organisation's run still ends it.
 *
 * @module
 */

export interface InFlight {
  /** Starts `task` once fewer than the limit are running; resolves when it has started. */
  submit(task: () => Promise<void>): Promise<void>;
  /** Waits for every task submitted so far; throws the first failure. */
  drain(): Promise<void>;
}

export function makeInFlight(limit: number): InFlight {
  const running = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  const throwIfFailed = () => {
    if (failure) throw failure.error;
  };
  return {
    async submit(task) {
      throwIfFailed();
      while (running.size >= Math.max(1, limit)) await Promise.race(running);
      throwIfFailed();
      const done: Promise<void> = task()
        .catch((error: unknown) => {
          failure ??= { error };
        })
        .finally(() => running.delete(done));
      running.add(done);
    },
    async drain() {
      while (running.size > 0) await Promise.all(running);
      throwIfFailed();
    },
  };
}
