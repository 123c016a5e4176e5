/**
 * pg-boss's `db` option over the embedded store, so the queue shares PGlite's one connection
 * instead of opening a pool of its own (PGlite has no server to connect to).
 *
 * pg-boss 10 sends two kinds of SQL: single statements, with or without parameters, and scripts it
 * wraps in `BEGIN; … COMMIT;` (schema creation, migrations, maintenance: plans.js `locked()`). A
 * script runs here inside one of our own transactions with its BEGIN and COMMIT taken off: PGlite
 * cannot take several statements with parameters, and a script that fails half-way in a
 * BEGIN of its own would leave the one connection in an aborted transaction that "poisons every
 * later query" (pg-boss 12's PGlite adapter issues ROLLBACK for the same reason); our transaction
 * rolls back inside PGlite's lock, before anyone else's statement runs.
 *
 * @module
 */
import type { Database } from '../store/database.js';

export interface BossDb {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

const SCRIPT = /^\s*BEGIN\s*;([\s\S]*);\s*COMMIT\s*;\s*$/i;

export function pgliteBossDb(db: Database): BossDb {
  return {
    async executeSql(text, values) {
      const script = values?.length ? null : SCRIPT.exec(text);
      if (script) {
        await db.transaction((tx) => tx.exec(script[1]!));
        return { rows: [] };
      }
      return { rows: await db.query(text, values ?? []) };
    },
  };
}
