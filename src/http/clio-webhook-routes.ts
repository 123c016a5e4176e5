/**
 * `POST /webhooks/clio/{source}`: Clio's webhooks in (src/sources/clio/webhooks.ts). Public, but
 * nothing is acted on unless Clio's signature checks out against one of the source's stored
 * subscriptions (compared in constant time); everything else is answered 401 and counted, its body
 * neither parsed nor logged.
 *
 * - Activation: a request carrying `X-Hook-Secret` is answered 200 echoing it when it is the shared
 *   secret of one of the source's pending subscriptions, which then turns enabled. Clio may send it
 *   before its answer to the creation is stored, so an activation that finds a subscription still
 *   being created waits for it (up to 4 s).
 * - Delivery: signed `X-Hook-Signature` (hex HMAC-SHA256 of the raw body with the shared secret)
 *   queues one pull of the source a few seconds on, under the source's singleton key, so a burst of
 *   changes (one edit fires several models) is one pull; the pull then queues the syncs of the
 *   organisations the source routes to (pull-job.ts). Nothing here waits on Clio or Xero.
 *
 * @module
 */
import { timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { Logger } from '../log/logger.js';
import type { JobQueue } from '../queue/job-queue.js';
import { verifyClioSignature } from '../sources/clio/webhooks.js';
import type { Database } from '../store/database.js';
import { listWebhooks, markWebhook, type SourceWebhook } from '../store/source-webhooks-repo.js';
import { unseal, type SealingKey } from '../xero/token-crypto.js';
import type { WebhookOutcome } from './xero-webhook-routes.js';

/** Seconds a webhook-triggered pull waits, so the deliveries of one edit are one pull. */
export const CLIO_WEBHOOK_DEBOUNCE_SECONDS = 2;
/** How long an activation waits for its subscription's creation to be stored. */
export const ACTIVATION_WAIT_MS = 4_000;

export interface ClioWebhookOptions {
  readonly db: Database;
  readonly queue: JobQueue;
  /** Unseals the stored shared secrets; unset (no LEDGERBRIDGE_SECRET_KEY) refuses everything. */
  readonly key: SealingKey | undefined;
  readonly log: Logger;
  readonly onDelivery?: (source: string, outcome: WebhookOutcome) => void;
}

export function clioWebhookRoutes(options: ClioWebhookOptions): Hono {
  const app = new Hono();
  app.post('/webhooks/clio/:source', async (c) => {
    const source = c.req.param('source');
    const raw = Buffer.from(await c.req.arrayBuffer());
    const offered = c.req.header('x-hook-secret');
    const accepted =
      offered !== undefined
        ? await activate(options, source, offered)
        : await signed(options, source, raw, c.req.header('x-hook-signature'));
    if (!accepted) return refuse(c, options, source);
    options.onDelivery?.('clio', 'accepted');
    if (offered !== undefined) {
      options.log.info({ source }, 'clio webhook activated');
      return c.body(null, 200, { 'x-hook-secret': offered });
    }
    await options.queue.send(
      'pull-source',
      { source, full: false },
      { singletonKey: `source:${source}`, startAfterSeconds: CLIO_WEBHOOK_DEBOUNCE_SECONDS },
    );
    return c.body(null, 200);
  });
  return app;
}

function refuse(c: Context, options: ClioWebhookOptions, source: string): Response {
  options.onDelivery?.('clio', 'refused');
  options.log.warn({ source }, 'clio webhook refused: bad signature');
  return c.body(null, 401);
}

async function signed(
  options: ClioWebhookOptions,
  source: string,
  raw: Buffer,
  signature: string | undefined,
): Promise<boolean> {
  if (!signature || !options.key) return false;
  const rows = (await listWebhooks(options.db, source)).filter((r) => r.status !== 'failed');
  const headers = { 'x-hook-signature': signature };
  return rows.some((r) => {
    const secret = secretOf(options.key!, r);
    return secret !== undefined && verifyClioSignature(headers, raw, secret);
  });
}

/** Enables the pending subscription whose secret is `offered`; waits for one being created. */
async function activate(
  options: ClioWebhookOptions,
  source: string,
  offered: string,
): Promise<boolean> {
  if (!options.key) return false;
  const until = Date.now() + ACTIVATION_WAIT_MS;
  for (;;) {
    const pending = (await listWebhooks(options.db, source)).filter((r) => r.status === 'pending');
    const match = pending.find((r) => sameText(secretOf(options.key!, r), offered));
    if (match) {
      await markWebhook(options.db, source, match.model, 'enabled', null);
      return true;
    }
    const beingCreated = pending.some((r) => r.sealedSecret === null);
    if (!beingCreated || Date.now() >= until) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

function secretOf(key: SealingKey, row: SourceWebhook): string | undefined {
  if (!row.sealedSecret) return undefined;
  try {
    return unseal(key, row.sealedSecret);
  } catch {
    return undefined; // sealed under another key: it cannot sign anything we accept
  }
}

function sameText(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
