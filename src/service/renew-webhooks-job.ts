/**
 * The `renew-webhooks` job: keeps one source's webhook subscriptions (source-webhooks.ts). The
 * tick sends it for a source whose subscriptions are missing, failed an hour ago, or close to
 * expiry (scheduler.ts), and only when LEDGERBRIDGE_PUBLIC_URL says where the PMS can deliver.
 *
 * A source that is not connected, or needs reconnecting, is not a fault a retry fixes: the job
 * ends with a warning, as the pull does. A subscription the PMS refuses is recorded as failed on
 * its row (shown by `sources` and `status`), not thrown.
 *
 * @module
 */
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { Logger } from '../log/logger.js';
import type { JobHandler } from '../queue/job-queue.js';
import type { SourceConnection } from '../sources/source.js';
import type { Database } from '../store/database.js';
import type { SealingKey } from '../xero/token-crypto.js';
import { keepWebhooks, webhookUrl, type KeptWebhooks } from './source-webhooks.js';

export interface RenewWebhooksDeps {
  readonly db: Database;
  readonly key: () => SealingKey;
  readonly publicUrl: string | undefined;
  /** The connected source opened (undefined when it is not connected), and its kind. */
  readonly open: (
    source: string,
  ) => Promise<{ connection: SourceConnection; kind: string } | undefined>;
  readonly now: () => number;
}

export function renewWebhooksJob(deps: RenewWebhooksDeps, log: Logger): JobHandler {
  return async (job) => {
    const source = String(job.data.source);
    try {
      const kept = await renewSourceWebhooks(deps, source);
      if (kept) log[kept.failed > 0 ? 'warn' : 'info']({ source, ...kept }, 'webhooks kept');
    } catch (error) {
      if (!(error instanceof LedgerbridgeError) || error.code !== 'LB_SOURCE_NEEDS_RECONNECT')
        throw error;
      log.warn({ source, reason: error.toLine() }, 'webhooks not renewed');
    }
  };
}

/**
 * Keeps one source's subscriptions; undefined when there is nothing to keep (no public URL, the
 * source not connected, or its PMS without webhooks). Also run by `connect clio`.
 */
export async function renewSourceWebhooks(
  deps: RenewWebhooksDeps,
  source: string,
): Promise<KeptWebhooks | undefined> {
  if (!deps.publicUrl) return undefined;
  const opened = await deps.open(source);
  const webhooks = opened?.connection.webhooks;
  if (!opened || !webhooks) return undefined;
  return keepWebhooks({
    db: deps.db,
    key: deps.key(),
    source,
    webhooks,
    url: webhookUrl(deps.publicUrl, opened.kind, source),
    now: deps.now,
  });
}
