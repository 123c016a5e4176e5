/**
 * What to do with a source's webhook subscription for one model, decided from its row alone:
 * create it, renew it, or keep it. Pure, so the rules are tested without a PMS.
 *
 * - No subscription, or one whose expiry passed: create.
 * - One the PMS refused: created again an hour later (not at every tick).
 * - One still waiting for its handshake 10 minutes on (the service was not reachable when it was
 *   created): created again.
 * - One with under 3 days left: renewed.
 *
 * @module
 */
import type { SourceWebhook, WebhookStatus } from '../store/source-webhooks-repo.js';

const MINUTE_MS = 60_000;
export const RENEW_BEFORE_MS = 3 * 24 * 60 * MINUTE_MS;
export const RETRY_FAILED_AFTER_MS = 60 * MINUTE_MS;
export const HANDSHAKE_WAIT_MS = 10 * MINUTE_MS;

export type WebhookStep = 'create' | 'renew' | 'keep';

export type WebhookState = Pick<SourceWebhook, 'status' | 'hookId' | 'expiresAt' | 'updatedAt'>;

export function webhookStep(row: WebhookState | undefined, now: number): WebhookStep {
  if (!row) return 'create';
  const age = now - row.updatedAt.getTime();
  if (row.status === 'failed') return age >= RETRY_FAILED_AFTER_MS ? 'create' : 'keep';
  if (row.status === 'pending' && age >= HANDSHAKE_WAIT_MS) return 'create';
  if (!row.hookId || !row.expiresAt) return row.status === 'pending' ? 'keep' : 'create';
  const left = row.expiresAt.getTime() - now;
  if (left <= 0) return 'create';
  return left < RENEW_BEFORE_MS ? 'renew' : 'keep';
}

/** Whether any of the source's models needs a creation or a renewal. */
export function webhooksDue(
  models: readonly string[],
  rows: readonly (WebhookState & { model: string })[],
  now: number,
): boolean {
  return models.some(
    (m) =>
      webhookStep(
        rows.find((r) => r.model === m),
        now,
      ) !== 'keep',
  );
}

/** The status users see: a subscription past its expiry is expired, whatever was last stored. */
export function shownWebhookStatus(row: WebhookState, now: number): WebhookStatus {
  return row.expiresAt && row.expiresAt.getTime() <= now ? 'expired' : row.status;
}
