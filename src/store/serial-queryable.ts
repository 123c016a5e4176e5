/**
 * A connection used by several tasks at once — the overlapped import writes pages on its
 * transaction while the check looks references up on it — must still run one statement at a
 * time: node-postgres queues a second `query()` itself but deprecates doing so ("Calling
 * client.query() when the client is already executing a query is deprecated and will be removed
 * in pg@9.0"). This wrapper queues the calls here instead, in call order; a failed call does not
 * stop the ones after it.
 *
 * @module
 */
import type { Queryable, Row } from './database.js';

/**
 * Runs work one at a time, in call order; `idle()` resolves once all work asked for so far has
 * settled (it never rejects). Shared with the lock session (lock-session.ts).
 */
export function serialRunner() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run: <T>(work: () => Promise<T>): Promise<T> => {
      const next = tail.then(work, work);
      tail = next.catch(() => undefined);
      return next;
    },
    idle: (): Promise<unknown> => tail,
  };
}

export function serialQueryable(inner: Queryable): Queryable {
  const { run } = serialRunner();
  const copy = inner.copyIn?.bind(inner);
  return {
    query: <R extends object = Row>(sql: string, params?: readonly unknown[]) =>
      run(() => inner.query<R>(sql, params)),
    exec: (sql: string) => run(() => inner.exec(sql)),
    ...(copy && { copyIn: (sql: string, data: Uint8Array) => run(() => copy(sql, data)) }),
  };
}
