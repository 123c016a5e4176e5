/**
 * Authenticating an API call: the bearer token must be known and unexpired (on the sandbox clock)
 * and the app connected to the organisation named by `xero-tenant-id` (spec L19760). A
 * custom-connection token reaches its one organisation and needs no tenant header (reference §12).
 * Refusals use the problem shape Xero's API gateway answers with.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { IdentityDeps } from './deps.js';
import type { AccessToken } from './model.js';

export interface Refusal {
  ok: false;
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
}

export type BearerResult = { ok: true; token: AccessToken; tenantId: string } | Refusal;

function refuse(status: 401 | 403, detail: string): Refusal {
  return {
    ok: false,
    status,
    body: {
      Type: null,
      Title: status === 401 ? 'Unauthorized' : 'Forbidden',
      Status: status,
      Detail: detail,
      Instance: randomUUID(),
      Extensions: {},
    },
    headers: status === 401 ? { 'WWW-Authenticate': `Bearer error="invalid_token"` } : {},
  };
}

/** The access token behind an `Authorization: Bearer` header, if it is valid now. */
export function readAccessToken(
  deps: IdentityDeps,
  authorization: string | undefined,
): AccessToken | Refusal {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  const token = m?.[1] ? deps.state.identity.accessTokens.get(m[1]) : undefined;
  if (!token) return refuse(401, 'AuthenticationUnsuccessful');
  if (token.expiresAt <= deps.clock.now()) {
    return refuse(401, `TokenExpired: token expired at ${new Date(token.expiresAt).toISOString()}`);
  }
  return token;
}

export function authenticateApiCall(
  deps: IdentityDeps,
  authorization: string | undefined,
  tenantHeader: string | undefined,
): BearerResult {
  const token = readAccessToken(deps, authorization);
  if ('ok' in token) return token;
  const tenant = tenantHeader?.trim().toLowerCase();
  if (token.tenantId !== undefined) {
    return !tenant || tenant === token.tenantId
      ? { ok: true, token, tenantId: token.tenantId }
      : refuse(403, 'AuthenticationUnsuccessful');
  }
  if (!tenant || !deps.state.orgs.has(tenant)) return refuse(403, 'AuthenticationUnsuccessful');
  const connected = [...deps.state.identity.connections.values()].some(
    (c) => c.clientId === token.clientId && c.tenantId === tenant,
  );
  return connected
    ? { ok: true, token, tenantId: tenant }
    : refuse(403, 'AuthenticationUnsuccessful');
}
