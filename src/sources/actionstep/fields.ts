/**
 * Reading one Actionstep record's fields for a ledger document: a missing or malformed value is a
 * `Problem` naming the field and the value as sent, which becomes the record's rejection, so one
 * bad record never stops the pull. Money and quantities stay as Actionstep wrote them (a JSON
 * number's own text, which src/ledger/decimal.ts reads exactly); nothing here rounds.
 *
 * @module
 */
import type { DocumentKind } from '../../ledger/index.js';
import type { SourceRejection } from '../source.js';
import type { ApiRecord } from './collection.js';

export class Problem extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly why: string,
  ) {
    super(`${field}: ${why}`);
  }
}

/** A link id (`links.division: "1"`), as text; undefined when absent. */
export function linkId(record: ApiRecord, link: string): string | undefined {
  const value = record.links?.[link];
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof first === 'string' || typeof first === 'number' ? String(first) : undefined;
}

export function requiredLink(record: ApiRecord, link: string): string {
  const id = linkId(record, link);
  if (id === undefined) throw new Problem(`links.${link}`, record.links?.[link], 'is required');
  return id;
}

export function text(record: ApiRecord, field: string): string | undefined {
  const value = record[field];
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string') throw new Problem(field, value, 'expected text');
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function requiredText(record: ApiRecord, field: string): string {
  const value = text(record, field);
  if (value === undefined) throw new Problem(field, record[field], 'is required');
  return value;
}

/** A decimal as sent (number or string); its places are the ledger validator's to check. */
export function amount(record: ApiRecord, field: string): string | number {
  const value = record[field];
  if (typeof value === 'number' || (typeof value === 'string' && value.trim() !== '')) return value;
  throw new Problem(field, value, 'is required, as a number');
}

export function stamp(record: ApiRecord, field: string): string {
  const value = requiredText(record, field);
  if (Number.isNaN(Date.parse(value))) throw new Problem(field, value, 'expected a timestamp');
  return value;
}

/** `YYYY-MM-DD`, or the `23-May-1987` form Actionstep's OpenAPI examples use. */
export function date(record: ApiRecord, field: string): string {
  const value = requiredText(record, field);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(value);
  const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) + 1 : 0;
  if (!m || month === 0) throw new Problem(field, value, 'expected a date such as 2026-11-04');
  return `${m[3]}-${String(month).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The record's id as text (ids are 64-bit in places: never kept as numbers). */
export function recordId(record: ApiRecord): string {
  const id = record.id;
  if (typeof id === 'number' || (typeof id === 'string' && id !== '')) return String(id);
  throw new Problem('id', id, 'is required');
}

export type Mapped<T> = { ok: true; value: T } | { ok: false; rejection: SourceRejection };

/** Runs a mapper; a Problem becomes the record's rejection, naming it by `label`. */
export function mapRecord<T>(
  kind: DocumentKind,
  label: string,
  record: ApiRecord,
  map: () => T,
): Mapped<T> {
  try {
    return { ok: true, value: map() };
  } catch (thrown) {
    if (!(thrown instanceof Problem)) throw thrown;
    const sourceId =
      typeof record.id === 'number' || typeof record.id === 'string'
        ? String(record.id)
        : undefined;
    return {
      ok: false,
      rejection: {
        kind,
        ...(sourceId !== undefined ? { sourceId } : {}),
        document: `${label} ${sourceId ?? '(no id)'}`,
        field: thrown.field,
        value: thrown.value,
        message: thrown.why,
      },
    };
  }
}
