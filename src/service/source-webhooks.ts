/**
 * Keeps a source's webhook subscriptions at its PMS (webhook-plan.ts decides per model): creates
 * the missing ones, renews those close to expiry, and records each outcome so `ledgerbridge
 * sources` and `status` show subscriptions that failed or expired. Each shared secret is sealed
 * before it is stored, as the source's credentials are.
 *
 * A row is written before the PMS is asked to create a subscription: the PMS's activation request
 * may arrive before its answer does, and finds that row (clio-webhook-routes.ts).
 *
 * @module
 */
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { SourceWebhooks } from '../sources/source.js';
import type { Database } from '../store/database.js';
import {
  beginWebhook,
  listWebhooks,
  markWebhook,
  renewWebhook,
  saveWebhook,
} from '../store/source-webhooks-repo.js';
import { seal, type SealingKey } from '../xero/token-crypto.js';
import { webhookStep } from './webhook-plan.js';

export interface KeepWebhooksInput {
  readonly db: Database;
  readonly key: SealingKey;
  readonly source: string;
  readonly webhooks: SourceWebhooks;
  /** Where the PMS delivers: LEDGERBRIDGE_PUBLIC_URL + /webhooks/<kind>/<source>. */
  readonly url: string;
  readonly now: () => number;
}

export interface KeptWebhooks {
  created: number;
  renewed: number;
  failed: number;
}

/** The delivery address of a source's webhooks under the service's public URL. */
export function webhookUrl(publicUrl: string, kind: string, source: string): string {
  return new URL(`/webhooks/${kind}/${encodeURIComponent(source)}`, publicUrl).toString();
}

export async function keepWebhooks(input: KeepWebhooksInput): Promise<KeptWebhooks> {
  const kept: KeptWebhooks = { created: 0, renewed: 0, failed: 0 };
  const rows = await listWebhooks(input.db, input.source);
  for (const model of input.webhooks.models) {
    const row = rows.find((r) => r.model === model);
    const step = webhookStep(row, input.now());
    if (step === 'keep') continue;
    try {
      if (step === 'renew' && (await renew(input, model, row!.hookId!))) kept.renewed++;
      else {
        await create(input, model);
        kept.created++;
      }
    } catch (error) {
      kept.failed++;
      await markWebhook(input.db, input.source, model, 'failed', reasonOf(error));
    }
  }
  return kept;
}

async function create(input: KeepWebhooksInput, model: string): Promise<void> {
  await beginWebhook(input.db, input.source, model);
  const expiresAt = new Date(input.now() + input.webhooks.lifetimeMs);
  const hook = await input.webhooks.create(input.url, model, expiresAt);
  const sealedSecret = seal(input.key, hook.secret);
  const saved = { source: input.source, model, hookId: hook.id, sealedSecret, keyId: input.key.id };
  await saveWebhook(input.db, saved, hook.expiresAt);
}

/** True when renewed; false when the PMS no longer has it (the caller creates it again). */
async function renew(input: KeepWebhooksInput, model: string, hookId: string): Promise<boolean> {
  const expiresAt = new Date(input.now() + input.webhooks.lifetimeMs);
  const until = await input.webhooks.renew(hookId, expiresAt);
  if (!until) return false;
  await renewWebhook(input.db, input.source, model, until);
  return true;
}

function reasonOf(error: unknown): string {
  return error instanceof LedgerbridgeError
    ? error.toLine()
    : error instanceof Error
      ? error.message
      : String(error);
}
