/**
 * The store's port: one PostgreSQL dialect, two backends (embedded PGlite, server PostgreSQL).
 * Everything above this file writes plain SQL against `Queryable` and never knows which.
 *
 * @module
 */

export type Row = Record<string, unknown>;

export interface Queryable {
  /** One parameterised statement ($1, $2…); rows as objects. */
  query<R extends object = Row>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * `COPY … FROM STDIN` with `data` as the whole input; resolves to the rows copied. Only a
   * PostgreSQL server connection (a transaction's) has it: bulk writers use it when present and
   * plain SQL otherwise (documents-bulk.ts).
   */
  copyIn?(sql: string, data: Uint8Array): Promise<number>;
}

export type Backend = 'pglite' | 'postgres';

export interface Database extends Queryable {
  readonly backend: Backend;
  /** Where the data lives, safe to print (no password). */
  readonly location: string;
  /**
   * Runs `work` in one transaction: committed when it resolves, rolled back when it throws.
   * Keep it short — on PGlite every other query waits for it (one connection).
   */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Takes the exclusive lock called `name` if no one holds it, for every process using this store,
   * and keeps it until `release` (or until the process dies). Undefined when it is held. Used to
   * give one sync at a time an organisation (organisation-lock.ts).
   */
  tryLock(name: string): Promise<HeldLock | undefined>;
  /** Whether any process holds the lock called `name` now (a holder that died holds nothing). */
  lockHeld(name: string): Promise<boolean>;
  close(): Promise<void>;
}

export interface HeldLock {
  release(): Promise<void>;
}

/** The schema every Ledgerbridge table lives in, so a shared database stays tidy. */
export const STORE_SCHEMA = 'ledgerbridge';
