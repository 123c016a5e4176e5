/**
 * One group of CSV rows → one JSON record, built so that the same document written as JSON Lines
 * yields the same content hash: document columns from the first row, a line for each row with
 * line cells, an allocation for each row with allocation cells, empty cells left out.
 *
 * @module
 */
import { documentLabel } from '../../ledger/index.js';
import type { CsvHeader } from './csv-header.js';
import { columnOfField, REQUIRED_COLUMNS, type CellType, type ColumnSpec } from './csv-layout.js';
import { isDocumentKind, recordIssue, type ImportIssue } from './import-issue.js';
import type { FieldLocation, RawRecord } from './raw-record.js';

export interface CsvRow {
  readonly line: number;
  readonly cells: readonly string[];
}

type Json = Record<string | number, unknown>;

export function buildCsvRecord(
  header: CsvHeader,
  rows: readonly CsvRow[],
  file: string,
): RawRecord {
  const first = rows[0]!;
  const document: Json = {};
  const lines: { line: number; value: Json }[] = [];
  const allocations: { line: number; value: Json }[] = [];
  const issues: ImportIssue[] = [];
  const label = labelOf(header, first);
  rows.forEach((row, r) => {
    let line: Json | undefined;
    let allocation: Json | undefined;
    header.specs.forEach((spec, c) => {
      const cell = row.cells[c] ?? '';
      if (cell === '' || (spec.name === 'deleted' && /^false$/i.test(cell))) return;
      const value = convert(spec.type, cell);
      if (spec.scope === 'line') setPath((line ??= {}), spec.path, value);
      else if (spec.scope === 'allocation') setPath((allocation ??= {}), spec.path, value);
      else if (r === 0) setPath(document, spec.path, value);
      else if (cell !== first.cells[c]) issues.push(conflict(file, label, row, first, spec, c));
    });
    if (line) lines.push({ line: row.line, value: line });
    if (allocation) allocations.push({ line: row.line, value: allocation });
  });
  if (lines.length > 0) document.lines = lines.map((l) => l.value);
  if (allocations.length > 0) document.allocations = allocations.map((a) => a.value);
  issues.push(...missingColumns(header, document, first, file, label));
  const locate = (field: string): FieldLocation => {
    const at = columnOfField(field);
    if (!at) return { line: first.line };
    const rowsOf = at.scope === 'line' ? lines : at.scope === 'allocation' ? allocations : [];
    return { line: rowsOf[at.index]?.line ?? first.line, column: at.column };
  };
  return {
    line: first.line,
    value: document,
    locate,
    label,
    ...(issues.length > 0 ? { issues } : {}),
  };
}

function convert(type: CellType, cell: string): unknown {
  if (type === 'lines') return cell.split('\n');
  if (type === 'boolean' && /^(true|false)$/i.test(cell)) return cell.toLowerCase() === 'true';
  return cell;
}

function setPath(target: Json, path: readonly (string | number)[], value: unknown): void {
  let at: Json = target;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      at[key] = value;
      return;
    }
    at[key] ??= typeof path[i + 1] === 'number' ? [] : {};
    at = at[key] as Json;
  });
}

function labelOf(header: CsvHeader, first: CsvRow): string {
  const optional = (name: string) => header.cell(first, name) || undefined;
  return documentLabel({
    kind: header.cell(first, 'kind') || 'record',
    sourceId: optional('sourceId'),
    number: optional('number'),
    name: optional('name'),
  });
}

function conflict(
  file: string,
  label: string,
  row: CsvRow,
  first: CsvRow,
  spec: ColumnSpec,
  c: number,
): ImportIssue {
  return {
    code: 'LB_IMPORT_CSV_CONFLICT',
    file,
    line: row.line,
    column: spec.name,
    document: label,
    field: spec.name,
    value: row.cells[c],
    message: `differs from ${JSON.stringify(first.cells[c] ?? '')} on line ${first.line}: the rows of one document repeat its columns unchanged (or leave them empty)`,
  };
}

/** A row of a kind whose required column the header lacks: name the column, not every field. */
function missingColumns(
  header: CsvHeader,
  document: Json,
  first: CsvRow,
  file: string,
  label: string,
): ImportIssue[] {
  const kind = document.kind;
  if (!isDocumentKind(kind) || document.deleted === true) return [];
  return REQUIRED_COLUMNS[kind]
    .filter((name) => !header.has(name))
    .map((name) => ({
      ...recordIssue(
        'LB_IMPORT_MISSING_COLUMN',
        file,
        first.line,
        `the header has no "${name}" column, which ${kind.replace('_', ' ')} rows need`,
        label,
      ),
      column: name,
    }));
}
