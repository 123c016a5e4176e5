/**
 * Fixed-point decimals for money, quantities and unit prices. Never a JavaScript float.
 *
 * Every value is held as a bigint count of 1/10,000ths ("units"), because Xero accepts unit
 * amounts and quantities to 4 decimal places (`unitdp=4`) while totals stay at 2
 * (https://developer.xero.com/documentation/api-guides/rounding-in-xero). Documents keep
 * amounts as canonical decimal strings ("110.00") so they serialise, hash and store exactly.
 *
 * @module
 */

/** Units per 1 (4 decimal places). */
export const SCALE = 10_000n;
const SCALE_DIGITS = 4;

const DECIMAL_RE = /^([+-])?(\d+)(?:\.(\d+))?$/;

/** Why a value is not a decimal this module accepts; `undefined` when it is fine. */
export function decimalProblem(value: unknown, maxDp: number): string | undefined {
  const text = typeof value === 'number' ? numberText(value) : value;
  if (typeof text !== 'string')
    return 'expected a decimal number written as a string, e.g. "110.00"';
  const m = DECIMAL_RE.exec(text.trim());
  if (!m) return `expected a decimal number such as "110.00"`;
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > maxDp) return `has more than ${maxDp} decimal places`;
  if ((m[2] ?? '').replace(/^0+/, '').length > 13) return 'is larger than 9,999,999,999,999';
  return undefined;
}

/**
 * A JSON number's own shortest text, which round-trips; non-finite numbers are refused, and so is
 * one of more than 15 significant digits: every decimal of up to 15 digits comes back from a
 * double as written, but JSON.parse may already have changed a longer one (1234567890123.4567
 * reads as …4568), so its text is no longer the file's.
 */
function numberText(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const text = String(value);
  if (/e/i.test(text)) return undefined;
  return text.replace(/[-.]/g, '').replace(/^0+/, '').length > 15 ? undefined : text;
}

/** Parses a decimal string (or a JSON number's text) into units. Throws on bad input; validate first. */
export function toUnits(value: string | number): bigint {
  const plain = typeof value === 'string' ? plainUnits(value) : undefined;
  if (plain !== undefined) return plain;
  const text = typeof value === 'number' ? numberText(value) : value.trim();
  const m = text === undefined ? null : DECIMAL_RE.exec(text);
  if (!m) throw new RangeError(`not a decimal: ${String(value)}`);
  const fraction = (m[3] ?? '').replace(/0+$/, '');
  if (fraction.length > SCALE_DIGITS) throw new RangeError(`more than 4 decimal places: ${text}`);
  // The hot case, a plain unsigned decimal, never gets here (plainUnits).
  const units = BigInt(m[2] ?? '0') * SCALE + BigInt(fraction.padEnd(SCALE_DIGITS, '0'));
  return m[1] === '-' ? -units : units;
}

/**
 * The common case without a regular expression: unsigned, 1–11 whole digits, 0–4 decimals, no
 * spaces ("95.00", "1"). At most 15 digits, so the running integer stays below 2⁵³ and exact.
 * Anything else (a sign, "1.", "0.50000", " 5") is left to the general parse. Measured: toUnits
 * was ~2 µs of a one-line invoice's ~40 µs in a 1,000,000-document import; its three calls per
 * invoice each made a match array, a regex replace and a padded string.
 */
function plainUnits(text: string): bigint | undefined {
  const dot = text.indexOf('.');
  const whole = dot < 0 ? text.length : dot;
  const places = dot < 0 ? 0 : text.length - dot - 1;
  if (whole < 1 || whole > 11 || places > SCALE_DIGITS || (dot >= 0 && places === 0))
    return undefined;
  let units = 0;
  for (let i = 0; i < text.length; i++) {
    if (i === dot) continue;
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    units = units * 10 + digit;
  }
  for (let p = places; p < SCALE_DIGITS; p++) units *= 10;
  return BigInt(units);
}

/** Formats units with exactly `dp` decimal places (0–4), rounding half away from zero. */
export function formatUnits(units: bigint, dp: number): string {
  const rounded = roundUnits(units, dp);
  const negative = rounded < 0n;
  const abs = negative ? -rounded : rounded;
  const whole = abs / SCALE;
  const fraction = (abs % SCALE).toString().padStart(SCALE_DIGITS, '0').slice(0, dp);
  const body = dp > 0 ? `${whole}.${fraction}` : `${whole}`;
  return negative && rounded !== 0n ? `-${body}` : body;
}

/** Rounds units to `dp` decimal places, half away from zero (Xero's rounding of line amounts and tax). */
export function roundUnits(units: bigint, dp: number): bigint {
  if (dp < 0 || dp > SCALE_DIGITS) throw new RangeError(`dp must be 0..4, got ${dp}`);
  const step = 10n ** BigInt(SCALE_DIGITS - dp);
  if (step === 1n) return units;
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const q = (abs + step / 2n) / step;
  return (negative ? -q : q) * step;
}

/** Multiplies two unit values (e.g. quantity × unit amount) keeping full precision, then rounds to `dp`. */
export function multiplyUnits(a: bigint, b: bigint, dp: number): bigint {
  return divideRounded(a * b, SCALE, dp);
}

/** `numerator / denominator` in units, rounded half away from zero to `dp` places. */
export function divideRounded(numerator: bigint, denominator: bigint, dp: number): bigint {
  if (denominator === 0n) throw new RangeError('division by zero');
  const step = 10n ** BigInt(SCALE_DIGITS - dp);
  const d = denominator * step;
  const negative = numerator < 0n !== d < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const dd = d < 0n ? -d : d;
  const q = (n * 2n + dd) / (dd * 2n);
  return (negative ? -q : q) * step;
}

/** Canonical text of a decimal with exactly `dp` places, e.g. canonicalDecimal("5.5", 2) → "5.50". */
export function canonicalDecimal(value: string | number, dp: number): string {
  return formatUnits(toUnits(value), dp);
}

/**
 * Canonical text keeping between `minDp` and 4 places: trailing zeros past `minDp` are dropped,
 * so "12.3400" and "12.34" hash alike while "12.3456" keeps its precision.
 */
export function normalDecimal(value: string | number, minDp: number): string {
  const full = formatUnits(toUnits(value), SCALE_DIGITS);
  const [whole, fraction = ''] = full.split('.');
  const kept = fraction.replace(/0+$/, '').padEnd(minDp, '0');
  return kept.length > 0 ? `${whole}.${kept}` : (whole ?? '0');
}

/** Sum of decimal strings as units. */
export function sumUnits(values: Iterable<string>): bigint {
  let total = 0n;
  for (const v of values) total += toUnits(v);
  return total;
}
