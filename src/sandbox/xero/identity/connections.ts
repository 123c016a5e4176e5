/**
 * `GET /connections`, `DELETE /connections/{id}` ([identity] L17–70) and
 * `POST /connect/revocation` (reference §12: `token=<refresh_token>`, which ends the consent and
 * removes its connections).
 *
 * @module
 */
import { connectionDateTime } from '../xero-dates.js';
import { authenticateClient } from './clients.js';
import type { IdentityDeps } from './deps.js';
import type { AccessToken, Connection } from './model.js';
import { readBasicAuth } from './tokens.js';

export function renderConnection(deps: IdentityDeps, c: Connection): Record<string, unknown> {
  return {
    id: c.id,
    authEventId: c.authEventId,
    tenantId: c.tenantId,
    tenantType: 'ORGANISATION',
    tenantName: deps.state.orgs.get(c.tenantId)?.name ?? '',
    createdDateUtc: connectionDateTime(c.createdAt),
    updatedDateUtc: connectionDateTime(c.updatedAt),
  };
}

/** The connections a token's app has, optionally of one auth event. */
export function listConnections(
  deps: IdentityDeps,
  token: AccessToken,
  authEventId: string | undefined,
): Record<string, unknown>[] {
  return [...deps.state.identity.connections.values()]
    .filter((c) => c.clientId === token.clientId && deps.state.orgs.has(c.tenantId))
    .filter(
      (c) => authEventId === undefined || c.authEventId.toLowerCase() === authEventId.toLowerCase(),
    )
    .map((c) => renderConnection(deps, c));
}

/** Removes one of the app's connections; false when it has none with that id. */
export function deleteConnection(deps: IdentityDeps, token: AccessToken, id: string): boolean {
  const connections = deps.state.identity.connections;
  const c = connections.get(id.toLowerCase()) ?? connections.get(id);
  if (!c || c.clientId !== token.clientId) return false;
  connections.delete(c.id);
  return true;
}

/** Revokes a refresh token: its consent, every token of it, and the consent's connections. */
export function revoke(
  deps: IdentityDeps,
  form: URLSearchParams,
  authorization: string | undefined,
): number {
  const auth = authenticateClient(deps, readBasicAuth(authorization), form);
  if (!auth) return 400;
  const identity = deps.state.identity;
  const refresh = identity.refreshTokens.get(form.get('token') ?? '');
  if (!refresh || refresh.clientId !== auth.client.clientId) return 200;
  const grant = identity.grants.get(refresh.grantId);
  for (const [key, t] of identity.refreshTokens)
    if (t.grantId === refresh.grantId) identity.refreshTokens.delete(key);
  for (const [key, t] of identity.accessTokens)
    if (t.grantId === refresh.grantId) identity.accessTokens.delete(key);
  if (grant) {
    for (const [key, c] of identity.connections) {
      if (c.clientId === grant.clientId && c.authEventId === grant.authEventId)
        identity.connections.delete(key);
    }
    identity.grants.delete(grant.id);
  }
  return 200;
}
