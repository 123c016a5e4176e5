/** One CSV field for spreadsheets (RFC 4180), shared by every CSV we write. */

/** Quotes a field when it holds a comma, quote or line break; a leading = + - @ is defused. */
export function csvField(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One CSV line (CRLF, as RFC 4180 asks). */
export const csvLine = (fields: readonly string[]): string =>
  `${fields.map(csvField).join(',')}\r\n`;
