/**
 * `POST /webhooks/xero`: Xero's webhooks in (reference/xero-api.md §13). Public, but every delivery
 * must carry `x-xero-signature`, the base64 HMAC-SHA256 of the raw body bytes with the app's
 * webhooks key (XERO_WEBHOOK_KEY); anything else is answered 401 and counted, and its body is
 * neither parsed nor logged. Answering 401 to the deliberately mis-signed deliveries and 200 to the
 * good ones of Xero's "intent to receive" check is what turns the webhook on.
 *
 * A signed delivery queues one sync of each connected organisation it names, a few seconds on and
 * under the organisation's singleton key, so a burst of events gives one sync (the waiting job
 * absorbs the rest), and asks that this sync do the work rather than end as quiet. Xero wants the 200 within 5 seconds: nothing here waits on Xero.
 *
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { Logger } from '../log/logger.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { Database } from '../store/database.js';
import { listOrganisations } from '../store/organisations-repo.js';
import { requestWorkingPass } from '../sync/idle/pass-mark.js';

/** Seconds a webhook-triggered sync waits, so a burst of events (Xero sends up to 5 s apart) is one. */
export const WEBHOOK_DEBOUNCE_SECONDS = 10;

export type WebhookOutcome = 'accepted' | 'refused';

export interface XeroWebhookOptions {
  readonly db: Database;
  readonly queue: JobQueue;
  /** The app's webhooks key; unset refuses every delivery. */
  readonly key: string | undefined;
  readonly log: Logger;
  readonly onDelivery?: (source: 'xero', outcome: WebhookOutcome) => void;
}

/** Constant-time comparison of the header with the body's signature. */
export function signedByXero(key: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = createHmac('sha256', key).update(rawBody).digest();
  const given = Buffer.from(header, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The tenant ids a delivery names; an intent-to-receive check names none. */
export function tenantsOf(body: unknown): string[] {
  const events = (body as { events?: unknown } | null)?.events;
  if (!Array.isArray(events)) return [];
  const ids = events
    .map((e) => (e as { tenantId?: unknown } | null)?.tenantId)
    .filter((t): t is string => typeof t === 'string');
  return [...new Set(ids)];
}

export function xeroWebhookRoutes(options: XeroWebhookOptions): Hono {
  const app = new Hono();
  app.post('/webhooks/xero', async (c) => {
    const raw = Buffer.from(await c.req.arrayBuffer());
    const signature = c.req.header('x-xero-signature');
    if (!options.key || !signedByXero(options.key, raw, signature)) {
      options.onDelivery?.('xero', 'refused');
      options.log.warn({ signed: Boolean(signature) }, 'xero webhook refused: bad signature');
      return c.body(null, 401);
    }
    options.onDelivery?.('xero', 'accepted');
    let named: string[];
    try {
      named = tenantsOf(JSON.parse(raw.toString('utf8')));
    } catch {
      named = []; // signed by Xero yet not JSON: nothing to sync
    }
    const connected = new Set(
      (await listOrganisations(options.db))
        .filter((o) => o.status === 'connected')
        .map((o) => o.tenantId),
    );
    for (const tenantId of named.filter((t) => connected.has(t))) {
      // The queued pass must read Xero's side in full, not end as quiet (sync/idle/): a contact
      // edited in Xero comes only this way between the daily re-checks when webhooks are on.
      await requestWorkingPass(options.db, tenantId);
      await options.queue.send(
        'sync-organisation',
        { tenantId },
        {
          singletonKey: `organisation:${tenantId}`,
          startAfterSeconds: WEBHOOK_DEBOUNCE_SECONDS,
        },
      );
    }
    if (named.length > 0) options.log.info({ tenantIds: named }, 'xero webhook: sync queued');
    return c.body(null, 200);
  });
  return app;
}
