/**
 * Writes ledger records (as JSON values) in the ledger CSV layout — the inverse of
 * csv-records.ts — so tests can import the same documents both ways and compare.
 */
import { CSV_COLUMNS } from '../csv-layout.js';

type Json = Record<string, unknown>;

/** RFC 4180 quoting: only when the cell needs it. */
export function csvCell(value: string): string {
  return /[",\n\r]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.join('\n');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One map of column → cell per row the record takes. */
function rowsOf(record: Json): Map<string, string>[] {
  const head = new Map<string, string>();
  for (const [key, value] of Object.entries(record)) {
    if (key === 'lines' || key === 'allocations') continue;
    if (key === 'addresses')
      (value as Json[]).forEach((a, i) => {
        for (const [f, v] of Object.entries(a)) head.set(`address${i + 1}.${f}`, cellText(v));
      });
    else head.set(key, cellText(value));
  }
  const lines = (record.lines as Json[] | undefined) ?? [];
  const allocations = (record.allocations as Json[] | undefined) ?? [];
  const rows: Map<string, string>[] = [];
  for (let i = 0; i < Math.max(1, lines.length, allocations.length); i++) {
    const row = new Map(head);
    for (const [f, v] of Object.entries(lines[i] ?? {})) {
      if (f !== 'tracking') row.set(`line.${f}`, cellText(v));
      else
        (v as Json[]).forEach((t, n) => {
          row.set(`line.tracking${n + 1}.category`, cellText(t.category));
          row.set(`line.tracking${n + 1}.option`, cellText(t.option));
        });
    }
    for (const [f, v] of Object.entries(allocations[i] ?? {}))
      row.set(`allocation.${f}`, cellText(v));
    rows.push(row);
  }
  return rows;
}

/** The records as one CSV file: the columns they use, in the layout's order. */
export function toCsv(records: readonly Json[]): string {
  const rows = records.flatMap(rowsOf);
  const used = new Set(rows.flatMap((r) => [...r.keys()]));
  for (const name of used) if (!CSV_COLUMNS.has(name)) throw new Error(`no CSV column for ${name}`);
  const columns = [...CSV_COLUMNS.keys()].filter((c) => used.has(c));
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row.get(c) ?? '')).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
