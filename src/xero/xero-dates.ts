/**
 * Xero's JSON dates: `/Date(1539993600000+0000)/` (MS-JSON) on reads, `YYYY-MM-DD` on writes
 * (reference §5: converting calendar dates through a time zone can shift a day, so calendar
 * dates stay text and are read in UTC).
 *
 * @module
 */

const MS_JSON = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;

/** Epoch ms of an MS-JSON or ISO date; undefined when absent or unreadable. */
export function parseXeroTimestamp(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = MS_JSON.exec(value);
  if (m) return Number(m[1]);
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : t;
}

/** The calendar date (YYYY-MM-DD) of an MS-JSON or ISO value. */
export function parseXeroDate(value: unknown): string | undefined {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
  const t = parseXeroTimestamp(value);
  return t === undefined ? undefined : new Date(t).toISOString().slice(0, 10);
}
