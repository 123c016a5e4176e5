/**
 * An embedded store this process keeps open for commands it runs on others' behalf: the warm
 * store process and `serve` (cli/warm/). A command's `openStore(config, 'existing')` on that data
 * directory gets the open store instead of opening it again — PGlite is one process per directory
 * (data-dir.ts) — and its `close()` leaves it open for the next command.
 *
 * @module
 */
import { resolve } from 'node:path';
import type { Database } from './database.js';
import type { OpenedStore } from './open-store.js';

const held = new Map<string, OpenedStore>();

/** Lends `store` to the commands of this process until the returned function is called. */
export function holdStore(dataDir: string, store: OpenedStore): () => void {
  const key = resolve(dataDir);
  held.set(key, store);
  return () => {
    if (held.get(key) === store) held.delete(key);
  };
}

/** The store held for `dataDir`, as a lease whose close() keeps it open; undefined when none. */
export function leaseHeldStore(dataDir: string): OpenedStore | undefined {
  const store = held.get(resolve(dataDir));
  if (!store) return undefined;
  const lease: Database = { ...store.db, close: () => Promise.resolve() };
  return { db: lease, schemaVersion: store.schemaVersion };
}
