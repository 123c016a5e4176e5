/**
 * The way back from a lost or wrong LEDGERBRIDGE_SECRET_KEY: token sets the current key cannot
 * open are of no use to anyone holding this key, so they are dropped and their organisations
 * marked "needs reconnecting". Everything else — links to what is in Xero, mappings, routes,
 * documents — stays, so `connect xero` seals new tokens under the current key and the next sync
 * carries on where the last one stopped.
 *
 * @module
 */
import type { Database, Queryable } from '../store/database.js';
import {
  markNeedingReconnect,
  organisationsUsingTokenSets,
  type OrganisationName,
} from '../store/organisations-repo.js';
import type { SealingKey } from './token-crypto.js';
import { deleteTokenSets, unopenableTokenSets, type UnopenableTokenSet } from './token-store.js';

export interface KeyReset {
  readonly tokenSets: readonly UnopenableTokenSet[];
  readonly organisations: readonly OrganisationName[];
}

export const RESET_REASON =
  'its Xero tokens could not be opened with LEDGERBRIDGE_SECRET_KEY and were dropped by `ledgerbridge keys reset`';

/** What a reset would drop and which organisations would need reconnecting (nothing changes). */
export async function planKeyReset(db: Queryable, key: SealingKey): Promise<KeyReset> {
  const tokenSets = await unopenableTokenSets(db, key);
  const organisations = await organisationsUsingTokenSets(
    db,
    tokenSets.map((t) => t.id),
  );
  return { tokenSets, organisations };
}

/** Drops the token sets `key` cannot open and marks their organisations, in one transaction. */
export async function resetUnopenableTokens(db: Database, key: SealingKey): Promise<KeyReset> {
  return db.transaction(async (tx) => {
    const tokenSets = await unopenableTokenSets(tx, key);
    const ids = tokenSets.map((t) => t.id);
    const organisations = await markNeedingReconnect(tx, ids, RESET_REASON);
    await deleteTokenSets(tx, ids);
    return { tokenSets, organisations };
  });
}
