/**
 * Clio Manage webhooks (docs.developers.clio.com/guides/clio-manage/webhooks; pms-apis.md §2.2):
 *
 * - `POST /api/v4/webhooks.json` with `{data: {url, model, events, fields, expires_at}}` creates a
 *   subscription to one model; the emulator serves the models bill, contact, matter and activity
 *   (allocations, credit memos and line items have no webhook — poll them).
 * - Activation handshake: Clio POSTs to the url with an `X-Hook-Secret` header; the receiver
 *   answers 200 echoing `X-Hook-Secret`, and the webhook turns from `pending` to `enabled`. Until
 *   then nothing is delivered. (The echo is the hookdeck skill page's reading of Clio's guide.)
 * - Deliveries: `{"data": {<the subscription's fields>}, "meta": {"event", "webhook_id"}}` (the
 *   meta keys are an assumption), signed `X-Hook-Signature: hex(HMAC-SHA256(shared_secret, raw
 *   body))`. Nothing is delivered after `expires_at`.
 *
 * Changes made through the API and by the practice user both fire (as in Clio, where a webhook
 * reports what users do in the app).
 *
 * @module
 */
import { createHmac } from 'node:crypto';
import type { Clock } from '../../time/clock.js';
import type { ChangeKind, Firm, FirmBooks, Row } from './firm.js';
import { parseFields, renderRow } from './fields.js';
import { resourceDef } from './schema.js';

export const WEBHOOK_EVENTS: readonly ChangeKind[] = ['created', 'updated', 'deleted'];

export interface WebhookCounts {
  delivered: number;
  failed: number;
}

interface Delivery {
  hook: Row;
  body: string;
  handshake?: boolean;
}

export function signature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

export class WebhookDispatcher {
  private queue: Delivery[] = [];
  private running: Promise<void> | undefined;
  readonly counts: WebhookCounts = { delivered: 0, failed: 0 };

  constructor(
    private readonly clock: Clock,
    private readonly booksOf: (firm: Firm) => FirmBooks,
  ) {}

  /** Queues the activation handshake of a new subscription. */
  handshake(hook: Row): void {
    this.enqueue({ hook, body: '', handshake: true });
  }

  /** The books' change listener: queues a signed delivery for every live matching webhook. */
  onChange(firm: Firm, resource: string, kind: ChangeKind, row: Row): void {
    const def = resourceDef(resource);
    if (!def.model) return;
    const now = this.clock.now();
    const hooks = [...(firm.tables.webhooks?.values() ?? [])].filter(
      (h) =>
        h.model === def.model &&
        h.status === 'enabled' &&
        (h.events as string[]).includes(kind) &&
        Date.parse(String(h.expires_at)) > now,
    );
    const books = hooks.length > 0 ? this.booksOf(firm) : undefined;
    for (const hook of hooks) {
      const selection = parseFields(def, (hook.fields as string | null) ?? null);
      const body = JSON.stringify({
        data: renderRow(books as FirmBooks, def, row, selection),
        meta: { event: kind, webhook_id: hook.id },
      });
      this.enqueue({ hook, body });
    }
  }

  /** Resolves once every queued delivery has been attempted. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private enqueue(delivery: Delivery): void {
    this.queue.push(delivery);
    this.running ??= this.drain();
  }

  private async drain(): Promise<void> {
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) await this.deliver(next);
    } finally {
      this.running = undefined;
    }
  }

  private async deliver(d: Delivery): Promise<void> {
    const secret = String(d.hook.shared_secret);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (d.handshake) headers['x-hook-secret'] = secret;
    else headers['x-hook-signature'] = signature(secret, d.body);
    try {
      const answer = await fetch(String(d.hook.url), {
        method: 'POST',
        headers,
        body: d.body,
        signal: AbortSignal.timeout(10_000),
      });
      await answer.body?.cancel();
      const ok = answer.status >= 200 && answer.status < 300;
      if (d.handshake) {
        if (ok && answer.headers.get('x-hook-secret') === secret) d.hook.status = 'enabled';
        return;
      }
      if (ok) this.counts.delivered += 1;
      else this.counts.failed += 1;
    } catch {
      if (!d.handshake) this.counts.failed += 1;
    }
  }
}
