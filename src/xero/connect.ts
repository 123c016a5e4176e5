/**
 * Connecting and disconnecting organisations. One consent (authorization code) may cover several
 * organisations, which then share one token set; a custom connection (client credentials) covers
 * exactly one. Each organisation is stored with its tenant id, name and connection id.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { Database, Queryable } from '../store/database.js';
import { tokenSetsOf, upsertOrganisation } from '../store/organisations-repo.js';
import type { Clock } from '../time/clock.js';
import {
  CLIENT_REFUSED_FIX,
  clientCredentialsToken,
  deleteConnection,
  exchangeCode,
  listConnections,
  revokeToken,
  type AppCredentials,
  type IssuedTokens,
  type XeroConnection,
  type XeroEndpoints,
} from './identity-client.js';
import type { SealingKey } from './token-crypto.js';
import {
  deleteUnusedTokenSets,
  markTokenSet,
  readTokenSet,
  saveTokenSet,
  type GrantType,
} from './token-store.js';

export interface ConnectDeps {
  readonly db: Database;
  readonly key: SealingKey;
  readonly endpoints: XeroEndpoints;
  readonly app: AppCredentials;
  readonly clock: Clock;
}

export interface ConnectedOrganisation {
  readonly tenantId: string;
  readonly name: string;
  readonly tokenSetId: string;
}

/** Finishes an authorization-code consent: exchange the code, list the organisations, store all. */
export async function completeAuthorisation(
  deps: ConnectDeps,
  p: { code: string; verifier: string; redirectUri: string },
): Promise<ConnectedOrganisation[]> {
  const outcome = await exchangeCode(deps.endpoints, deps.app, p, deps.clock);
  if (!outcome.ok)
    throw new LedgerbridgeError(
      'LB_XERO_OAUTH_FAILED',
      `Xero refused the authorisation code (${outcome.error})`,
      outcome.error === 'invalid_client' ? { fix: CLIENT_REFUSED_FIX } : {},
    );
  return storeConsent(deps, 'authorization_code', outcome.tokens);
}

/** A custom connection: the client-credentials grant to the one organisation it was made for. */
export async function connectClientCredentials(
  deps: ConnectDeps,
  scopes: readonly string[],
): Promise<ConnectedOrganisation[]> {
  if (!deps.app.clientSecret)
    throw new LedgerbridgeError(
      'LB_XERO_APP_NOT_CONFIGURED',
      'A custom connection needs XERO_CLIENT_SECRET',
    );
  const outcome = await clientCredentialsToken(deps.endpoints, deps.app, scopes, deps.clock);
  if (!outcome.ok)
    throw new LedgerbridgeError(
      'LB_XERO_OAUTH_FAILED',
      `Xero refused the custom connection's credentials (${outcome.error})`,
      {
        fix: 'Check XERO_CLIENT_ID / XERO_CLIENT_SECRET of the custom connection, and that it was authorised by the organisation.',
      },
    );
  return storeConsent(deps, 'client_credentials', outcome.tokens);
}

async function storeConsent(
  deps: ConnectDeps,
  grantType: GrantType,
  tokens: IssuedTokens,
): Promise<ConnectedOrganisation[]> {
  const connections = await listConnections(deps.endpoints, tokens.accessToken);
  if (connections.length === 0)
    throw new LedgerbridgeError('LB_XERO_OAUTH_FAILED', 'The consent covers no Xero organisation', {
      fix: 'Run `ledgerbridge connect xero` again and tick at least one organisation on Xero’s consent page.',
    });
  const tokenSetId = `${grantType === 'client_credentials' ? 'cc' : 'oauth'}:${connections[0]?.authEventId ?? randomUUID()}`;
  await deps.db.transaction(async (tx) => {
    const replaced = await tokenSetsOf(
      tx,
      connections.map((c) => c.tenantId),
    );
    await saveTokenSet(tx, deps.key, tokenSetId, grantType, tokens);
    for (const c of connections) await storeOrganisation(tx, c, grantType, tokenSetId);
    // A reconnect's consent replaces the one these organisations used: retire it once none is left.
    await deleteUnusedTokenSets(
      tx,
      replaced.filter((id) => id !== tokenSetId),
    );
  });
  return connections.map((c) => ({ tenantId: c.tenantId, name: c.tenantName, tokenSetId }));
}

async function storeOrganisation(
  tx: Parameters<Parameters<Database['transaction']>[0]>[0],
  c: XeroConnection,
  grantType: GrantType,
  tokenSetId: string,
): Promise<void> {
  await upsertOrganisation(tx, {
    tenantId: c.tenantId,
    name: c.tenantName,
    connectionKind: grantType === 'client_credentials' ? 'client_credentials' : 'oauth',
  });
  await tx.query(
    'UPDATE organisations SET token_set_id = $2, connection_id = $3 WHERE tenant_id = $1',
    [c.tenantId, tokenSetId, c.id],
  );
}

/** The token set serving an organisation (for the API client). */
export async function tokenSetFor(db: Database, tenantId: string): Promise<string> {
  const [row] = await db.query<{ token_set_id: string | null; status: string }>(
    'SELECT token_set_id, status FROM organisations WHERE tenant_id = $1',
    [tenantId],
  );
  if (!row?.token_set_id || row.status === 'disconnected')
    throw new LedgerbridgeError(
      'LB_XERO_NOT_CONNECTED',
      `Xero organisation ${tenantId} is not connected`,
    );
  return row.token_set_id;
}

/**
 * Disconnects one organisation: removes its Xero connection and, when it was the last of its
 * consent, revokes the refresh token so nothing stored can reach Xero any more.
 */
export async function disconnectOrganisation(
  deps: ConnectDeps,
  tenantId: string,
  accessToken: string,
): Promise<{ revoked: boolean }> {
  const [org] = await deps.db.query<{ token_set_id: string | null; connection_id: string | null }>(
    'SELECT token_set_id, connection_id FROM organisations WHERE tenant_id = $1',
    [tenantId],
  );
  if (!org?.token_set_id)
    throw new LedgerbridgeError(
      'LB_XERO_NOT_CONNECTED',
      `Xero organisation ${tenantId} is not connected`,
    );
  if (org.connection_id) await deleteConnection(deps.endpoints, accessToken, org.connection_id);
  await markDisconnected(deps.db, tenantId);
  const [left] = await deps.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM organisations WHERE token_set_id = $1',
    [org.token_set_id],
  );
  if ((left?.n ?? 0) > 0) return { revoked: false };
  const stored = await readTokenSet(deps.db, deps.key, org.token_set_id);
  if (stored.tokens.refreshToken)
    await revokeToken(deps.endpoints, deps.app, stored.tokens.refreshToken);
  await markTokenSet(deps.db, org.token_set_id, 'revoked', 'disconnected by a user');
  return { revoked: true };
}

/**
 * Disconnects one organisation here only, for when its tokens cannot reach Xero (sealed under a
 * lost key, or the grant already refused): nothing can be revoked, so its token set is dropped
 * once no organisation uses it, and the user removes the app in Xero's connected apps.
 */
export async function disconnectLocally(
  db: Database,
  tenantId: string,
): Promise<{ droppedTokenSet: boolean }> {
  return db.transaction(async (tx) => {
    const previous = await tokenSetsOf(tx, [tenantId]);
    const found = await markDisconnected(tx, tenantId);
    if (!found)
      throw new LedgerbridgeError(
        'LB_XERO_NOT_CONNECTED',
        `Xero organisation ${tenantId} is not connected`,
      );
    return { droppedTokenSet: (await deleteUnusedTokenSets(tx, previous)).length > 0 };
  });
}

async function markDisconnected(db: Queryable, tenantId: string): Promise<boolean> {
  const rows = await db.query(
    "UPDATE organisations SET status = 'disconnected', status_reason = 'disconnected by a user', token_set_id = NULL, updated_at = now() WHERE tenant_id = $1 AND status <> 'disconnected' RETURNING tenant_id",
    [tenantId],
  );
  return rows.length > 0;
}
