/**
 * The header row of a ledger CSV file: every column must be one of the layout's, none twice, and
 * `kind` and `sourceId` must be there. A header that breaks these refuses the whole file — its
 * rows cannot be read with confidence.
 *
 * @module
 */
import { CSV_COLUMNS, KEY_COLUMNS, type ColumnSpec } from './csv-layout.js';
import { recordIssue, type ImportIssue } from './import-issue.js';

export interface CsvHeader {
  /** Number of columns; every row must have as many fields. */
  readonly width: number;
  /** The layout column at each position. */
  readonly specs: readonly ColumnSpec[];
  has(name: string): boolean;
  /** A row's cell under column `name`, '' when the file has no such column. */
  cell(row: { readonly cells: readonly string[] }, name: string): string;
}

export function readCsvHeader(
  file: string,
  line: number,
  names: readonly string[],
): { header?: CsvHeader; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const positions = new Map<string, number>();
  const specs: ColumnSpec[] = [];
  names.forEach((raw, i) => {
    const name = raw.trim();
    const spec = CSV_COLUMNS.get(name);
    const issue = (message: string) => ({
      ...recordIssue('LB_IMPORT_UNKNOWN_COLUMN', file, line, message, 'header'),
      column: name,
    });
    if (!spec)
      issues.push(
        issue(
          `column ${i + 1} "${name}" is not in the ledger CSV layout (see docs/ledger-format.md)`,
        ),
      );
    else if (positions.has(name))
      issues.push(
        issue(`column "${name}" appears twice (columns ${positions.get(name)! + 1} and ${i + 1})`),
      );
    else {
      positions.set(name, i);
      specs[i] = spec;
    }
  });
  for (const key of KEY_COLUMNS)
    if (!positions.has(key) && !names.some((n) => n.trim() === key))
      issues.push({
        ...recordIssue(
          'LB_IMPORT_MISSING_COLUMN',
          file,
          line,
          `has no "${key}" column (every ledger CSV file needs kind and sourceId)`,
          'header',
        ),
        column: key,
      });
  if (issues.length > 0) return { issues };
  return {
    issues,
    header: {
      width: names.length,
      specs,
      has: (name) => positions.has(name),
      cell: (row, name) => {
        const at = positions.get(name);
        return at === undefined ? '' : (row.cells[at] ?? '');
      },
    },
  };
}
