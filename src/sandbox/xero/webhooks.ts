/**
 * Webhooks out (reference §13, webhooks-spec). Changes to contacts, invoices and credit notes are
 * delivered to the configured URL as `{events, firstEventSequence, lastEventSequence, entropy}`,
 * signed with `x-xero-signature` = base64 HMAC-SHA256 of the raw body with the webhook key.
 *
 * Configuring a URL first runs Xero's intent-to-receive check: POSTs with empty `events` and
 * sequences 0, some signed correctly and some deliberately not (a seeded order); the receiver
 * must answer 200 to the good ones and 401 to the bad ones, or the webhook stays inactive.
 * Failed deliveries are retried in order with a growing back-off, on the injected clock, for up
 * to 24 hours; then the webhook is disabled.
 *
 * @module
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Clock } from '../../time/clock.js';
import type { ChangeEvent } from './accounting/context.js';
import { mulberry32 } from './faults.js';
import type { StatsRecorder } from './stats.js';
import { webhookDateTime } from './xero-dates.js';

export interface WebhookSettings {
  url: string;
  /** The signing key; generated when absent (Xero generates it). */
  key?: string;
  /** Deliver changes made by apps through the API too (Xero does); default true. */
  includeApiChanges?: boolean;
}

export interface IntentCheck {
  correctlySigned: boolean;
  status: number | null;
  passed: boolean;
}

export interface WebhookStatus {
  url?: string;
  key?: string;
  active: boolean;
  intentChecks: IntentCheck[];
  pending: number;
  lastSequence: number;
  disabledReason?: string;
}

/** Back-off between attempts, in clock ms; the last step repeats until 24 hours have passed. */
export const RETRY_SCHEDULE_MS = [
  5_000, 30_000, 60_000, 300_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000,
];
const GIVE_UP_MS = 86_400_000;
const CATEGORY_PATH = {
  CONTACT: 'Contacts',
  INVOICE: 'Invoices',
  CREDITNOTE: 'CreditNotes',
} as const;
const INTENT_PATTERN = [true, false, true, false];

export function signWebhook(key: string, body: string): string {
  return createHmac('sha256', key).update(body, 'utf8').digest('base64');
}

function entropy(): string {
  return [...randomBytes(20)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
}

interface Subscription {
  url: string;
  key: string;
  active: boolean;
  includeApiChanges: boolean;
  intentChecks: IntentCheck[];
  disabledReason?: string;
}

export class WebhookDispatcher {
  private sub: Subscription | undefined;
  private queue: Record<string, unknown>[] = [];
  private sequence = 0;
  private sending = false;
  private sleeping = false;
  private wakers: (() => void)[] = [];
  private generation = 0;

  constructor(
    private readonly clock: Clock,
    private readonly stats: StatsRecorder,
    private readonly seed: number,
    /** Sleeps on the clock (services.sleep: cut short on stop). */
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** Sets the URL and key and runs the intent-to-receive check. */
  async configure(settings: WebhookSettings): Promise<WebhookStatus> {
    this.disable();
    const key = settings.key ?? randomBytes(48).toString('base64');
    const checks = await this.intentToReceive(settings.url, key);
    this.sub = {
      url: settings.url,
      key,
      active: checks.every((c) => c.passed),
      includeApiChanges: settings.includeApiChanges ?? true,
      intentChecks: checks,
      ...(checks.every((c) => c.passed) ? {} : { disabledReason: 'intent to receive failed' }),
    };
    return this.status();
  }

  /** Forgets the subscription and anything queued. */
  disable(): void {
    this.generation += 1;
    this.sub = undefined;
    this.queue = [];
    this.sending = false;
    this.sleeping = false;
    this.notify();
  }

  status(): WebhookStatus {
    return {
      ...(this.sub ? { url: this.sub.url, key: this.sub.key } : {}),
      active: this.sub?.active ?? false,
      intentChecks: this.sub?.intentChecks ?? [],
      pending: this.queue.length,
      lastSequence: this.sequence,
      ...(this.sub?.disabledReason ? { disabledReason: this.sub.disabledReason } : {}),
    };
  }

  /** Queues an event for delivery (dropped when no active webhook would receive it). */
  enqueue(event: ChangeEvent, apiBase: string, fromApi: boolean): void {
    const sub = this.sub;
    if (!sub?.active || (fromApi && !sub.includeApiChanges)) {
      if (sub) this.stats.webhook('dropped');
      return;
    }
    this.queue.push({
      resourceUrl: `${apiBase}/api.xro/2.0/${CATEGORY_PATH[event.category]}/${event.resourceId}`,
      resourceId: event.resourceId,
      eventDateUtc: webhookDateTime(event.at),
      eventType: event.type,
      eventCategory: event.category,
      tenantId: event.tenantId,
      tenantType: 'ORGANISATION',
      ...(event.data ? { data: event.data } : {}),
    });
    if (!this.sending) setImmediate(() => void this.pump());
  }

  /** Resolves once nothing is being sent: the queue is empty or waiting for a retry. */
  async idle(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (
      (this.sending && !this.sleeping) ||
      (this.queue.length > 0 && !this.sleeping && this.sub?.active)
    ) {
      await new Promise<void>((resolve) => this.wakers.push(resolve));
    }
  }

  private notify(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const wake of wakers) wake();
  }

  private async intentToReceive(url: string, key: string): Promise<IntentCheck[]> {
    const random = mulberry32(this.seed);
    const pattern = [...INTENT_PATTERN];
    for (let i = pattern.length - 1; i > 0; i -= 1) {
      const j = Math.floor(random() * (i + 1));
      [pattern[i], pattern[j]] = [pattern[j] ?? true, pattern[i] ?? true];
    }
    const checks: IntentCheck[] = [];
    for (const correctlySigned of pattern) {
      const body = JSON.stringify({
        events: [],
        firstEventSequence: 0,
        lastEventSequence: 0,
        entropy: entropy(),
      });
      const signature = signWebhook(
        correctlySigned ? key : randomBytes(48).toString('base64'),
        body,
      );
      const status = await post(url, body, signature);
      checks.push({ correctlySigned, status, passed: status === (correctlySigned ? 200 : 401) });
    }
    return checks;
  }

  private async pump(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    const generation = this.generation;
    let attempt = 0;
    let firstFailure: number | undefined;
    while (this.queue.length > 0 && this.sub?.active && generation === this.generation) {
      const sub = this.sub;
      const batch = sameCategoryRun(this.queue, 50);
      const first = this.sequence + 1;
      const body = JSON.stringify({
        events: batch,
        firstEventSequence: first,
        lastEventSequence: first + batch.length - 1,
        entropy: entropy(),
      });
      const status = await post(sub.url, body, signWebhook(sub.key, body));
      if (generation !== this.generation) break;
      if (status === 200) {
        this.queue.splice(0, batch.length);
        this.sequence += batch.length;
        this.stats.webhook('delivered', batch.length);
        attempt = 0;
        firstFailure = undefined;
        continue;
      }
      this.stats.webhook('failedAttempts');
      const failingSince = firstFailure ?? this.clock.now();
      firstFailure = failingSince;
      if (this.clock.now() - failingSince >= GIVE_UP_MS) {
        sub.active = false;
        sub.disabledReason = 'deliveries failed for 24 hours';
        break;
      }
      await this.backOff(RETRY_SCHEDULE_MS[Math.min(attempt, RETRY_SCHEDULE_MS.length - 1)] ?? 0);
      attempt += 1;
    }
    if (generation === this.generation) this.sending = false;
    this.notify();
  }

  private async backOff(ms: number): Promise<void> {
    this.sleeping = true;
    this.notify();
    await this.sleep(ms);
    this.sleeping = false;
  }
}

/**
 * The first events of the queue that share a category (at most `max`): each payload holds one
 * category, so a credit-note payload is a CreditNoteWebhookEvent as the webhooks spec types it.
 */
function sameCategoryRun(queue: Record<string, unknown>[], max: number): Record<string, unknown>[] {
  const category = queue[0]?.eventCategory;
  const end = queue.findIndex((e, i) => i >= max || e.eventCategory !== category);
  return queue.slice(0, end === -1 ? queue.length : end);
}

/** POSTs a signed payload; the status, or null when the receiver could not be reached in 5 s. */
async function post(url: string, body: string, signature: string): Promise<number | null> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-xero-signature': signature },
      body,
      signal: AbortSignal.timeout(5_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return null;
  }
}
