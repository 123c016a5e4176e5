/**
 * A Database that counts its statements and times them, for a bench to say where the store's time
 * goes (bench/pull.ts with LB_BENCH_PROFILE=1). A statement's time is from its call to its answer:
 * on PGlite (one thread, one connection) that is the store's own work on the caller's thread.
 */
import type { Database, Queryable } from '../src/store/database.js';

export interface StatementStats {
  count: number;
  ms: number;
}

export interface StoreProfile {
  readonly db: Database;
  /** By statement (its first words), in the order of most time. */
  report(): { statement: string; count: number; ms: number }[];
  totals(): { statements: number; transactions: number; ms: number };
}

export function profileStore(db: Database): StoreProfile {
  const stats = new Map<string, StatementStats>();
  let transactions = 0;
  const timed = async <T>(label: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      const s = stats.get(label) ?? { count: 0, ms: 0 };
      s.count++;
      s.ms += performance.now() - started;
      stats.set(label, s);
    }
  };
  const wrap = (target: Queryable): Queryable => ({
    query: (sql, params) => timed(label(sql), () => target.query(sql, params)),
    exec: (sql) => timed(label(sql), () => target.exec(sql)),
  });
  const profiled: Database = {
    ...db,
    ...wrap(db),
    transaction: (work) => {
      transactions++;
      // BEGIN and COMMIT are PGlite's own: their time is the transaction's less its statements'.
      return timed('(transaction, whole)', () => db.transaction((tx) => work(wrap(tx))));
    },
    tryLock: (name) => db.tryLock(name),
    lockHeld: (name) => db.lockHeld(name),
    close: () => db.close(),
  };
  return {
    db: profiled,
    report: () =>
      [...stats]
        .map(([statement, s]) => ({ statement, count: s.count, ms: Math.round(s.ms) }))
        .sort((a, b) => b.ms - a.ms),
    totals() {
      let statements = 0;
      let ms = 0;
      for (const [statement, s] of stats)
        if (statement !== '(transaction, whole)')
          [statements, ms] = [statements + s.count, ms + s.ms];
      return { statements, transactions, ms: Math.round(ms) };
    },
  };
}

/** A statement's first words, whitespace folded: enough to tell the pull's statements apart. */
const label = (sql: string): string => sql.replace(/\s+/g, ' ').trim().slice(0, 70);
