/**
 * Field checks for the fast path (fast-validate.ts). Each accepts only a subset of what the
 * ledger's zod field accepts — values already in the form zod would output — and returns exactly
 * zod's output for it; anything else marks the check failed, and the record goes to
 * validateDocument, which gives the real answer and the real message.
 *
 * @module
 */
import { CONTROL_CHARACTER } from '../../ledger/fields.js';
import { isCurrencyCode } from '../../ledger/currencies.js';

/** Collects whether every field so far was on the fast path. */
export class FastCheck {
  ok = true;
  fail(): undefined {
    this.ok = false;
    return undefined;
  }
}

const NAME_RE = /^[a-z0-9][a-z0-9._-]{0,62}$/; // envelope.ts nameField
const SOURCE_ID_RE = /^\S(.*\S)?$/; // fields.ts sourceIdField
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/; // fields.ts dateField
// A subset of fields.ts timestampField's pattern: seconds present, offset with a colon.
const TIMESTAMP_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Decimals already in canonical form (decimal.ts normalDecimal: no sign, no leading zeros, at most
 * 13 integer digits, exactly the places normalDecimal writes back), which zod returns unchanged.
 */
const AMOUNT_RE = /^(0|[1-9]\d{0,12})\.\d\d$/; // 2 dp written, 2 dp kept
const UNIT_RE = /^(0|[1-9]\d{0,12})\.(\d\d|\d\d\d?[1-9])$/; // 2 dp written, up to 4 kept
const QUANTITY_RE = /^(0|[1-9]\d{0,12})(\.\d{0,3}[1-9])?$/; // 0 dp written, up to 4 kept
const PERCENT_RE = /^(0|[1-9]\d{0,12})(\.\d?[1-9])?$/; // 0 dp written, up to 2 kept

export type DecimalForm = 'amount' | 'unit' | 'quantity' | 'percent';
const DECIMAL_RE: Readonly<Record<DecimalForm, RegExp>> = {
  amount: AMOUNT_RE,
  unit: UNIT_RE,
  quantity: QUANTITY_RE,
  percent: PERCENT_RE,
};

export function decimal(c: FastCheck, v: unknown, form: DecimalForm): string | undefined {
  return typeof v === 'string' && DECIMAL_RE[form].test(v) ? v : c.fail();
}

export function text(c: FastCheck, v: unknown, max: number): string | undefined {
  return typeof v === 'string' && v.length <= max ? v : c.fail();
}

/** requiredTextField: trimmed, then 1..max characters. */
export function requiredText(c: FastCheck, v: unknown, max: number): string | undefined {
  if (typeof v !== 'string') return c.fail();
  const t = v.trim();
  return t.length >= 1 && t.length <= max ? t : c.fail();
}

export function sourceId(c: FastCheck, v: unknown): string | undefined {
  return typeof v === 'string' &&
    v.length >= 1 &&
    v.length <= 255 &&
    SOURCE_ID_RE.test(v) &&
    !CONTROL_CHARACTER.test(v)
    ? v
    : c.fail();
}

export function name(c: FastCheck, v: unknown): string | undefined {
  return typeof v === 'string' && NAME_RE.test(v) ? v : c.fail();
}

export function currency(c: FastCheck, v: unknown): string | undefined {
  return typeof v === 'string' && isCurrencyCode(v) ? v : c.fail(); // fields.ts currencyField
}

export function oneOf<T extends string>(
  c: FastCheck,
  v: unknown,
  values: readonly T[],
): T | undefined {
  return typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : c.fail();
}

// Exports repeat the same few dates and timestamps; remembering the last few thousand answers
// halves the cost of these two fields (Date parsing is ~1 µs a call).
const memo = new Map<string, string | null>();
function remembered(key: string, compute: () => string | null): string | null {
  let out = memo.get(key);
  if (out === undefined) {
    if (memo.size >= 4_096) memo.clear();
    out = compute();
    memo.set(key, out);
  }
  return out;
}

export function date(c: FastCheck, v: unknown): string | undefined {
  if (typeof v !== 'string') return c.fail();
  return remembered(`d${v}`, () => (DATE_RE.test(v) && isRealDate(v) ? v : null)) ?? c.fail();
}

/** timestampField: normalised to UTC ISO text. */
export function timestamp(c: FastCheck, v: unknown): string | undefined {
  if (typeof v !== 'string') return c.fail();
  const out = remembered(`t${v}`, () =>
    TIMESTAMP_RE.test(v) && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : null,
  );
  return out ?? c.fail();
}

/** fields.ts isRealDate: no 2026-02-30. */
function isRealDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const at = new Date(Date.UTC(y, m - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
}

export function boolean(c: FastCheck, v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : c.fail();
}

/** Whether `record` has only keys from `allowed` (the ledger's objects are strict). */
export function onlyKeys(c: FastCheck, record: object, allowed: ReadonlySet<string>): void {
  for (const key in record) if (!allowed.has(key)) c.fail();
}
