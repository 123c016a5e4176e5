/**
 * Field-level validators shared by every ledger document type. Each reports the offending value
 * in its message so a rejected record can be fixed without guessing.
 *
 * @module
 */
import { z } from 'zod';
import { isCurrencyCode } from './currencies.js';
import { decimalProblem, normalDecimal } from './decimal.js';

const DECIMAL_PATTERN = (dp: number) => `^[+-]?\\d+(\\.\\d{1,${dp}}0*)?$`;

/**
 * A decimal given as a string ("110.00", preferred) or a JSON number (110), held as canonical
 * text. `minDp` fixes how it is written back ("5.5" → "5.50" for amounts).
 */
function decimalField(maxDp: number, minDp: number, description: string) {
  const pattern = new RegExp(DECIMAL_PATTERN(maxDp));
  const patternMessage = `expected a decimal with at most ${maxDp} decimal places, e.g. "110.00"`;
  return z
    .union([z.string().regex(pattern, patternMessage), z.number()], {
      error: `expected a decimal written as text, e.g. "110.00"`,
    })
    .superRefine((value, ctx) => {
      if (typeof value === 'string' && !pattern.test(value)) return; // already reported
      const problem = decimalProblem(value, maxDp);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
    })
    .transform((value) => normalDecimal(value, minDp))
    .meta({ description });
}

/** Money: at most 2 decimal places (Xero's totals and line amounts). */
export const amountField = () =>
  decimalField(2, 2, 'Money amount with at most 2 decimal places, e.g. "110.00".');

/** Unit price: at most 4 decimal places (Xero's `unitdp=4`). */
export const unitAmountField = () =>
  decimalField(4, 2, 'Unit price with at most 4 decimal places, e.g. "81.8182".');

/** Quantity: at most 4 decimal places. */
export const quantityField = () =>
  decimalField(4, 0, 'Quantity with at most 4 decimal places, e.g. "1.5".');

/** A percentage such as a discount rate, at most 2 decimal places. */
export const percentField = () =>
  decimalField(2, 0, 'Percentage with at most 2 decimal places, e.g. "10" for 10%.');

/**
 * An exchange rate as Xero takes it (`CurrencyRate`): units of the document's currency to one unit
 * of the organisation's base currency, at most 6 decimal places (Xero's [18].[6]), above zero.
 */
export const exchangeRateField = () =>
  decimalField(
    6,
    0,
    'Exchange rate: units of this currency per one unit of the Xero organisation’s base currency, e.g. "0.65".',
  ).refine((rate) => !/^[-0.]+$/.test(rate) && !rate.startsWith('-'), {
    message: 'must be above zero',
  });

/** A calendar date, `YYYY-MM-DD`, checked to exist (no 2026-02-30). */
export const dateField = () =>
  z
    .string()
    // abort: one message for "yesterday", not the format's and the calendar's both
    .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date written YYYY-MM-DD', abort: true })
    .refine(isRealDate, { message: 'is not a real calendar date' })
    .meta({ description: 'Calendar date, YYYY-MM-DD.' });

function isRealDate(text: string): boolean {
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A point in time with an offset, normalised to UTC ISO text. */
export const timestampField = () =>
  z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/,
      { message: 'expected an ISO 8601 timestamp with an offset, e.g. 2026-11-01T09:30:00Z', abort: true }, // prettier-ignore
    )
    .refine((t) => !Number.isNaN(Date.parse(t)), { message: 'is not a real point in time' })
    .transform((t) => new Date(t).toISOString())
    .meta({ description: 'ISO 8601 timestamp with offset, e.g. 2026-11-01T09:30:00Z.' });

/** ISO 4217 currency code. */
export const currencyField = () =>
  z
    .string()
    .regex(/^[A-Z]{3}$/, {
      message: 'expected a 3-letter ISO 4217 currency code such as AUD',
      abort: true,
    })
    .refine(isCurrencyCode, {
      message: 'is not an ISO 4217 currency code (e.g. AUD, NZD, GBP, USD)',
    })
    .meta({ description: 'ISO 4217 currency code, e.g. AUD.' });

/** Line breaks, tabs and the other C0 controls, and DEL: never part of an id. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
export const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * An identifier in the source system. Always text: Cliniko and Clio ids are 64-bit and lose
 * digits as JSON numbers (reference/pms-apis.md §0.2).
 */
export const sourceIdField = () =>
  z
    .string()
    .min(1, 'must not be empty')
    .max(255, 'is longer than 255 characters')
    .refine((id) => !CONTROL_CHARACTER.test(id), {
      message: 'must not hold line breaks, tabs or other control characters',
      abort: true,
    })
    .regex(/^\S(.*\S)?$/, 'must not start or end with spaces')
    .meta({ description: 'Identifier in the source system, as text.' });

/** Free text with Xero's own length limit where one applies. */
export const textField = (max: number) => z.string().max(max, `is longer than ${max} characters`);

/** Non-empty free text. */
export const requiredTextField = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `is longer than ${max} characters`);
