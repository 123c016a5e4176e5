/**
 * The edge between Xero's JSON wire format and the sandbox's typed records.
 *
 * Amounts arrive as JSON numbers (or numeric strings, which Xero's deserialiser also takes) and
 * leave as JSON numbers; inside they are bigint units of 1/10,000 (src/ledger/decimal.ts). A
 * JSON number is read through its own shortest text, so 0.1 stays exactly "0.1" and no float
 * arithmetic ever touches money.
 *
 * @module
 */
import { SCALE, formatUnits } from '../../ledger/decimal.js';

/** A JSON object as parsed from a request body. */
export type WireObject = Record<string, unknown>;

const DECIMAL_TEXT_RE = /^([+-])?(\d*)(?:\.(\d*))?$/;
/** Xero's LineAmount ceiling, 9,999,999,999.99 (reference §7 "Limits"), with headroom for sums. */
const MAX_WHOLE_DIGITS = 13;

/**
 * Reads an amount: `undefined` when absent or null, `null` when it is not a number. More than 4
 * decimal places are rounded half away from zero to 4, as Xero rounds what it cannot store.
 */
export function readAmount(value: unknown): bigint | undefined | null {
  if (value === undefined || value === null) return undefined;
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    text = plainNumberText(value);
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return null;
  }
  return parseDecimalText(text);
}

/** A finite number's decimal text without exponent (1e-7 → "0.0000001"). */
function plainNumberText(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

function parseDecimalText(text: string): bigint | null {
  const m = DECIMAL_TEXT_RE.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const whole = (m[2] ?? '').replace(/^0+/, '');
  if (whole.length > MAX_WHOLE_DIGITS) return null;
  const fraction = m[3] ?? '';
  const kept = fraction.slice(0, 4).padEnd(4, '0');
  const roundUp = (fraction[4] ?? '0') >= '5';
  let units = BigInt(whole || '0') * SCALE + BigInt(kept);
  if (roundUp) units += 1n;
  return m[1] === '-' ? -units : units;
}

/** Units as a JSON number with `dp` decimal places (2 for money, 4 for unit amounts at unitdp=4). */
export function toWire(units: bigint, dp: number): number {
  return Number(formatUnits(units, dp));
}

/** The object at `value`, or undefined when it is not a plain object. */
export function asObject(value: unknown): WireObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as WireObject)
    : undefined;
}

/** A string field; numbers are taken as their text (the spec's own Account example sends Code: 4400). */
export function readString(obj: WireObject | undefined, key: string): string | undefined {
  const value = obj?.[key];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A trimmed, non-empty string field, or undefined. */
export function readText(obj: WireObject | undefined, key: string): string | undefined {
  const value = readString(obj, key)?.trim();
  return value ? value : undefined;
}

/** A boolean field; "true"/"false" strings are accepted as Xero's deserialiser does. */
export function readBool(obj: WireObject | undefined, key: string): boolean | undefined {
  const value = obj?.[key];
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return undefined;
}

/** An array field, or undefined when absent or not an array. */
export function readArray(obj: WireObject | undefined, key: string): unknown[] | undefined {
  const value = obj?.[key];
  return Array.isArray(value) ? value : undefined;
}

/** True when the key is present in the object (even with a null value). */
export function has(obj: WireObject | undefined, key: string): boolean {
  return obj !== undefined && Object.prototype.hasOwnProperty.call(obj, key);
}

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a GUID in Xero's 8-4-4-4-12 form. */
export function isGuid(value: string): boolean {
  return GUID_RE.test(value);
}

/** The all-zero GUID Xero puts on elements it did not create (spec L3930). */
export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';
