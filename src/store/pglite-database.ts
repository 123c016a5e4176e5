import { PGlite, types, type PGliteInterface } from '@electric-sql/pglite';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { claimDataDir, type DataDirLayout } from './data-dir.js';
import { STORE_SCHEMA, type Database, type HeldLock, type Queryable } from './database.js';
import { hasJsonbBytes, jsonbParam } from './jsonb-bytes.js';

export interface PgliteOptions {
  /** Directory of the store; `undefined` keeps it in memory (tests). */
  readonly dataDir?: string;
  /** Create the directory when it is missing or empty (init, demo); otherwise it must exist. */
  readonly create: boolean;
  /** The directory, claimed already by the caller (the warm store process listens in between). */
  readonly claimed?: DataDirLayout;
}

/**
 * PostgreSQL's default 128 MB of shared buffers is most of the embedded store's memory once it
 * has been busy (the process opens at ~270 MB RSS with it, ~160 MB with 16 MB): the store lives
 * inside the Ledgerbridge process, so its buffers count against it, while the OS page cache holds
 * the data files anyway. 32 MB kept a 1,000,000-document import as fast and ~100 MB smaller
 * (bench/import-throughput.ts; docs/file-drop.md, "Performance").
 */
const PGLITE_CONF = ['shared_buffers = 32MB'];

const pgliteJsonb = types.serializers[types.JSONB]!;

/**
 * For a statement with a JsonbBytes parameter (jsonb-bytes.ts): its bytes pass through, and PGlite
 * sends a serializer's Uint8Array as a binary parameter (its types say a serializer returns a
 * string); any other `jsonb` parameter is serialized as PGlite itself would.
 */
const JSONB_BYTES = {
  [types.JSONB]: (value: unknown): string =>
    (value instanceof Uint8Array ? value : pgliteJsonb(value)) as string,
};

/** Opens the embedded store. A directory PGlite cannot open is LB_STORE_CORRUPT, not a crash. */
export async function openPgliteDatabase(options: PgliteOptions): Promise<Database> {
  const layout =
    options.claimed ??
    (options.dataDir ? claimDataDir(options.dataDir, options.create) : undefined);
  let db: PGlite;
  try {
    db = await PGlite.create({
      ...(layout ? { dataDir: layout.pgdata } : {}),
      postgresqlconf: PGLITE_CONF,
    });
    await db.exec(`SET search_path TO ${STORE_SCHEMA}, public`);
  } catch (cause) {
    layout?.release();
    throw new LedgerbridgeError(
      'LB_STORE_CORRUPT',
      `The embedded store in ${options.dataDir ?? 'memory'} cannot be opened: ${(cause as Error).message}`,
      { cause },
    );
  }
  return wrapPglite(db, options.dataDir ?? 'memory', () => layout?.release());
}

/** A Database over an open PGlite instance (also used for per-test clones). */
export function wrapPglite(
  db: PGliteInterface,
  location: string,
  onClose: () => void = () => undefined,
): Database {
  const held = new Set<string>();
  const run = (target: Pick<PGliteInterface, 'query' | 'exec'>): Queryable => ({
    async query<R extends object>(sql: string, params: readonly unknown[] = []) {
      if (!hasJsonbBytes(params)) return (await target.query<R>(sql, params as unknown[])).rows;
      const values = params.map(jsonbParam);
      return (await target.query<R>(sql, values, { serializers: JSONB_BYTES })).rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  });
  let closed = false;
  return {
    backend: 'pglite',
    location,
    ...run(db),
    transaction: (work) => db.transaction((tx) => work(run(tx))),
    tryLock: (name) => Promise.resolve(tryLocalLock(held, name)),
    lockHeld: (name) => Promise.resolve(held.has(name)),
    async close() {
      if (closed) return;
      closed = true;
      try {
        await db.close();
      } finally {
        onClose();
      }
    },
  };
}

/**
 * Named locks of an embedded store live in this process: PGlite has one connection (session-level
 * advisory locks would never conflict within it) and only one process at a time opens a data
 * directory (data-dir.ts), so every holder is here.
 */
function tryLocalLock(held: Set<string>, name: string): HeldLock | undefined {
  if (held.has(name)) return undefined;
  held.add(name);
  let released = false;
  return {
    release() {
      if (!released) held.delete(name);
      released = true;
      return Promise.resolve();
    },
  };
}
