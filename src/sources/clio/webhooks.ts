/**
 * Clio Manage webhooks (docs.developers.clio.com/guides/clio-manage/webhooks; pms-apis.md §2.2),
 * so a change in Clio is pulled at once instead of on the next interval:
 *
 * - One subscription per model the connector pulls that has webhooks: `bill`, `contact` and
 *   `activity` (Clio has none for allocations, credit memos or line items: the interval's pull
 *   covers those; `clio_payments_payment` is Clio Payments, which the connector does not read).
 * - `POST /webhooks.json` with `{data: {url, model, events, fields, expires_at}}`, asking back
 *   `id, shared_secret, expires_at`. Clio then POSTs the url an activation request carrying
 *   `X-Hook-Secret`; the receiver answers 200 echoing it (src/http/clio-webhook-routes.ts).
 * - Deliveries are signed `X-Hook-Signature: hex(HMAC-SHA256(shared_secret, raw body))`.
 * - Renewal: `PATCH /webhooks/{id}.json` with a later `expires_at`; a 404 means Clio no longer has
 *   it (deleted, or expired and removed), so it is created again.
 *
 * Where the pages we could read are silent we assumed: the expiry may be at most 31 days ahead
 * (we ask 7 and renew with 3 left); the delivery's body is not needed to act (any signed delivery
 * means "this source changed": the pull reads what did).
 *
 * @module
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type { CreatedWebhook, SourceWebhooks } from '../source.js';
import type { ClioClient } from './client.js';

export const CLIO_WEBHOOK_MODELS = ['bill', 'contact', 'activity'] as const;
const DAY_MS = 86_400_000;
export const CLIO_WEBHOOK_LIFETIME_MS = 7 * DAY_MS;
const ASK_BACK: [string, string][] = [['fields', 'id,shared_secret,expires_at']];

/** Clio's ISO time with no fractional seconds. */
const isoSeconds = (at: Date) => `${at.toISOString().slice(0, 19)}Z`;

export function clioWebhooks(client: ClioClient): SourceWebhooks {
  return {
    models: CLIO_WEBHOOK_MODELS,
    lifetimeMs: CLIO_WEBHOOK_LIFETIME_MS,
    async create(url, model, expiresAt, signal): Promise<CreatedWebhook> {
      const data = {
        url,
        model,
        events: ['created', 'updated', 'deleted'],
        fields: 'id,updated_at',
        expires_at: isoSeconds(expiresAt),
      };
      const answer = await client.send('POST', '/webhooks.json', data, ASK_BACK, signal);
      const hook = recordOf(answer.body);
      if (answer.status >= 300 || !hook || typeof hook.shared_secret !== 'string')
        throw refused(`subscribing to ${model}`, answer.status, answer.body);
      return { id: String(hook.id), secret: hook.shared_secret, expiresAt: expiryOf(hook) };
    },
    async renew(id, expiresAt, signal) {
      const path = `/webhooks/${encodeURIComponent(id)}.json`;
      const data = { expires_at: isoSeconds(expiresAt) };
      const answer = await client.send('PATCH', path, data, ASK_BACK, signal);
      if (answer.status === 404) return undefined;
      const hook = recordOf(answer.body);
      if (answer.status >= 300 || !hook)
        throw refused('renewing a webhook', answer.status, answer.body);
      return expiryOf(hook);
    },
  };
}

/** A delivery is Clio's when `X-Hook-Signature` is the hex HMAC of the raw body (constant time). */
export function verifyClioSignature(
  headers: Readonly<Record<string, string>>,
  body: Uint8Array,
  secret: string,
): boolean {
  const given = headers['x-hook-signature'];
  if (!given || !/^[0-9a-f]+$/i.test(given)) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  const bytes = Buffer.from(given, 'hex');
  return bytes.length === expected.length && timingSafeEqual(bytes, expected);
}

function recordOf(body: unknown): Record<string, unknown> | undefined {
  const data = (body as { data?: unknown } | undefined)?.data;
  return data && typeof data === 'object' ? (data as Record<string, unknown>) : undefined;
}

function expiryOf(hook: Record<string, unknown>): Date {
  const at = new Date(String(hook.expires_at));
  if (Number.isNaN(at.getTime()))
    throw new LedgerbridgeError(
      'LB_SOURCE_BAD_RESPONSE',
      'Clio answered a webhook with no expires_at',
    );
  return at;
}

function refused(what: string, status: number, body: unknown): LedgerbridgeError {
  const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return new LedgerbridgeError(
    'LB_SOURCE_WEBHOOK_REFUSED',
    `Clio refused ${what} (HTTP ${status}): ${typeof message === 'string' ? message : 'no reason given'}`,
  );
}
