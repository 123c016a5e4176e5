/**
 * `GET /identity/connect/authorize` with automatic consent, for headless use: the user "agrees"
 * at once and is sent back to the redirect URI with `code` and `state`. The organisations
 * consented to are every organisation in the sandbox, or those the control surface chose. Each
 * consent is one auth event: its connections share an `authEventId` ([identity] `Connection`).
 * PKCE is S256 only and is checked at the token endpoint.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { IdentityDeps, OAuthAnswer } from './deps.js';
import { oauthError } from './deps.js';
import type { Grant } from './model.js';
import { randomToken } from './tokens.js';

/** The one user of the sandbox, who consents to everything. */
export const SANDBOX_USER_ID = 'a5a1b2c3-d4e5-4f60-8a7b-9c0d1e2f3a4b';

export type AuthorizeResult = { redirect: string } | OAuthAnswer;

function redirectWith(
  uri: string,
  params: Record<string, string | undefined>,
): { redirect: string } {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return { redirect: url.toString() };
}

export function authorize(deps: IdentityDeps, query: URLSearchParams): AuthorizeResult {
  const client = deps.state.identity.clients.get(query.get('client_id') ?? '');
  if (!client) return oauthError('unauthorized_client', 'Unknown client or client not enabled');
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!client.redirectUris.includes(redirectUri))
    return oauthError('invalid_request', 'Invalid redirect_uri');
  const state = query.get('state') ?? undefined;
  if (query.get('response_type') !== 'code') {
    return redirectWith(redirectUri, { error: 'unsupported_response_type', state });
  }
  const scope = (query.get('scope') ?? '').split(/\s+/).filter((s) => s.length > 0);
  if (scope.length === 0) return redirectWith(redirectUri, { error: 'invalid_scope', state });
  const challenge = query.get('code_challenge') ?? undefined;
  if (challenge !== undefined && query.get('code_challenge_method') !== 'S256') {
    return redirectWith(redirectUri, {
      error: 'invalid_request',
      error_description: 'code_challenge_method must be S256',
      state,
    });
  }
  const grant = consent(deps, client.clientId, scope);
  const code = randomToken();
  deps.state.identity.authCodes.set(code, {
    code,
    clientId: client.clientId,
    redirectUri,
    grantId: grant.id,
    ...(challenge !== undefined ? { codeChallenge: challenge } : {}),
    expiresAt: deps.clock.now() + deps.settings.codeTtlMs,
    used: false,
  });
  return redirectWith(redirectUri, {
    code,
    scope: scope.join(' '),
    state,
    session_state: randomToken(16),
  });
}

/** Records the consent and (re)connects the chosen organisations under a new auth event. */
function consent(deps: IdentityDeps, clientId: string, scope: string[]): Grant {
  const { identity, orgs } = deps.state;
  const now = deps.clock.now();
  const tenantIds = (identity.consentTenantIds ?? [...orgs.keys()]).filter((id) => orgs.has(id));
  const grant: Grant = {
    id: randomUUID(),
    clientId,
    authEventId: randomUUID(),
    userId: SANDBOX_USER_ID,
    scope,
    tenantIds,
    createdAt: now,
  };
  identity.grants.set(grant.id, grant);
  for (const tenantId of tenantIds) {
    const existing = [...identity.connections.values()].find(
      (c) => c.clientId === clientId && c.tenantId === tenantId,
    );
    if (existing) {
      existing.authEventId = grant.authEventId;
      existing.updatedAt = now;
    } else {
      const id = randomUUID();
      identity.connections.set(id, {
        id,
        clientId,
        tenantId,
        authEventId: grant.authEventId,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
  return grant;
}
