/**
 * Connecting Xero from the web server: `GET /connect/xero` starts the consent (PKCE and state kept
 * in the store, so any server process can finish it) and redirects to Xero; `GET
 * /connect/xero/callback` accepts only a state it issued in the last 10 minutes, once, then stores
 * the organisations and returns to the dashboard. The start route belongs behind the server's
 * authentication; the callback is public but state-checked (a forged or replayed callback is 400).
 *
 * @module
 */
import { Hono } from 'hono';
import type { Database } from '../store/database.js';
import { rememberConsent, takeConsent } from '../store/oauth-pending-repo.js';
import { completeAuthorisation, type ConnectDeps } from '../xero/connect.js';
import { authorizeUrl, makeAuthorisationSecrets } from '../xero/identity-client.js';
import { resolveScopes } from '../xero/scopes.js';

/** How long a consent may take (Xero's own authorisation codes live 5 minutes). */
export const PENDING_CONSENT_MS = 10 * 60_000;

export interface XeroOAuthRouteOptions {
  readonly deps: ConnectDeps;
  /** The callback URL registered on the Xero app, e.g. https://lb.example.com/connect/xero/callback. */
  readonly redirectUri: string;
  readonly scopes: string;
  /** Where to send the browser after connecting. */
  readonly afterConnect?: string;
}

export function xeroOAuthRoutes(options: XeroOAuthRouteOptions): Hono {
  const { deps, redirectUri } = options;
  const app = new Hono();
  app.get('/connect/xero', async (c) => {
    const secrets = makeAuthorisationSecrets();
    await remember(deps.db, secrets.state, { verifier: secrets.verifier, at: deps.clock.now() });
    return c.redirect(
      authorizeUrl(deps.endpoints, deps.app, {
        redirectUri,
        scopes: resolveScopes(options.scopes, { offline: true }),
        state: secrets.state,
        challenge: secrets.challenge,
      }),
      302,
    );
  });
  app.get('/connect/xero/callback', async (c) => {
    const state = c.req.query('state') ?? '';
    const pending = state ? await takePending(deps.db, state) : undefined;
    if (!pending || deps.clock.now() - pending.at > PENDING_CONSENT_MS)
      return c.text(
        'This connection request is unknown or expired. Start again from Ledgerbridge.',
        400,
      );
    const code = c.req.query('code');
    if (!code)
      return c.text(`Xero did not connect: ${c.req.query('error') ?? 'no code returned'}.`, 400);
    await completeAuthorisation(deps, { code, verifier: pending.verifier, redirectUri });
    return c.redirect(options.afterConnect ?? '/', 302);
  });
  return app;
}

interface Pending {
  readonly verifier: string;
  readonly at: number;
}

const SCOPE = 'oauth-pending';
const remember = (db: Database, state: string, p: Pending) => rememberConsent(db, SCOPE, state, p);
const takePending = (db: Database, state: string) => takeConsent<Pending>(db, SCOPE, state);
