/**
 * What the identity service needs: the state, the clock and its lifetimes (reference §12).
 *
 * @module
 */
import type { Clock } from '../../../time/clock.js';
import type { SandboxState } from '../state.js';

export interface IdentitySettings {
  /** Access tokens last 30 minutes (`expires_in: 1800`), configurable. */
  accessTokenTtlMs: number;
  /** A rotated refresh token still works this long after it was used (30 minutes). */
  refreshGraceMs: number;
  /** Unused refresh tokens expire after 60 days. */
  refreshTokenTtlMs: number;
  /** Authorization codes are single-use and last 5 minutes ([2nd]). */
  codeTtlMs: number;
  jwtSecret: string;
}

export interface IdentityDeps {
  state: SandboxState;
  clock: Clock;
  settings: IdentitySettings;
  /** The sandbox's base URL (issuer of tokens). */
  baseUrl(): string;
}

/** An OAuth error answer: `{"error": "invalid_grant"}` and the like. */
export interface OAuthAnswer {
  status: number;
  body: Record<string, unknown>;
}

export function oauthError(error: string, description?: string): OAuthAnswer {
  return { status: 400, body: description ? { error, error_description: description } : { error } };
}
