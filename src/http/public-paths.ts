/**
 * The only paths that answer without a signed-in user or an API key: health checks, signing in and
 * the first admin's setup (they check their own credentials), the OAuth consent callbacks (each
 * accepts only a state it issued) and webhooks (each checks its sender's signature). Everything
 * else goes through the authentication middleware; the route crawl (service-app-crawl.test.ts)
 * requests every route to prove it.
 *
 * @module
 */

const EXACT = new Set([
  '/healthz',
  '/readyz',
  '/login',
  '/logout',
  '/setup',
  '/connect/xero/callback',
  '/connect/clio/callback',
  '/connect/actionstep/callback',
]);

/** Webhook deliveries are signature-checked by their own routes. */
const PREFIXES = ['/webhooks/'];

export function isPublicPath(path: string): boolean {
  return EXACT.has(path) || PREFIXES.some((prefix) => path.startsWith(prefix));
}
