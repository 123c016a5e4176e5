/**
 * An organisation's records and the one place they change. Every resource is a table of records
 * keyed by id, in creation order; writes from the API and from the practice user both go through
 * `Books`, which stamps `createdTimestamp` / `modifiedTimestamp` on the injected clock (the only
 * incremental-sync signal Actionstep offers for bills, pms-apis.md §0.4) and tells the webhook
 * dispatcher what changed.
 *
 * @module
 */
import type { Clock } from '../../time/clock.js';
import { notFound } from './errors.js';
import type { ResourceDef } from './schema.js';
import { CORE_RESOURCES } from './schema.js';
import { BILLING_RESOURCES } from './schema-billing.js';
import { EXTENSION_RESOURCES } from './schema-extensions.js';
import type { Stored } from './values.js';

/** A link's value: an id, several ids, or a code (countries). */
export type LinkValue = number | number[] | string | null;

export interface StoredRecord {
  id: number;
  values: Record<string, Stored>;
  links: Record<string, LinkValue>;
}

export interface Organisation {
  orgkey: string;
  name: string;
  /** Offset from UTC the organisation's timestamps are shown at, in minutes. */
  utcOffsetMinutes: number;
  currency: string;
  tables: Record<string, Map<number, StoredRecord>>;
  nextIds: Record<string, number>;
  /** Reference sequences (bill numbers, credit numbers). */
  counters: Record<string, number>;
  /** Defaults the practice user's actions use: officeBankAccount, trustBankAccount, feeIncomeAccount, defaultTaxCode… */
  settings: Record<string, number>;
}

export type ChangeKind = 'created' | 'updated' | 'deleted';
export type ChangeListener = (
  org: Organisation,
  def: ResourceDef,
  kind: ChangeKind,
  record: StoredRecord,
) => void;

/** Every resource the emulator knows, documented or not. */
export const ALL_RESOURCES: ReadonlyMap<string, ResourceDef> = new Map(
  [...CORE_RESOURCES, ...BILLING_RESOURCES, ...EXTENSION_RESOURCES].map((d) => [d.name, d]),
);

export function resourceDef(name: string): ResourceDef {
  const def = ALL_RESOURCES.get(name);
  if (!def) throw new Error(`unknown resource ${name}`);
  return def;
}

export function newOrganisation(
  orgkey: string,
  name: string,
  utcOffsetMinutes: number,
  currency: string,
): Organisation {
  return {
    orgkey,
    name,
    utcOffsetMinutes,
    currency,
    tables: {},
    nextIds: {},
    counters: {},
    settings: {},
  };
}

/** The id a client sees: a number, or "1024--31--11" for a composite id. */
export function publicId(def: ResourceDef, record: StoredRecord): number | string {
  return def.compositeId
    ? def.compositeId.map((l) => String(record.links[l])).join('--')
    : record.id;
}

const STAMP_ON_CREATE = ['createdTimestamp', 'modifiedTimestamp', 'enteredTimestamp'];

/** Records of one resource by the id one of their links holds. */
type LinkIndex = Map<number, Set<StoredRecord>>;

export class Books {
  /** Built on first use ("billlines.bill"), then kept up to date by every write. */
  private readonly indexes = new Map<string, LinkIndex>();

  constructor(
    readonly org: Organisation,
    private readonly clock: Clock,
    private readonly onChange: ChangeListener,
  ) {}

  now(): number {
    return this.clock.now();
  }

  table(resource: string): Map<number, StoredRecord> {
    return (this.org.tables[resource] ??= new Map());
  }

  all(resource: string): StoredRecord[] {
    return [...this.table(resource).values()];
  }

  get(resource: string, id: number): StoredRecord | undefined {
    return this.table(resource).get(id);
  }

  require(resource: string, id: number): StoredRecord {
    const record = this.get(resource, id);
    if (!record) throw notFound(`${resource} ${id} does not exist`);
    return record;
  }

  /** The records of `resource` whose link `link` holds `id` (indexed: bills have many lines). */
  linkedTo(resource: string, link: string, id: number): StoredRecord[] {
    const key = `${resource}.${link}`;
    let index = this.indexes.get(key);
    if (!index) {
      index = new Map();
      this.indexes.set(key, index);
      for (const r of this.table(resource).values()) this.indexAdd(index, r.links[link], r);
    }
    return [...(index.get(id) ?? [])];
  }

  private indexAdd(index: LinkIndex, value: LinkValue | undefined, record: StoredRecord): void {
    for (const id of Array.isArray(value) ? value : [value]) {
      if (typeof id !== 'number') continue;
      let set = index.get(id);
      if (!set) index.set(id, (set = new Set()));
      set.add(record);
    }
  }

  private reindex(resource: string, record: StoredRecord, add: boolean): void {
    for (const [key, index] of this.indexes) {
      const [table, link] = key.split('.');
      if (table !== resource || !link) continue;
      const value = record.links[link];
      if (add) this.indexAdd(index, value, record);
      else
        for (const id of Array.isArray(value) ? value : [value])
          if (typeof id === 'number') index.get(id)?.delete(record);
    }
  }

  /** A record by the id text of a URL ("7001", or "2001--21--7001" for a composite id). */
  find(def: ResourceDef, idText: string): StoredRecord | undefined {
    if (def.compositeId) return this.all(def.name).find((r) => publicId(def, r) === idText);
    return /^\d+$/.test(idText) ? this.get(def.name, Number(idText)) : undefined;
  }

  create(
    resource: string,
    values: Record<string, Stored>,
    links: Record<string, LinkValue> = {},
  ): StoredRecord {
    const def = resourceDef(resource);
    const id = (this.org.nextIds[resource] ??= def.firstId);
    this.org.nextIds[resource] = id + 1;
    const record: StoredRecord = { id, values: {}, links: {} };
    for (const name of Object.keys(def.fields)) record.values[name] = values[name] ?? null;
    for (const name of Object.keys(def.links)) record.links[name] = links[name] ?? null;
    const now = this.now();
    for (const name of STAMP_ON_CREATE) if (name in def.fields) record.values[name] = now;
    this.table(resource).set(id, record);
    this.reindex(resource, record, true);
    this.onChange(this.org, def, 'created', record);
    return record;
  }

  /** Applies the given values and links (others unchanged) and moves `modifiedTimestamp`. */
  update(
    resource: string,
    record: StoredRecord,
    values: Record<string, Stored> = {},
    links: Record<string, LinkValue> = {},
  ): StoredRecord {
    const def = resourceDef(resource);
    Object.assign(record.values, values);
    this.reindex(resource, record, false);
    Object.assign(record.links, links);
    this.reindex(resource, record, true);
    if ('modifiedTimestamp' in def.fields) record.values.modifiedTimestamp = this.now();
    this.onChange(this.org, def, 'updated', record);
    return record;
  }

  remove(resource: string, record: StoredRecord): void {
    this.table(resource).delete(record.id);
    this.reindex(resource, record, false);
    this.onChange(this.org, resourceDef(resource), 'deleted', record);
  }

  /** The next number of a reference sequence, starting at `first`. */
  nextNumber(counter: string, first: number): number {
    const n = (this.org.counters[counter] ??= first);
    this.org.counters[counter] = n + 1;
    return n;
  }
}
