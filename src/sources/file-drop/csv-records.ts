/**
 * CSV in the ledger layout (csv-layout.ts) → records. The header names the columns; each row is
 * one record, except that consecutive rows of one invoice or credit note (same kind and sourceId)
 * form one document: a row per line (and per allocation), the document's own columns repeated on
 * every row or left empty after the first. Empty cells are absent fields.
 *
 * @module
 */
import { readTextChunks, type ByteTally } from './file-reader.js';
import { parseCsv, type CsvEvent } from './csv-parser.js';
import { readCsvHeader, type CsvHeader } from './csv-header.js';
import { MULTI_ROW_KINDS } from './csv-layout.js';
import { buildCsvRecord, type CsvRow } from './csv-record-builder.js';
import { notUtf8Issue, recordIssue, type ImportIssue } from './import-issue.js';
import type { RawRecord, RecordReader } from './raw-record.js';
import { REPLACEMENT } from './utf8-chunks.js';

export async function* readCsvRecords(path: string, file: string, tally?: ByteTally): RecordReader {
  const seen = tally ?? { bytes: 0 };
  const reader = new CsvGrouper(file, seen);
  let lastLine = 0;
  for await (const events of parseCsv(readTextChunks(path, seen))) {
    for (const event of events) {
      lastLine = event.line;
      reader.take(event);
    }
    // A refused header: read on only to count the rows (and hash the bytes), yield them at the end.
    if (!reader.fileIssues) yield { records: reader.drain(), lastLine };
  }
  reader.finish();
  if (!reader.header && !reader.fileIssues)
    reader.fileIssues = [
      recordIssue(
        'LB_IMPORT_MISSING_COLUMN',
        file,
        1,
        'the file is empty: a ledger CSV file starts with a header row',
        'header',
      ),
    ];
  yield {
    records: reader.drain(),
    lastLine,
    ...(reader.fileIssues ? { fileIssues: reader.fileIssues, refused: reader.refusedRows } : {}),
  };
}

class CsvGrouper {
  header?: CsvHeader;
  fileIssues?: ReturnType<typeof readCsvHeader>['issues'];
  /** Rows after a refused header. */
  refusedRows = 0;
  private group: CsvRow[] = [];
  private poisoned?: string;
  private out: RawRecord[] = [];

  constructor(
    private readonly file: string,
    private readonly seen: ByteTally,
  ) {}

  take(event: CsvEvent): void {
    if (this.fileIssues) {
      this.refusedRows++;
      return;
    }
    if (!this.header) {
      if (event.type === 'error') this.fileIssues = [this.syntax(event.line, event.message)];
      else {
        const read = readCsvHeader(this.file, event.line, event.fields);
        if (read.issues.length > 0) this.fileIssues = read.issues;
        else this.header = read.header;
      }
      return;
    }
    if (event.type === 'error') return this.malformed(event.line, event.message);
    if (event.fields.length !== this.header.width)
      return this.malformed(
        event.line,
        `has ${event.fields.length} fields where the header has ${this.header.width}`,
        { line: event.line, cells: event.fields },
      );
    const row = { line: event.line, cells: event.fields };
    if (!this.continues(row)) this.flush();
    this.group.push(row);
  }

  drain(): RawRecord[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  finish(): void {
    this.flush();
  }

  /** Whether `row` is another row of the invoice or credit note being read. */
  private continues(row: CsvRow): boolean {
    const first = this.group[0];
    if (!first || !this.header) return false;
    const kind = this.header.cell(row, 'kind');
    return (
      MULTI_ROW_KINDS.has(kind) &&
      kind === this.header.cell(first, 'kind') &&
      this.header.cell(row, 'sourceId') === this.header.cell(first, 'sourceId') &&
      this.header.cell(row, 'deleted') === ''
    );
  }

  private flush(): void {
    if (this.group.length === 0 || !this.header) return;
    const record = buildCsvRecord(this.header, this.group, this.file);
    const issues = this.seen.notUtf8 ? this.notUtf8(record.label ?? 'row') : [];
    if (this.poisoned !== undefined)
      issues.push({ ...this.syntax(record.line, this.poisoned), document: record.label ?? 'row' });
    if (issues.length === 0) this.out.push(record);
    else this.out.push({ ...record, issues: [...(record.issues ?? []), ...issues] });
    this.group = [];
    this.poisoned = undefined;
  }

  /**
   * A row that cannot be read is rejected; so is the invoice being read when it broke, since one
   * of its lines may be the lost row (an invoice missing a line must not pass as complete) —
   * unless the row's own kind and sourceId show it belongs to another document.
   */
  private malformed(line: number, message: string, row?: CsvRow): void {
    if (this.mayBelongToGroup(row) && this.poisoned === undefined)
      this.poisoned = `its rows are interrupted by line ${line}, which cannot be read (it may have held one of its lines)`;
    this.flush();
    this.out.push({ line, value: undefined, issues: [this.syntax(line, message)] });
  }

  private mayBelongToGroup(row: CsvRow | undefined): boolean {
    const open = this.group[0];
    const header = this.header!;
    if (!open || !MULTI_ROW_KINDS.has(header.cell(open, 'kind'))) return false;
    if (!row) return true; // unreadable: it could be anyone's
    return ['kind', 'sourceId'].every((c) => header.cell(row, c) === header.cell(open, c));
  }

  /** Each cell of the group that held bytes that were not UTF-8, named by its row and column. */
  private notUtf8(document: string): ImportIssue[] {
    const specs = this.header!.specs;
    return this.group.flatMap((row) =>
      row.cells.flatMap((cell, i) => {
        if (!cell.includes(REPLACEMENT)) return [];
        const column = specs[i]!.name;
        return [{ ...notUtf8Issue(this.file, row.line, cell, column, document), column }];
      }),
    );
  }

  private syntax(line: number, message: string) {
    return recordIssue('LB_IMPORT_CSV_SYNTAX', this.file, line, message, 'row');
  }
}
