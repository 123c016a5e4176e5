/**
 * A Clio account (a law firm) and the one place its records change. Every resource is a table
 * of records keyed by id; writes from the API and from the practice user both go through
 * `FirmBooks`, which stamps `created_at` / `updated_at` on the injected clock (the
 * `updated_since` signal), gives each version a new `etag`, and tells the webhook dispatcher.
 *
 * A record holds its wire values; a nested resource is held as an id (or ids, or `{id, type}`
 * for an allocation's polymorphic `parent`) and resolved when rendered. Keys starting with `_`
 * are the emulator's own and never shown.
 *
 * Ids start above 2^31 so a client that reads them into 32-bit integers fails at once (Clio's
 * ids are int64, pms-apis.md §0.2).
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../../time/clock.js';
import { notFound } from './errors.js';
import type { Region } from './regions.js';

export type Row = { id: number } & Record<string, unknown>;

export interface Firm {
  id: number;
  name: string;
  region: Region;
  currency: string;
  tables: Record<string, Map<number, Row>>;
  nextIds: Record<string, number>;
  counters: Record<string, number>;
  /** Defaults the practice user's actions use (user, currency, bank account, tax rate). */
  settings: Record<string, number>;
}

export type ChangeKind = 'created' | 'updated' | 'deleted';
export type ChangeListener = (firm: Firm, resource: string, kind: ChangeKind, row: Row) => void;

export const FIRST_ID = 2 ** 31 + 1;

export function newFirm(id: number, name: string, region: Region, currency: string): Firm {
  return { id, name, region, currency, tables: {}, nextIds: {}, counters: {}, settings: {} };
}

/** Clio's timestamps: ISO-8601 to the second with an offset (UTC here). */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
}

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function etagOf(row: Row): string {
  const hash = createHash('sha1')
    .update(`${row.id}:${String(row._version)}`)
    .digest('hex');
  return `"${hash.slice(0, 32)}"`;
}

/** Rows of one resource by the id a nested field holds. */
type RefIndex = Map<number, Set<Row>>;

export class FirmBooks {
  /** Built on first use ("line_items.bill"), then kept up to date by every write. */
  private readonly indexes = new Map<string, RefIndex>();
  /** Goes up with every write: a read may cache what it computed for one version. */
  version = 0;
  /** Each table's rows in id order, rebuilt after an insert or removal. */
  private readonly ordered = new Map<string, readonly Row[]>();

  constructor(
    readonly firm: Firm,
    private readonly clock: Clock,
    private readonly onChange: ChangeListener,
  ) {}

  now(): number {
    return this.clock.now();
  }

  table(resource: string): Map<number, Row> {
    return (this.firm.tables[resource] ??= new Map());
  }

  all(resource: string): Row[] {
    return [...this.table(resource).values()];
  }

  /**
   * The rows in ascending id order, shared and not to be changed by the caller. A table's Map
   * keeps insertion order, and ids only grow, so that order is id order.
   */
  inIdOrder(resource: string): readonly Row[] {
    let rows = this.ordered.get(resource);
    if (!rows) {
      rows = [...this.table(resource).values()];
      this.ordered.set(resource, rows);
    }
    return rows;
  }

  get(resource: string, id: number): Row | undefined {
    return this.table(resource).get(id);
  }

  require(resource: string, id: number): Row {
    const row = this.get(resource, id);
    if (!row) throw notFound(`No ${resource} record with id ${id}.`);
    return row;
  }

  /** Rows whose nested `field` holds `id` (a single id, ids, or a polymorphic {id}), by id. */
  linkedTo(resource: string, field: string, id: number): Row[] {
    const key = `${resource}.${field}`;
    let index = this.indexes.get(key);
    if (!index) {
      index = new Map();
      this.indexes.set(key, index);
      for (const r of this.table(resource).values()) indexRow(index, r[field], r, true);
    }
    return [...(index.get(id) ?? [])].sort((a, b) => a.id - b.id);
  }

  /** Keeps the built indexes of `resource` in step with a row's nested fields. */
  private reindex(resource: string, row: Row, fields: Iterable<string>, add: boolean): void {
    for (const field of fields) {
      const index = this.indexes.get(`${resource}.${field}`);
      if (index) indexRow(index, row[field], row, add);
    }
  }

  private indexedFields(resource: string): string[] {
    const prefix = `${resource}.`;
    return [...this.indexes.keys()]
      .filter((k) => k.startsWith(prefix))
      .map((k) => k.slice(prefix.length));
  }

  insert(resource: string, values: Record<string, unknown>, quiet = false): Row {
    const id = this.firm.nextIds[resource] ?? FIRST_ID;
    this.firm.nextIds[resource] = id + 1;
    const stamp = isoSeconds(this.now());
    const ms = Math.floor(this.now() / 1000) * 1000;
    const row: Row = {
      ...values,
      id,
      created_at: stamp,
      updated_at: stamp,
      _version: 1,
      // The stamps as numbers, so updated_since/created_since compare without parsing.
      _created_ms: ms,
      _updated_ms: ms,
    };
    row.etag = etagOf(row);
    this.table(resource).set(id, row);
    this.ordered.delete(resource);
    this.version += 1;
    this.reindex(resource, row, this.indexedFields(resource), true);
    if (!quiet) this.onChange(this.firm, resource, 'created', row);
    return row;
  }

  update(resource: string, id: number, patch: Record<string, unknown>, quiet = false): Row {
    const row = this.require(resource, id);
    const moved = this.indexedFields(resource).filter((f) => f in patch);
    this.reindex(resource, row, moved, false);
    Object.assign(row, patch);
    this.reindex(resource, row, moved, true);
    row.updated_at = isoSeconds(this.now());
    row._updated_ms = Math.floor(this.now() / 1000) * 1000;
    this.version += 1;
    row._version = Number(row._version ?? 0) + 1;
    row.etag = etagOf(row);
    if (!quiet) this.onChange(this.firm, resource, 'updated', row);
    return row;
  }

  remove(resource: string, id: number): Row {
    const row = this.require(resource, id);
    this.table(resource).delete(id);
    this.ordered.delete(resource);
    this.version += 1;
    this.reindex(resource, row, this.indexedFields(resource), false);
    this.onChange(this.firm, resource, 'deleted', row);
    return row;
  }

  /** The next number of a sequence (bill numbers, matter numbers). */
  next(counter: string): number {
    const n = (this.firm.counters[counter] ?? 0) + 1;
    this.firm.counters[counter] = n;
    return n;
  }
}

function indexRow(index: RefIndex, value: unknown, row: Row, add: boolean): void {
  for (const id of refIds(value)) {
    let set = index.get(id);
    if (!set) index.set(id, (set = new Set()));
    if (add) set.add(row);
    else set.delete(row);
  }
}

/** The ids a nested value holds. */
export function refIds(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.filter((v): v is number => typeof v === 'number');
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'number')
    return [(value as { id: number }).id];
  return [];
}

/** A wire value as text (objects as JSON), for comparisons and messages. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return value === null || value === undefined ? '' : JSON.stringify(value);
}
