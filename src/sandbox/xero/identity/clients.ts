/**
 * Registered apps: OAuth clients with redirect URIs, and custom connections (a client-credentials
 * app bound to one organisation, reference §12 "Custom Connections").
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { IdentityDeps } from './deps.js';
import type { OAuthClient } from './model.js';
import { randomToken } from './tokens.js';

export interface ClientRegistration {
  clientId?: string;
  clientSecret?: string;
  name?: string;
  redirectUris?: string[];
}

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** Registers (or replaces) an OAuth app. Xero client ids are 32 upper-case hex characters. */
export function registerClient(deps: IdentityDeps, spec: ClientRegistration): ClientCredentials {
  const clientId = spec.clientId ?? randomUUID().replace(/-/g, '').toUpperCase();
  const client: OAuthClient = {
    clientId,
    clientSecret: spec.clientSecret ?? randomToken(36),
    name: spec.name ?? 'Ledgerbridge',
    redirectUris: spec.redirectUris ?? [],
    createdAt: deps.clock.now(),
  };
  deps.state.identity.clients.set(clientId, client);
  return { clientId, clientSecret: client.clientSecret };
}

/** Registers a custom connection to one organisation (client-credentials grant). */
export function registerCustomConnection(
  deps: IdentityDeps,
  spec: ClientRegistration & { tenantId: string },
): ClientCredentials {
  if (!deps.state.orgs.has(spec.tenantId)) throw new Error(`no organisation ${spec.tenantId}`);
  const creds = registerClient(deps, { ...spec, redirectUris: [] });
  const client = deps.state.identity.clients.get(creds.clientId);
  if (client) client.customConnectionTenantId = spec.tenantId;
  const now = deps.clock.now();
  const id = randomUUID();
  deps.state.identity.connections.set(id, {
    id,
    clientId: creds.clientId,
    tenantId: spec.tenantId,
    authEventId: randomUUID(),
    createdAt: now,
    updatedAt: now,
  });
  return creds;
}

/**
 * The client a token request authenticates as: HTTP Basic (as Xero documents) or client_id /
 * client_secret in the form. A client without a secret in the request is accepted only for the
 * PKCE code exchange, which proves itself with the code verifier.
 */
export function authenticateClient(
  deps: IdentityDeps,
  basic: { id: string; secret: string } | undefined,
  form: URLSearchParams,
): { client: OAuthClient; withSecret: boolean } | undefined {
  const id = basic?.id ?? form.get('client_id') ?? undefined;
  const secret = basic?.secret ?? form.get('client_secret') ?? undefined;
  const client = id ? deps.state.identity.clients.get(id) : undefined;
  if (!client) return undefined;
  if (secret === undefined) return { client, withSecret: false };
  return secret === client.clientSecret ? { client, withSecret: true } : undefined;
}
