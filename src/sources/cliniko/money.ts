/**
 * Cliniko's money and quantities: decimal strings of 3 places ("81.818"), sometimes 1 ("50.0"),
 * never floats; quantities as numbers or strings. Read exactly (ledger/decimal.ts units of
 * 1/10,000); more than 4 places cannot be held exactly, so such a value is refused by name rather
 * than rounded.
 *
 * @module
 */
import { formatUnits, normalDecimal, toUnits } from '../../ledger/decimal.js';

export type Parsed = { ok: true; units: bigint; text: string } | { ok: false; why: string };

const DECIMAL = /^-?\d{1,13}(\.\d+)?$/;

export function parseDecimal(value: unknown): Parsed {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text.trim()))
    return { ok: false, why: 'expected a decimal number such as "81.818"' };
  const places = (text.split('.')[1] ?? '').replace(/0+$/, '').length;
  if (places > 4) return { ok: false, why: 'has more than 4 decimal places' };
  const units = toUnits(text.trim());
  return { ok: true, units, text: formatUnits(units, 4) };
}

/** Units as a ledger amount of 2 places, rounded half away from zero (the ledger's rule). */
export const toCents = (units: bigint): string => formatUnits(units, 2);

/** Units as text keeping up to 4 places ("13.585", "2"). */
export function plain(units: bigint): string {
  const full = formatUnits(units, 4);
  return full.includes('.') ? full.replace(/0+$/, '').replace(/\.$/, '') : full;
}

/**
 * Units as a price in the ledger's own form: at least 2 places, up to 4 ("110.00", "13.585").
 * The validator would write it so anyway; sent so, the document takes the pull's fast validation
 * path (file-drop/fast-validate.ts), ~80 µs a document less.
 */
export const price = (units: bigint): string => normalDecimal(formatUnits(units, 4), 2);
