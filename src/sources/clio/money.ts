/**
 * Clio's money: JSON numbers (doubles of 2 places: `1453.65`), read from their shortest text into
 * exact units (ledger/decimal.ts), never computed in floats. A value with more places than the
 * ledger holds (2 for amounts, 4 for prices and quantities) is refused by name, not rounded.
 *
 * @module
 */
import { decimalProblem, formatUnits, toUnits } from '../../ledger/decimal.js';

export type Money = { ok: true; units: bigint } | { ok: false; why: string };

export function readMoney(value: unknown, places: number): Money {
  const problem = decimalProblem(value, places);
  if (problem !== undefined) return { ok: false, why: problem };
  return { ok: true, units: toUnits(value as string | number) };
}

/** Units as a ledger amount of 2 places. */
export const cents = (units: bigint): string => formatUnits(units, 2);

/** Units keeping up to 4 places, without trailing zeros ("3.5", "350"). */
export function exact(units: bigint): string {
  const full = formatUnits(units, 4);
  return full.includes('.') ? full.replace(/0+$/, '').replace(/\.$/, '') : full;
}
