/**
 * The Cliniko emulator's clinic: its records by resource, its API keys and users. Records are kept
 * in Cliniko's wire shape (snake_case, money as decimal strings, ids as strings) with their
 * relations as `<name>_id` fields, which the API renders as `links` (render.ts).
 *
 * Ids are 64-bit and handed out from 514,810,972,972,521,916 up (Cliniko's own ids since 2020 are
 * of that size, reference/pms-apis.md §0.2), so a client that reads them as JSON numbers loses
 * digits and fails the tests.
 *
 * @module
 */
import type { Clock } from '../../time/clock.js';

export const RESOURCES = [
  'patients',
  'contacts',
  'businesses',
  'practitioners',
  'taxes',
  'billable_items',
  'products',
  'invoices',
  'invoice_items',
] as const;
export type ResourceName = (typeof RESOURCES)[number];

/** A record as stored: wire fields plus relation ids (`patient_id`…). */
export interface ClinikoRecord {
  id: string;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  archived_at: string | null;
  [field: string]: unknown;
}

export interface ApiUser {
  readonly id: string;
  readonly name: string;
  revoked: boolean;
}

export interface ClinicState {
  /** The shard this emulator plays (au1 by default); keys for another shard are refused. */
  shard: string;
  tables: Record<ResourceName, Map<string, ClinikoRecord>>;
  /** API key (without its shard suffix) → the user it acts as. */
  keys: Map<string, ApiUser>;
  nextId: bigint;
  /** Invoice id → its items' ids (kept on insert, so an invoice's items are found without a scan). */
  itemsByInvoice: Map<string, string[]>;
  /** Bumped on every change: query results are cached per version (query.ts). */
  version: number;
}

const FIRST_ID = 514_810_972_972_521_916n;

export function emptyClinic(shard = 'au1'): ClinicState {
  const tables = Object.fromEntries(RESOURCES.map((r) => [r, new Map()])) as ClinicState['tables'];
  return {
    shard,
    tables,
    keys: new Map(),
    nextId: FIRST_ID,
    itemsByInvoice: new Map(),
    version: 0,
  };
}

/** Cliniko's timestamps: UTC, whole seconds, e.g. 2026-11-02T09:30:00Z. */
export function stamp(clock: Clock): string {
  return `${new Date(clock.now()).toISOString().slice(0, 19)}Z`;
}

/** Writes to the clinic, each stamping updated_at as Cliniko does. */
export class ClinicTables {
  constructor(
    readonly state: ClinicState,
    private readonly clock: Clock,
  ) {}

  newId(): string {
    const id = this.state.nextId;
    this.state.nextId += 7_919n; // not consecutive, as Cliniko's are not
    return id.toString();
  }

  now(): string {
    return stamp(this.clock);
  }

  insert(resource: ResourceName, fields: Record<string, unknown>): ClinikoRecord {
    const now = this.now();
    const record: ClinikoRecord = {
      id: this.newId(),
      created_at: now,
      updated_at: now,
      deleted_at: null,
      archived_at: null,
      ...fields,
    };
    this.state.tables[resource].set(record.id, record);
    if (resource === 'invoice_items') {
      const invoice = String(record.invoice_id);
      const items = this.state.itemsByInvoice.get(invoice) ?? [];
      this.state.itemsByInvoice.set(invoice, [...items, record.id]);
    }
    this.state.version++;
    return record;
  }

  get(resource: ResourceName, id: string): ClinikoRecord {
    const record = this.state.tables[resource].get(id);
    if (!record) throw new ClinikoEmulatorError(404, `No ${resource} record ${id}.`);
    return record;
  }

  update(resource: ResourceName, id: string, fields: Record<string, unknown>): ClinikoRecord {
    const record = this.get(resource, id);
    Object.assign(record, fields, { updated_at: this.now() });
    this.state.version++;
    return record;
  }

  /** Items of an invoice that are not deleted. */
  itemsOf(invoiceId: string): ClinikoRecord[] {
    const ids = this.state.itemsByInvoice.get(invoiceId) ?? [];
    return ids
      .map((id) => this.get('invoice_items', id))
      .filter((i) => i.invoice_id === invoiceId && i.deleted_at === null);
  }
}

/** A refusal with the HTTP status the API or control surface answers. */
export class ClinikoEmulatorError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ClinikoEmulatorError';
  }
}

/** A stored field as text, as a filter or a link compares it (objects as JSON). */
export function fieldText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value) ?? '';
}
