/**
 * Records of Xero's identity service: registered apps, consents (grants), connections and tokens.
 *
 * @module
 */

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
  name: string;
  redirectUris: string[];
  /** Set for a custom connection: the one organisation its client-credentials tokens reach (reference §12). */
  customConnectionTenantId?: string;
  createdAt: number;
}

/** One user consent: the organisations chosen and the scopes granted, shared by one token set. */
export interface Grant {
  id: string;
  clientId: string;
  authEventId: string;
  userId: string;
  scope: string[];
  tenantIds: string[];
  createdAt: number;
}

/** An app's access to one organisation, as GET /connections lists it ([identity] `Connection`). */
export interface Connection {
  id: string;
  clientId: string;
  tenantId: string;
  authEventId: string;
  createdAt: number;
  updatedAt: number;
}

export interface AuthCode {
  code: string;
  clientId: string;
  redirectUri: string;
  grantId: string;
  codeChallenge?: string;
  expiresAt: number;
  used: boolean;
}

export interface RefreshToken {
  token: string;
  grantId: string;
  clientId: string;
  issuedAt: number;
  expiresAt: number;
  /** When this token was exchanged; it still works for the grace period after (reference §12). */
  rotatedAt?: number;
}

export interface AccessToken {
  token: string;
  clientId: string;
  /** The consent behind an authorization-code token. */
  grantId?: string;
  /** The organisation of a custom-connection (client-credentials) token. */
  tenantId?: string;
  scope: string[];
  expiresAt: number;
}

export interface IdentityState {
  clients: Map<string, OAuthClient>;
  grants: Map<string, Grant>;
  connections: Map<string, Connection>;
  authCodes: Map<string, AuthCode>;
  refreshTokens: Map<string, RefreshToken>;
  accessTokens: Map<string, AccessToken>;
  /** Organisations an authorize call consents to; undefined means every organisation. */
  consentTenantIds?: string[];
}

export function emptyIdentityState(): IdentityState {
  return {
    clients: new Map(),
    grants: new Map(),
    connections: new Map(),
    authCodes: new Map(),
    refreshTokens: new Map(),
    accessTokens: new Map(),
  };
}
