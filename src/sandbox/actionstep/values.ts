/**
 * One field value across its three lives: as held (bigint units for money and quantities, epoch
 * ms for timestamps, "T"/"F" for flags), as sent (JSON numbers for amounts as Actionstep sends
 * them; "2019-11-05T14:23:48+13:00" timestamps, from the OpenAPI examples) and as compared by
 * filters and sorting. JSON numbers are read through their own text (src/sandbox/xero/wire.ts),
 * so no float ever touches money.
 *
 * @module
 */
import { readAmount, toWire } from '../xero/wire.js';
import type { FieldDef, FieldKind } from './schema.js';

export type Stored = string | number | bigint | null;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const ISO_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** "23-May-1987": the form of the date examples in Actionstep's OpenAPI files. */
const SHORT_DATE_RE = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/;
const TIMESTAMP_RE =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** "2019-11-05T14:23:48+13:00": epoch ms shown at a fixed offset from UTC. */
export function formatTimestamp(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}` +
    `T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The calendar date of `ms` at the offset, YYYY-MM-DD. */
export function localDate(ms: number, offsetMinutes: number): string {
  return formatTimestamp(ms, offsetMinutes).slice(0, 10);
}

/** A date as YYYY-MM-DD from "2023-12-25", "25-Dec-2023" or a timestamp's date part. */
export function parseDate(text: string): string | undefined {
  const iso = ISO_DATE_RE.exec(text) ?? ISO_DATE_RE.exec(text.slice(0, 10));
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const short = SHORT_DATE_RE.exec(text);
  if (!short) return undefined;
  const month = MONTHS.findIndex((m) => m.toLowerCase() === (short[2] ?? '').toLowerCase());
  return month < 0 ? undefined : validDate(Number(short[3]), month + 1, Number(short[1]));
}

function validDate(y: number, m: number, d: number): string | undefined {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d)
    return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * Epoch ms from an ISO timestamp. Without an offset the text is read as UTC: filter values are
 * written "YYYY-MM-DDTHH:MM:SS" (the PHP SDK's validator) and a public client notes the API
 * reads them as UTC (an assumption, docs/actionstep-emulator.md).
 */
export function parseTimestamp(text: string): number | undefined {
  const m = TIMESTAMP_RE.exec(text.trim());
  if (!m?.[1] || !parseDate(m[1])) return undefined;
  const zone = m[5] ?? 'Z';
  const iso = `${m[1]}T${m[2] ?? '00'}:${m[3] ?? '00'}:${m[4] ?? '00'}${zone === 'Z' ? 'Z' : zone}`;
  const ms = Date.parse(iso.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? undefined : ms;
}

/** The wire form of a held value. */
export function renderValue(kind: FieldKind, value: Stored, offsetMinutes: number): unknown {
  if (value === null) return null;
  switch (kind) {
    case 'money':
      return toWire(value as bigint, 2);
    case 'decimal':
      return toWire(value as bigint, 4);
    case 'timestamp':
      return formatTimestamp(value as number, offsetMinutes);
    default:
      return value;
  }
}

export type Parsed = { ok: true; value: Stored } | { ok: false; problem: string };

const fail = (problem: string): Parsed => ({ ok: false, problem });

/** A value a client sent for a field; null clears it. */
export function parseValue(def: FieldDef, raw: unknown): Parsed {
  if (raw === null) return { ok: true, value: null };
  const textual = typeof raw === 'string' || typeof raw === 'number';
  if (!textual) return fail('must be a string or a number');
  const text = String(raw);
  switch (def.kind) {
    case 'money':
    case 'decimal': {
      const units = readAmount(raw);
      return typeof units === 'bigint' ? { ok: true, value: units } : fail('must be a number');
    }
    case 'int':
      return /^-?\d+$/.test(text) ? { ok: true, value: Number(text) } : fail('must be an integer');
    case 'flag':
      return text === 'T' || text === 'F' ? { ok: true, value: text } : fail('must be "T" or "F"');
    case 'date': {
      const d = parseDate(text);
      return d ? { ok: true, value: d } : fail('must be a date such as 2024-01-25');
    }
    case 'timestamp': {
      const ms = parseTimestamp(text);
      return ms === undefined
        ? fail('must be a timestamp such as 2024-01-25T09:00:00+10:00')
        : { ok: true, value: ms };
    }
    default:
      if (def.values && !def.values.includes(text))
        return fail(`must be one of ${def.values.join(', ')}`);
      return { ok: true, value: text };
  }
}

/** A filter value (query text) in the held form of the field's kind; undefined when unreadable. */
export function parseFilterValue(kind: FieldKind, text: string): Stored | undefined {
  if (text === ':NULL') return null;
  const parsed = parseValue({ kind }, text);
  return parsed.ok ? parsed.value : undefined;
}

/** Orders two held values of one kind; nulls first. */
export function compareValues(a: Stored, b: Stored): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a) < String(b) ? -1 : 1;
}
