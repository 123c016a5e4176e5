import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type FreshDatabase } from '../../../test/support/backends.js';
import { formatImportIssue } from './import-issue.js';
import { importPath } from './import-path.js';
import { tempFolder, type TempFolder } from './test-support/files.js';
import { storedDocuments } from './test-support/store-reads.js';

const doc = readFileSync(
  join(import.meta.dirname, '..', '..', '..', 'docs', 'ledger-format.md'),
  'utf8',
);
const section = doc.slice(doc.indexOf('## From your PMS to Ledgerbridge'));
/** The example files of the section: a `name` line, then its fenced block. */
const files = [
  ...section.matchAll(/`(\d\d-[a-z-]+\.(jsonl|csv))`[^\n]*\n\n```(?:jsonl|csv)\n([\s\S]*?)```/g),
].map((m) => ({ name: m[1]!, text: m[3]! }));
const jsonl = files.filter((f) => f.name.endsWith('.jsonl'));
const csv = files.filter((f) => f.name.endsWith('.csv'));

describe.each(BACKENDS)(
  'docs/ledger-format.md "From your PMS to Ledgerbridge" on %s',
  (backend) => {
    let fresh: FreshDatabase;
    let folder: TempFolder;
    beforeAll(async () => {
      fresh = await freshDatabase(backend);
      folder = tempFolder();
    });
    afterAll(async () => {
      await fresh.dispose();
      folder.remove();
    });

    it('has an example file of each kind, as JSON Lines and as CSV', () => {
      const kinds = ['contacts', 'invoices', 'credit-notes', 'payments', 'deletions'];
      expect(jsonl.map((f) => f.name)).toEqual(kinds.map((k, i) => `0${i + 1}-${k}.jsonl`));
      expect(csv.map((f) => f.name)).toEqual(kinds.map((k, i) => `0${i + 1}-${k}.csv`));
    });

    it('imports the JSON Lines examples cleanly, and the CSV ones into the very same documents', async () => {
      for (const f of jsonl) folder.write(`jsonl/${f.name}`, f.text);
      for (const f of csv) folder.write(`csv/${f.name}`, f.text);
      const first = await importPath(fresh.db, join(folder.dir, 'jsonl'), { source: 'clinic' });
      expect(first.files.flatMap((f) => f.issues)).toEqual([]);
      expect(first.totals).toMatchObject({ added: 7, unchanged: 2, rejected: 0 }); // 2 markers of documents never imported
      const stored = await storedDocuments(fresh.db, 'clinic');
      const again = await importPath(fresh.db, join(folder.dir, 'csv'), { source: 'clinic' });
      expect(again.files.flatMap((f) => f.issues)).toEqual([]);
      expect(again.totals).toMatchObject({ added: 0, changed: 0, deleted: 0, unchanged: 9 });
      expect(await storedDocuments(fresh.db, 'clinic')).toEqual(stored);
    });

    it('imports the trust movements CSV example of "Trust movement" (after the files above)', async () => {
      const trust = doc.slice(doc.indexOf('## Trust movement'), doc.indexOf('## Deletion marker'));
      const text = /```csv\n([\s\S]*?)```/.exec(trust)![1]!;
      const report = await importPath(fresh.db, folder.write('trust/trust.csv', text), {
        source: 'clinic',
      });
      expect(report.files.flatMap((f) => f.issues)).toEqual([]);
      expect(report.totals).toMatchObject({ added: 3, rejected: 0 });
    });

    it.each([
      ['Write-off', 'Payout', 'write_off', 2],
      ['Payout', 'Deletion marker', 'payout', 1],
    ] as const)(
      'imports the CSV example of "%s" into the JSON example’s document',
      async (heading, next, kind, rows) => {
        const part = doc.slice(doc.indexOf(`## ${heading}`), doc.indexOf(`## ${next}`));
        const text = /```csv\n([\s\S]*?)```/.exec(part)![1]!;
        const report = await importPath(fresh.db, folder.write(`${kind}/docs.csv`, text), {
          source: 'clinic',
        });
        expect(report.files.flatMap((f) => f.issues)).toEqual([]);
        expect(report.totals).toMatchObject({ added: rows, rejected: 0 });
        const example = /```json\n([\s\S]*?)```/.exec(part)![1]!;
        const json = JSON.parse(example) as { sourceId: string; updatedAt: string };
        const stored = await storedDocuments(fresh.db, 'clinic');
        expect(stored.find((d) => d.key === `${kind}/${json.sourceId}`)?.content).toEqual({
          ...json,
          source: 'clinic',
          entity: 'default',
          status: 'active',
          updatedAt: new Date(json.updatedAt).toISOString(), // timestamps are stored normalised
        });
      },
    );

    it('shows rejection lines the importer really prints', async () => {
      const invoices = jsonl[1]!.text.trimEnd().split('\n');
      const second = JSON.parse(invoices[1]!) as { lines: { unitAmount: string }[] };
      second.lines[0]!.unitAmount = '1.23456';
      const bad = folder.write('bad/invoices.jsonl', `${invoices[0]}\n${JSON.stringify(second)}\n`);
      const payments = csv[3]!.text.replace('INV-ID-78', 'INV-ID-79');
      const badCsv = folder.write('bad/payments.csv', payments);
      for (const path of [bad, badCsv]) {
        const report = await importPath(fresh.db, path, { source: 'clinic' });
        const line = formatImportIssue(report.files[0]!.issues[0]!).replace(path, basename(path));
        expect(section).toContain(line);
      }
    });
  },
);
