/**
 * Where Clio and Actionstep send the browser back after their consent page:
 * `/connect/clio/callback` and `/connect/actionstep/callback`. Public (public-paths.ts), like
 * Xero's, but only a state this service issued in the last ten minutes is accepted, once; the
 * connection is then finished (src/service/pms-consent.ts) and the browser returns to the
 * Connections page. Anything else is a 400 saying to start again.
 *
 * @module
 */
import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { asLedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { callbackPath, type ConsentKind, type PmsConnectors } from '../service/pms-consent.js';

const KINDS: readonly ConsentKind[] = ['clio', 'actionstep'];

export function pmsOAuthRoutes(connectors: PmsConnectors): Hono {
  const app = new Hono();
  for (const kind of KINDS.filter((k) => connectors.kinds.includes(k)))
    app.get(callbackPath(kind), async (c) => {
      const state = c.req.query('state') ?? '';
      const code = c.req.query('code');
      if (!code)
        return c.text(`Not connected: ${c.req.query('error') ?? 'no code was returned'}.`, 400);
      try {
        await connectors.finish(kind, state, code);
      } catch (error) {
        const e = asLedgerbridgeError(error);
        const status = (e.httpStatus >= 500 ? 502 : 400) as ContentfulStatusCode;
        return c.text(`Not connected: ${e.message}. ${e.fix ?? ''}`.trim(), status);
      }
      return c.redirect('/connections?notice=source-connected', 302);
    });
  return app;
}
