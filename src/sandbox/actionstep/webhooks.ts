/**
 * REST hooks (docs.actionstep.com/webhooks): a client registers `{eventName, targetUrl}` through
 * the `resthooks` resource; when the event happens Actionstep POSTs the record "in the same format
 * as if you had done a regular GET" (`{"actions": [{...}]}`, legacy REST Hooks page) and expects
 * 200 — "If Actionstep receives any other response code it will automatically disable the REST
 * hook" (docs.actionstep.com/demonstration-application/demo-app-rest-hooks). Delivered hooks
 * count `triggeredCount` and stamp `triggeredLastTimestamp`.
 *
 * No signature scheme is documented, so none is sent. Only the events of the documented list are
 * accepted; that list has no bill, receipt, payment or trust event (pms-apis.md §3.2), so those
 * records are found by polling `modifiedTimestamp`. Events fire for changes made through the API
 * and by the practice user alike (an assumption).
 *
 * @module
 */
import type { Clock } from '../../time/clock.js';
import type { ChangeKind, Organisation, StoredRecord } from './books.js';
import type { ResourceDef } from './schema.js';
import { renderRecord } from './read.js';

export const SUPPORTED_EVENTS: ReadonlySet<string> = new Set([
  'ActionCreated',
  'ActionUpdated',
  'ActionDocumentCreated',
  'ActionDocumentUpdated',
  'ActionDocumentDeleted',
  'ActionParticipantAdded',
  'ActionParticipantDeleted',
  'DataCollectionRecordUpdated',
  'DataCollectionRecordDeleted',
  'DataCollectionRecordValueUpdated',
  'DisbursementCreated',
  'DisbursementUpdated',
  'FileNoteCreated',
  'FileNoteUpdated',
  'ParticipantCreated',
  'ParticipantUpdated',
  'StepChanged',
  'TaskCreated',
  'TaskUpdated',
  'TimeEntryCreated',
  'TimeEntryUpdated',
]);

export interface WebhookCounts {
  delivered: number;
  failed: number;
}

interface Delivery {
  hook: StoredRecord;
  url: string;
  body: string;
}

export class RestHookDispatcher {
  private queue: Delivery[] = [];
  private running: Promise<void> | undefined;
  readonly counts: WebhookCounts = { delivered: 0, failed: 0 };

  constructor(private readonly clock: Clock) {}

  /** The books' change listener: queues a delivery for every active hook on the event. */
  onChange(org: Organisation, def: ResourceDef, kind: ChangeKind, record: StoredRecord): void {
    const eventName = def.events?.[kind];
    if (!eventName) return;
    const hooks = [...(org.tables.resthooks?.values() ?? [])].filter(
      (h) => h.values.eventName === eventName && h.values.status === 'Active',
    );
    if (hooks.length === 0) return;
    const body = JSON.stringify({
      [def.name]: [renderRecord(def, record, org.utcOffsetMinutes)],
    });
    for (const hook of hooks) this.queue.push({ hook, url: String(hook.values.targetUrl), body });
    this.running ??= this.drain();
  }

  /** Resolves once every queued delivery has been attempted. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) await this.deliver(next);
    } finally {
      this.running = undefined;
    }
  }

  /** True when the target answered 200. */
  private async post(delivery: Delivery): Promise<boolean> {
    try {
      const answer = await fetch(delivery.url, {
        method: 'POST',
        headers: { 'content-type': 'application/vnd.api+json' },
        body: delivery.body,
        signal: AbortSignal.timeout(10_000),
      });
      await answer.body?.cancel();
      return answer.status === 200;
    } catch {
      return false;
    }
  }

  private async deliver(delivery: Delivery): Promise<void> {
    if (delivery.hook.values.status !== 'Active') return;
    const ok = await this.post(delivery);
    const hook = delivery.hook.values;
    if (ok) {
      this.counts.delivered += 1;
      hook.triggeredCount = Number(hook.triggeredCount ?? 0) + 1;
      hook.triggeredLastTimestamp = this.clock.now();
    } else {
      this.counts.failed += 1;
      hook.status = 'Disabled';
    }
  }
}
