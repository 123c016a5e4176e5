/**
 * What every write to an organisation's books carries: the organisation, the time on the sandbox
 * clock, the caller's `unitdp`, who is acting (an app through the API, or a bookkeeper "in Xero"
 * through the control surface) and where change events go (webhooks).
 *
 * @module
 */
import type { IsoDate } from '../xero-dates.js';
import type { Organisation } from './organisation.js';

export type EventCategory = 'CONTACT' | 'INVOICE' | 'CREDITNOTE';

/** A change Xero would announce by webhook (webhooks-spec: CONTACT, INVOICE, CREDITNOTE). */
export interface ChangeEvent {
  tenantId: string;
  category: EventCategory;
  type: 'CREATE' | 'UPDATE';
  resourceId: string;
  at: number;
  /** CREDITNOTE events carry Type and Status (webhooks-spec CreditNoteWebhookEvent). */
  data?: { Type: string; Status: string };
}

export type Actor = { kind: 'app'; clientId: string } | { kind: 'bookkeeper' };

export interface WriteContext {
  org: Organisation;
  now: number;
  today: IsoDate;
  /** 4 keeps 4-decimal unit amounts; anything else rounds them to 2 (reference §5 `unitdp`). */
  unitdp: 2 | 4;
  actor: Actor;
  emit(event: Omit<ChangeEvent, 'tenantId' | 'at'>): void;
}

/** Errors (the element fails) and warnings (it succeeds with a note) for one element. */
export class Problems {
  readonly errors: string[] = [];
  readonly warnings: string[] = [];

  error(message: string): void {
    if (!this.errors.includes(message)) this.errors.push(message);
  }

  warn(message: string): void {
    if (!this.warnings.includes(message)) this.warnings.push(message);
  }

  get failed(): boolean {
    return this.errors.length > 0;
  }
}
