/**
 * An import report for people: a line per file with its counts, the first rejections one line
 * each (`file:line: document: field = value — what was expected`), the --full sweep, the totals.
 *
 * @module
 */
import { formatImportIssue } from './import-issue.js';
import type { FileSummary, ImportReport } from './import-report.js';

/** Rejections listed per file; the rest are counted. */
export const LISTED_REJECTIONS = 20;

const counts = (c: {
  added: number;
  changed: number;
  deleted: number;
  unchanged: number;
  rejected: number;
}) =>
  `${c.added} added · ${c.changed} changed · ${c.deleted} deleted · ${c.unchanged} unchanged · ${c.rejected} rejected`;

export function renderImportReport(report: ImportReport): string {
  const width = Math.max(5, ...report.files.map((f) => f.file.length));
  const out = [`Import into source ${report.source} (run ${report.runId}): ${headline(report)}`];
  if (report.files.length === 0) out.push('  no .jsonl, .ndjson or .csv files to import');
  for (const file of report.files) out.push(...fileLines(file, width));
  if (report.full) {
    const kinds = report.full.kinds.map((k) => k.replace('_', ' ')).join(', ') || 'none';
    out.push(
      report.full.skipped
        ? `  --full: nothing deleted: ${report.full.skipped}`
        : `  --full: ${report.full.deleted} deleted (kinds imported: ${kinds}; documents of these kinds the import no longer lists)`,
    );
  }
  if (report.skipped.length > 0)
    out.push(`  skipped (not import files): ${report.skipped.join(', ')}`);
  if (report.files.length > 1) out.push(`  ${'total'.padEnd(width)}  ${counts(report.totals)}`);
  return out.join('\n');
}

function headline(report: ImportReport): string {
  if (report.status === 'succeeded') return 'done';
  const refused = report.files.filter((f) => !f.applied).length;
  if (report.status === 'failed') return `nothing applied — ${report.totals.rejected} rejected`;
  return `${report.totals.rejected} rejected${refused ? `, ${refused} file(s) not applied` : ''}`;
}

function fileLines(file: FileSummary, width: number): string[] {
  let note = '';
  if (!file.applied)
    note = ' — not applied (fix the file, or pass --partial to apply the valid records)';
  else if (file.resumedPages > 0)
    note = ` — resumed: ${file.resumedPages} page(s) were already applied`;
  const lines = [`  ${file.file.padEnd(width)}  ${counts(file)}${note}`];
  const listed = [...file.issues]
    .sort((a, b) => a.line - b.line)
    .slice(0, LISTED_REJECTIONS)
    .map((issue) => `    ${formatImportIssue(issue)}`);
  lines.push(...listed);
  if (file.issueCount > listed.length)
    lines.push(`    … and ${file.issueCount - listed.length} more (--json lists the first 100)`);
  return lines;
}
