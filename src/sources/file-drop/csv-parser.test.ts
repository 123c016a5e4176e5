import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv, type CsvEvent } from './csv-parser.js';
import { csvCell } from './test-support/csv-writer.js';

async function parse(...chunks: string[]): Promise<CsvEvent[]> {
  const events: CsvEvent[] = [];
  for await (const batch of parseCsv(Readable.from(chunks) as AsyncIterable<string>))
    events.push(...batch);
  return events;
}

const rows = (events: CsvEvent[]) => events.map((e) => (e.type === 'row' ? e.fields : e));

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, numbering rows by their first line', async () => {
    const events = await parse(
      'kind,name,address1.lines\r\n',
      'contact,"Morgan, Alex","1 George St\nLevel 2"\r\n',
      'contact,"say ""hi""",\r\n',
    );
    expect(events).toEqual([
      { type: 'row', line: 1, fields: ['kind', 'name', 'address1.lines'] },
      { type: 'row', line: 2, fields: ['contact', 'Morgan, Alex', '1 George St\nLevel 2'] },
      { type: 'row', line: 4, fields: ['contact', 'say "hi"', ''] },
    ]);
  });

  it('gives the same rows however the text is cut into chunks (a CRLF split across two)', async () => {
    const text = 'a,b\r\n"x\r\ny",2\r\n3,"4"\r\n';
    const whole = await parse(text);
    expect(await parse(...text.split(''))).toEqual(whole);
    expect(await parse('a,b\r', '\n"x\r', '\ny",2\r\n3,"4"')).toEqual(whole);
    expect(rows(whole)).toEqual([
      ['a', 'b'],
      ['x\ny', '2'],
      ['3', '4'],
    ]);
  });

  it('skips blank lines, keeps empty fields and a last row without a line break', async () => {
    expect(rows(await parse('a,b\n\n,\n1,2'))).toEqual([
      ['a', 'b'],
      ['', ''],
      ['1', '2'],
    ]);
  });

  it('reports a malformed row by its line and carries on with the next', async () => {
    const events = await parse('a,b\nx"y,1\n"q"z,2\nok,3\n"never closed,4\n');
    expect(events).toEqual([
      { type: 'row', line: 1, fields: ['a', 'b'] },
      {
        type: 'error',
        line: 2,
        message: 'a quote inside an unquoted field (quote the whole field)',
      },
      { type: 'error', line: 3, message: 'text after a closing quote (quote the whole field)' },
      { type: 'row', line: 4, fields: ['ok', '3'] },
      {
        type: 'error',
        line: 5,
        message: 'a quoted field opened on this line is never closed (missing ")',
      },
    ]);
  });

  it('reads back whatever a writer quoting per RFC 4180 wrote', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', ' ', 'é', '\r\n') });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        async (table) => {
          const text = table.map((r) => r.map(csvCell).join(',')).join('\r\n');
          const expected = table
            .map((r) => r.map((c) => c.replace(/\r\n/g, '\n')))
            .filter((r) => !(r.length === 1 && r[0] === ''));
          expect(rows(await parse(text))).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
