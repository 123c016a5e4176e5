import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type FreshDatabase } from '../../../test/support/backends.js';
import { formatImportIssue } from './import-issue.js';
import { importPath, type PathImportOptions } from './import-path.js';
import type { ImportReport } from './import-report.js';
import { tempFolder, type TempFolder } from './test-support/files.js';
import { contact, creditNote, deleted, invoice, payment } from './test-support/records.js';
import { liveKeys, storedDocuments } from './test-support/store-reads.js';

const CONSULT = { kind: 'time', description: 'Consult', quantity: '1', unitAmount: '95.00' };
const INVOICE_HEADER =
  'kind,sourceId,updatedAt,status,contactId,issueDate,currency,lineAmountType,total,line.kind,line.description,line.quantity,line.unitAmount,name';

describe.each(BACKENDS)('bad input on %s', (backend) => {
  let fresh: FreshDatabase;
  let folder: TempFolder;
  let n = 0;
  beforeAll(async () => {
    fresh = await freshDatabase(backend);
    folder = tempFolder();
  });
  afterAll(async () => {
    await fresh.dispose();
    folder.remove();
  });

  /** Imports `content` as `name` into a source of its own; the issues as printed, paths relative. */
  async function attempt(
    name: string,
    content: string | unknown[],
    options: PathImportOptions = {},
  ) {
    const source = options.source ?? `s${++n}`;
    const report = await importPath(fresh.db, folder.write(name, content), { ...options, source });
    const lines = report.files.flatMap((f) => f.issues.map(formatImportIssue));
    return { report, source, lines: lines.map((l) => l.replace(`${folder.dir}/`, '')) };
  }
  const summary = (r: ImportReport) => {
    const f = r.files[0]!;
    return { applied: f.applied, added: f.added, rejected: f.rejected, issues: f.issueCount };
  };

  it('names file, line, field, value and what was expected; by default the file applies nothing', async () => {
    const { report, source, lines } = await attempt('bad.jsonl', [
      contact('P-1'),
      invoice('I-1', 'P-1', { lines: [{ ...CONSULT, unitAmount: '1.23456' }] }),
      { ...contact('P-2'), ammount: '1' },
      [1, 2],
      contact('P-3', { source: 'elsewhere' }),
    ]);
    expect(lines).toEqual([
      'bad.jsonl:2: invoice N-I-1 (source id I-1): lines[0].unitAmount = "1.23456" — expected a decimal with at most 4 decimal places, e.g. "110.00"',
      'bad.jsonl:3: contact Patient P-2 (source id P-2): ammount = "1" — is not a field of a contact (the fields are listed in docs/ledger-format.md)',
      'bad.jsonl:4: line — is not a JSON object (each line holds one document or marker)',
      `bad.jsonl:5: contact Patient P-3 (source id P-3): source = "elsewhere" — is not the source this import is for ("${source}"): leave it out, or import with --source elsewhere`,
    ]);
    expect(report.files[0]!.issues.map((i) => i.code)).toEqual([
      'LB_IMPORT_INVALID_RECORD',
      'LB_IMPORT_INVALID_RECORD',
      'LB_IMPORT_MALFORMED_JSON',
      'LB_IMPORT_WRONG_SOURCE',
    ]);
    expect(summary(report)).toEqual({ applied: false, added: 0, rejected: 4, issues: 4 });
    expect(report.status).toBe('failed');
    expect(await liveKeys(fresh.db, source)).toEqual([]);
  });

  it('--partial applies the valid records and reports the rest', async () => {
    const { report, source, lines } = await attempt(
      'partial.jsonl',
      `${JSON.stringify(contact('P-1'))}\n{"kind": "contact", "sourceId": \n${JSON.stringify(invoice('I-1', 'P-1'))}\n`,
      { partial: true },
    );
    expect(lines).toEqual([
      expect.stringMatching(/^partial\.jsonl:2: line — is not valid JSON: .+/) as unknown as string,
    ]);
    expect(summary(report)).toEqual({ applied: true, added: 2, rejected: 1, issues: 1 });
    expect(report.status).toBe('partial');
    expect(await liveKeys(fresh.db, source)).toEqual(['contact/P-1', 'invoice/I-1']);
  });

  it('refuses duplicate ids in a file, naming both lines, and applies neither', async () => {
    const { report, source, lines } = await attempt(
      'dups.jsonl',
      [contact('P-1'), payment('PAY-1', 'I-1'), invoice('I-1', 'P-1'), contact('P-1', { name: 'Other' }), contact('P-1')], // prettier-ignore
      { partial: true },
    );
    expect(lines).toEqual([
      // With its contact refused, the invoice goes too, and then the payment that needed it.
      `dups.jsonl:2: payment PAY-1: invoiceId = "I-1" — refers to invoice I-1, which this import rejects (line 3) and source ${source} does not have`,
      `dups.jsonl:3: invoice N-I-1 (source id I-1): contactId = "P-1" — refers to contact P-1, which this import rejects (line 1) and source ${source} does not have`,
      'dups.jsonl:4: contact Other (source id P-1): sourceId = "P-1" — appears twice in this file, on lines 1 and 4: ids are unique per kind, so neither record is imported',
      'dups.jsonl:5: contact Patient P-1 (source id P-1): sourceId = "P-1" — appears twice in this file, on lines 1 and 5: ids are unique per kind, so neither record is imported',
    ]);
    expect(summary(report)).toEqual({ applied: true, added: 0, rejected: 5, issues: 4 });
    expect(await liveKeys(fresh.db, source)).toEqual([]);
  });

  it('reports references to contacts and invoices that exist neither in the import nor in the store', async () => {
    const source = 'refs';
    await attempt('known.jsonl', [contact('P-1'), invoice('I-1', 'P-1'), invoice('I-2', 'P-1')], {
      source,
    });
    await attempt('other-source.jsonl', [contact('P-9')], { source: 'refs-elsewhere' });
    const { report, lines } = await attempt(
      'refs.jsonl',
      [
        invoice('I-3', 'P-1'), // contact in the store: fine
        invoice('I-4', 'P-9'), // P-9 is another source's
        payment('PAY-1', 'I-5'), // I-5 comes later in this file: fine
        invoice('I-5', 'P-2'),
        contact('P-2'),
        creditNote('CN-1', 'P-404', [{ invoiceId: 'I-404', amount: '5.00' }]),
        payment('PAY-2', 'I-2'), // I-2 is deleted by this very import
        deleted('invoice', 'I-2'),
      ],
      { source, partial: true },
    );
    expect(lines).toEqual([
      'refs.jsonl:2: invoice N-I-4 (source id I-4): contactId = "P-9" — refers to contact P-9, which is neither in this import nor in source refs',
      'refs.jsonl:6: credit note CN-1: contactId = "P-404" — refers to contact P-404, which is neither in this import nor in source refs',
      'refs.jsonl:6: credit note CN-1: allocations[0].invoiceId = "I-404" — refers to invoice I-404, which is neither in this import nor in source refs',
      'refs.jsonl:7: payment PAY-2: invoiceId = "I-2" — refers to invoice I-2, which this import deletes (line 8)',
    ]);
    expect(report.files[0]!.issues.every((i) => i.code === 'LB_IMPORT_MISSING_REFERENCE')).toBe(
      true,
    );
    expect(summary(report)).toEqual({ applied: true, added: 4, rejected: 3, issues: 4 }); // CN-1 twice
    expect(await liveKeys(fresh.db, source)).toEqual([
      'contact/P-1',
      'contact/P-2',
      'invoice/I-1',
      'invoice/I-3',
      'invoice/I-5',
      'payment/PAY-1',
    ]);
  });

  it('with --full, a reference to a document the sweep would delete is missing too', async () => {
    const source = 'refs-full';
    await attempt('start.jsonl', [contact('P-1'), invoice('I-1', 'P-1')], { source });
    const { lines, report } = await attempt(
      'full.jsonl',
      [invoice('I-2', 'P-1'), payment('PAY-1', 'I-1')],
      { source, full: true },
    );
    expect(lines).toEqual([
      'full.jsonl:2: payment PAY-1: invoiceId = "I-1" — refers to invoice I-1, which --full deletes: the import lists invoices but not this one',
    ]);
    expect(report.full).toMatchObject({
      deleted: 0,
      skipped: expect.stringMatching(/full\.jsonl was not applied/) as unknown,
    });
    expect(await liveKeys(fresh.db, source)).toEqual(['contact/P-1', 'invoice/I-1']);
  });

  it('refuses a CSV header with unknown, repeated or missing columns, naming them', async () => {
    const header = await attempt(
      'header.csv',
      'kind,sourceId,updatedAt,name,ammount,name\ncontact,P-1,2026-11-02T09:00:00Z,A,1,B\ncontact,P-2,2026-11-02T09:00:00Z,A,1,B\n',
      { partial: true },
    );
    expect(header.lines).toEqual([
      'header.csv:1 (column ammount): header — column 5 "ammount" is not in the ledger CSV layout (see docs/ledger-format.md)',
      'header.csv:1 (column name): header — column "name" appears twice (columns 4 and 6)',
    ]);
    expect(summary(header.report)).toEqual({ applied: false, added: 0, rejected: 2, issues: 2 });
    expect(header.report.files[0]!.issues.map((i) => i.code)).toEqual([
      'LB_IMPORT_UNKNOWN_COLUMN',
      'LB_IMPORT_UNKNOWN_COLUMN',
    ]);

    const keyless = await attempt('keyless.csv', 'kind,name\ncontact,Alex\n');
    expect(keyless.lines).toEqual([
      'keyless.csv:1 (column sourceId): header — has no "sourceId" column (every ledger CSV file needs kind and sourceId)',
    ]);

    const rowsNeed = await attempt(
      'need.csv',
      'kind,sourceId,updatedAt,name,status,contactId,issueDate,currency,line.kind,line.description,line.quantity,line.unitAmount\ncontact,P-1,2026-11-02T09:00:00Z,Alex,,,,,,,,\ninvoice,I-1,2026-11-02T09:00:00Z,,paid,P-1,2026-11-02,AUD,time,Consult,1,95.00\n',
      { partial: true },
    );
    expect(rowsNeed.lines).toEqual([
      'need.csv:3 (column total): invoice I-1 — the header has no "total" column, which invoice rows need',
    ]);
    expect(rowsNeed.report.files[0]!.issues[0]!.code).toBe('LB_IMPORT_MISSING_COLUMN');
    expect(summary(rowsNeed.report)).toEqual({ applied: true, added: 1, rejected: 1, issues: 1 });
  });

  it('locates CSV problems to the row and column, and rejects an invoice whose rows disagree or break', async () => {
    const rows = [
      INVOICE_HEADER,
      'contact,P-1,2026-11-02T09:00:00Z,,,,,,,,,,,Alex',
      'invoice,I-1,2026-11-02T09:00:00Z,paid,P-1,2026-11-02,AUD,inclusive,190.00,time,Consult,1,95.00,',
      'invoice,I-1,,,,,,,,product,Tape,1,1.23456,',
      'invoice,I-2,2026-11-02T09:00:00Z,paid,P-1,2026-11-02,AUD,inclusive,190.00,time,Consult,1,95.00,',
      'invoice,I-2,2026-11-02T09:00:00Z,paid,P-1,2026-11-02,AUD,inclusive,180.00,time,Consult,1,95.00,',
      'invoice,I-3,2026-11-02T09:00:00Z,paid,P-1,2026-11-02,AUD,inclusive,190.00,time,Consult,1,95.00,',
      'invoice,I-3,2026-11-02T09:00:00Z,paid,P-1,2026-11-02,AUD,inclu"sive,190.00,time,Consult,1,95.00,',
      'invoice,I-4,2026-11-02T09:00:00Z,paid,P-1,2026-11-02,AUD,inclusive,95.00,time,Consult,1,95.00,',
      'contact,P-2,2026-11-02T09:00:00Z',
      'contact,P-3,2026-11-02T09:00:00Z,,,,,,,,,,,Sam',
    ];
    const { lines, report } = await attempt('rows.csv', `${rows.join('\r\n')}\r\n`, {
      partial: true,
    });
    expect(lines).toEqual([
      'rows.csv:4 (column line.unitAmount): invoice I-1: lines[1].unitAmount = "1.23456" — expected a decimal with at most 4 decimal places, e.g. "110.00"',
      'rows.csv:6 (column total): invoice I-2: total = "180.00" — differs from "190.00" on line 5: the rows of one document repeat its columns unchanged (or leave them empty)',
      'rows.csv:7: invoice I-3 — its rows are interrupted by line 8, which cannot be read (it may have held one of its lines)',
      'rows.csv:8: row — a quote inside an unquoted field (quote the whole field)',
      'rows.csv:10: row — has 3 fields where the header has 14',
    ]);
    expect(report.files[0]!.issues.map((i) => i.code)).toEqual([
      'LB_IMPORT_INVALID_RECORD',
      'LB_IMPORT_CSV_CONFLICT',
      'LB_IMPORT_CSV_SYNTAX',
      'LB_IMPORT_CSV_SYNTAX',
      'LB_IMPORT_CSV_SYNTAX',
    ]);
    expect(await liveKeys(fresh.db, report.source)).toEqual([
      'contact/P-1',
      'contact/P-3',
      'invoice/I-4',
    ]);
  });

  it('never crashes on what it cannot read: empty files, blank lines, binary noise', async () => {
    expect((await attempt('empty.jsonl', '')).report.status).toBe('succeeded');
    expect((await attempt('blank.jsonl', '\n  \n\r\n')).report.files[0]!.records).toBe(0);
    expect((await attempt('empty.csv', '')).lines).toEqual([
      'empty.csv:1: header — the file is empty: a ledger CSV file starts with a header row',
    ]);
    const noise = await attempt('noise.jsonl', '\u0000\u0001\uFFFD{[\n}}}\n');
    expect(summary(noise.report)).toEqual({ applied: false, added: 0, rejected: 2, issues: 2 });
    // Nesting JSON.parse reads but JSON.stringify cannot write back (its recursion overflows).
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const nested = await attempt(
      'nested.jsonl',
      `${JSON.stringify(contact('P-1')).replace('"Patient P-1"', deep)}\n${JSON.stringify(contact('P-2')).slice(0, -1)},"extra":${deep}}\n${JSON.stringify(contact('P-3'))}\n`,
      { partial: true },
    );
    expect(nested.lines).toEqual([
      'nested.jsonl:1: contact P-1: name = "(nested too deeply to show)" — expected text, got a list',
      'nested.jsonl:2: contact Patient P-2 (source id P-2): extra = "(nested too deeply to show)" — is not a field of a contact (the fields are listed in docs/ledger-format.md)',
    ]);
    expect(await liveKeys(fresh.db, nested.source)).toEqual(['contact/P-3']);
  });

  it('rejects text that is not UTF-8, naming the line or the cell and showing it as read', async () => {
    // "Zoë" and "Renée" as a Windows-1252 export writes them: ë is EB, é is E9, not UTF-8.
    const cp1252 = (text: string) => Buffer.from(text, 'latin1');
    const jsonl = folder.write('cp1252.jsonl', '');
    writeFileSync(
      jsonl,
      Buffer.concat([
        Buffer.from(`${JSON.stringify(contact('P-1'))}\n`),
        cp1252(`${JSON.stringify(contact('P-2', { name: 'Zoë Lee' }))}\n`),
        Buffer.from(`${JSON.stringify(invoice('I-2', 'P-2'))}\n`),
      ]),
    );
    const source = `s${++n}`;
    const report = await importPath(fresh.db, jsonl, { source, partial: true });
    expect(report.files[0]!.issues.map((i) => [i.code, i.line])).toEqual([
      ['LB_IMPORT_NOT_UTF8', 2],
      ['LB_IMPORT_MISSING_REFERENCE', 3],
    ]);
    expect(formatImportIssue(report.files[0]!.issues[0]!)).toBe(
      `${jsonl}:2: contact Zo\uFFFD Lee (source id P-2): line = "…9:00:00Z\\",\\"name\\":\\"Zo\uFFFD Lee\\"}" — holds bytes that are not UTF-8 (each shown as "\uFFFD"): expected UTF-8 text`,
    );
    expect(report.files[0]!.issues[1]!.message).toMatch(/which this import rejects \(line 2\)/);
    expect(await liveKeys(fresh.db, source)).toEqual(['contact/P-1']);

    const csv = folder.write('cp1252.csv', '');
    writeFileSync(
      csv,
      cp1252(
        'kind,sourceId,updatedAt,name\ncontact,P-3,2026-11-02T09:00:00Z,Renée\ncontact,P-4,2026-11-02T09:00:00Z,Ok\n',
      ),
    );
    const fromCsv = await importPath(fresh.db, csv, { source, partial: true });
    expect(fromCsv.files[0]!.issues.map(formatImportIssue)).toEqual([
      `${csv}:2 (column name): contact Ren\uFFFDe (source id P-3): name = "Ren\uFFFDe" — holds bytes that are not UTF-8 (each shown as "\uFFFD"): expected UTF-8 text`,
    ]);
    expect(await liveKeys(fresh.db, source)).toEqual(['contact/P-1', 'contact/P-4']);
  });

  it('keeps a U+FFFD that the file spells in UTF-8: it is text, not a sign of bad bytes', async () => {
    const { report, source } = await attempt('replacement.jsonl', [
      contact('P-1', { name: 'Zo\uFFFD Lee' }),
    ]);
    expect(summary(report)).toEqual({ applied: true, added: 1, rejected: 0, issues: 0 });
    const [stored] = await storedDocuments(fresh.db, source);
    expect(stored?.content.name).toBe('Zo\uFFFD Lee');
  });

  it('rejects text no store can hold (NUL, half a surrogate pair) instead of failing the import', async () => {
    // Before: one such string failed the whole import with LB_INTERNAL, on both backends.
    const { report, source, lines } = await attempt(
      'unstorable.jsonl',
      [
        contact('P-1', { name: 'Nul\u0000 Lee' }),
        contact('P-2', { name: 'Lone \ud800 Lee' }),
        contact('P-3', { name: 'Smile \ud83d\ude00 Lee' }),
        invoice('I-1', 'P-3', { reference: 'Ref\u0000' }),
        deleted('contact', 'P\u00009'),
      ],
      { partial: true },
    );
    expect(lines).toEqual([
      'unstorable.jsonl:1: contact Nul\\u0000 Lee (source id P-1): name = "Nul\\u0000 Lee" — holds a NUL character (U+0000), which no database text can hold: remove it',
      'unstorable.jsonl:2: contact Lone \\ud800 Lee (source id P-2): name = "Lone \\ud800 Lee" — holds half of a UTF-16 surrogate pair, which is not text: correct it',
      'unstorable.jsonl:4: invoice N-I-1 (source id I-1): reference = "Ref\\u0000" — holds a NUL character (U+0000), which no database text can hold: remove it',
      'unstorable.jsonl:5: contact P\\u00009: sourceId = "P\\u00009" — must not hold line breaks, tabs or other control characters',
    ]);
    expect(summary(report)).toEqual({ applied: true, added: 1, rejected: 4, issues: 4 });
    const [stored] = await storedDocuments(fresh.db, source);
    expect(stored?.content.name).toBe('Smile \ud83d\ude00 Lee');
  });
});
