/** CSV for spreadsheets (RFC 4180): one row per difference, the summary kept out of it. */
import { csvField as field } from '../text/csv.js';
import { banksCsvRows } from './render-banks.js';
import type { OrganisationReport } from './report.js';

const HEADER = [
  'organisation',
  'id',
  'category',
  'kind',
  'document',
  'number',
  'amount',
  'changed_at',
  'changed_by',
  'explanation',
  'cause',
  'fix',
  'accepted',
];

export function renderCsv(reports: readonly OrganisationReport[]): string {
  const rows = [HEADER];
  for (const { organisation, result } of reports) {
    for (const d of result.differences)
      rows.push([
        organisation,
        d.id,
        d.category,
        d.kind,
        d.document.kind,
        d.document.number ?? '',
        d.amount,
        d.changedAt ?? '',
        d.changedBy ?? '',
        d.explanation,
        d.cause,
        d.fix,
        String(d.accepted),
      ]);
    rows.push(...banksCsvRows(organisation, result.banks));
  }
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
