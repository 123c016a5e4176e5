/**
 * Dates as Xero writes and reads them.
 *
 * Xero answers in Microsoft JSON dates: calendar dates as `/Date(1539993600000+0000)/` (midnight
 * UTC) with a `DateString` twin `2018-10-20T00:00:00`, timestamps as `/Date(1573755038314+0000)/`
 * with an `UpdatedDateUTCString` twin `2019-11-14T18:10:38Z` (spec L22498–22510, reference §5).
 * It accepts `YYYY-MM-DD`, `YYYY-MM-DDThh:mm:ss` and the MS-JSON form on input. Calendar dates are
 * kept internally as `YYYY-MM-DD` strings so no time zone can shift them by a day (reference §5,
 * `XeroAPI/Xero-NetStandard#269`).
 *
 * @module
 */

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

const MS_DATE_RE = /^\/Date\((-?\d+)([+-])?(\d{2})?(\d{2})?\)\/$/;
const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY_MS = 86_400_000;

/** Epoch ms of a calendar date at midnight UTC. */
export function isoDateToMs(date: IsoDate): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** The UTC calendar date of an instant. */
export function msToIsoDate(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * Reads a date field sent to the API. `undefined` when absent (or null/empty), `null` when it is
 * present but not a date Xero would accept.
 */
export function parseXeroDate(value: unknown): IsoDate | undefined | null {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const ms = MS_DATE_RE.exec(text);
  if (ms) {
    const offsetMinutes = ms[2] ? offsetOf(ms[2], ms[3] ?? '00', ms[4] ?? '00') : 0;
    return msToIsoDate(Number(ms[1]) + offsetMinutes * 60_000);
  }
  const iso = ISO_RE.exec(text);
  if (!iso) return null;
  const date = `${iso[1]}-${iso[2]}-${iso[3]}`;
  return validCalendarDate(date) ? date : null;
}

function offsetOf(sign: string, hours: string, minutes: string): number {
  const total = Number(hours) * 60 + Number(minutes);
  return sign === '-' ? -total : total;
}

function validCalendarDate(date: IsoDate): boolean {
  const ms = isoDateToMs(date);
  return Number.isFinite(ms) && msToIsoDate(ms) === date;
}

/** `/Date(1539993600000+0000)/` for a calendar date. */
export function msDate(date: IsoDate): string {
  return `/Date(${isoDateToMs(date)}+0000)/`;
}

/** `2018-10-20T00:00:00`, the `DateString` twin of a calendar date. */
export function dateString(date: IsoDate): string {
  return `${date}T00:00:00`;
}

/** `/Date(1573755038314+0000)/` for a timestamp such as UpdatedDateUTC. */
export function msDateTime(ms: number): string {
  return `/Date(${Math.trunc(ms)}+0000)/`;
}

/** `2019-11-14T18:10:38Z`, the `UpdatedDateUTCString` twin (whole seconds, as in the spec examples). */
export function utcString(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** `/Date(1552326816230)/`, the envelope's DateTimeUTC (no offset, as in spec L7446). */
export function envelopeDateTime(ms: number): string {
  return `/Date(${Math.trunc(ms)})/`;
}

/** `2024-06-21T01:15:39.902`: webhook eventDateUtc, UTC without a zone (webhooks-spec example). */
export function webhookDateTime(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '');
}

/** `2019-12-07T18:46:19.5165400`: connection dates, UTC without a zone, 7 fraction digits (identity spec example). */
export function connectionDateTime(ms: number): string {
  return `${new Date(ms).toISOString().replace(/Z$/, '')}0000`;
}

/** `31-Jul-2013`, the form of the lock date inside Xero's lock-date message (reference §6). */
export function lockDateText(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}-${MONTHS[Number(m) - 1] ?? m}-${y}`;
}

/** Adds whole days to a calendar date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return msToIsoDate(isoDateToMs(date) + days * DAY_MS);
}

/**
 * Reads an `If-Modified-Since` header: ISO 8601 with or without a zone (no zone means UTC, as
 * Xero's older docs say, reference §5) or an HTTP date. `undefined` when absent or unreadable.
 */
export function parseModifiedSince(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const text = header.trim();
  const iso = ISO_RE.exec(text);
  if (iso) {
    const zone = iso[8] ?? 'Z';
    const time = `${iso[4] ?? '00'}:${iso[5] ?? '00'}:${iso[6] ?? '00'}${iso[7] ?? ''}`;
    const ms = Date.parse(`${iso[1]}-${iso[2]}-${iso[3]}T${time}${normaliseZone(zone)}`);
    return Number.isFinite(ms) ? ms : undefined;
  }
  const http = Date.parse(text);
  return Number.isFinite(http) ? http : undefined;
}

function normaliseZone(zone: string): string {
  if (zone === 'Z') return zone;
  return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
}

/** Milliseconds of `DateTime(y, m, d[, h, mi, s])` in a where filter, read as UTC. */
export function dateTimeArgsToMs(args: readonly number[]): number | undefined {
  const [y, m, d, h = 0, mi = 0, s = 0] = args;
  if (y === undefined || m === undefined || d === undefined) return undefined;
  const ms = Date.UTC(y, m - 1, d, h, mi, s);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Reads a `/Date(…)/` string back to epoch ms (for where filters over rendered documents). */
export function msDateToMs(text: string): number | undefined {
  const m = MS_DATE_RE.exec(text);
  return m ? Number(m[1]) : undefined;
}
