import { readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/support/backends.js';
import { latestRuns } from '../../store/runs-repo.js';
import { importPath } from './import-path.js';
import { toCsv } from './test-support/csv-writer.js';
import { readJsonl, SAMPLES, tempFolder } from './test-support/files.js';
import { contact, creditNote, deleted, invoice, payment } from './test-support/records.js';
import { liveKeys, storedDocuments } from './test-support/store-reads.js';
import { scenes } from './test-support/scene.js';

const counts = (r: { added: number; changed: number; deleted: number; unchanged: number }) => ({
  added: r.added,
  changed: r.changed,
  deleted: r.deleted,
  unchanged: r.unchanged,
});

describe.each(BACKENDS)('import change sets on %s', (backend) => {
  const scene = scenes(backend);

  it('adds, changes, leaves unchanged and deletes — and a re-import changes nothing', async () => {
    const { fresh, folder } = await scene();
    const { db } = fresh;
    const v1 = folder.write('v1.jsonl', [
      contact('P-1'),
      invoice('I-1', 'P-1'),
      invoice('I-2', 'P-1'),
      payment('PAY-1', 'I-1'),
    ]);
    const first = await importPath(db, v1, { source: 'clinic' });
    expect(first.status).toBe('succeeded');
    expect(counts(first.totals)).toEqual({ added: 4, changed: 0, deleted: 0, unchanged: 0 });
    const stored = await storedDocuments(db, 'clinic');

    const again = await importPath(db, v1, { source: 'clinic' });
    expect(counts(again.totals)).toEqual({ added: 0, changed: 0, deleted: 0, unchanged: 4 });
    expect(await storedDocuments(db, 'clinic')).toEqual(stored);

    const v2 = folder.write('v2.jsonl', [
      contact('P-1', { updatedAt: '2026-12-01T00:00:00Z' }), // touched, same content
      invoice('I-2', 'P-1', { status: 'void', updatedAt: '2026-12-01T00:00:00Z' }), // a new version
      contact('P-2'), // new
      deleted('payment', 'PAY-1'), // gone from the PMS
      deleted('payment', 'PAY-404'), // never known: nothing to do
    ]);
    const second = await importPath(db, v2, { source: 'clinic' });
    expect(counts(second.totals)).toEqual({ added: 1, changed: 1, deleted: 1, unchanged: 2 });
    const after = await storedDocuments(db, 'clinic');
    expect(after.find((d) => d.key === 'payment/PAY-1')?.deleted).toBe(true);
    expect(after.find((d) => d.key === 'invoice/I-2')?.content.status).toBe('void');
    const runs = await latestRuns(db, 3);
    expect(runs.map((r) => [r.kind, r.source, r.status])).toEqual([
      ['import', 'clinic', 'succeeded'],
      ['import', 'clinic', 'succeeded'],
      ['import', 'clinic', 'succeeded'],
    ]);
    expect(runs[0]?.stats).toMatchObject({
      totals: { added: 1, changed: 1, deleted: 1, unchanged: 2, rejected: 0, files: 1 },
    });
  });

  it('--full deletes what the source no longer lists, only of the kinds imported and only in that source', async () => {
    const { fresh, folder } = await scene();
    const { db } = fresh;
    const everything = [
      contact('P-1'),
      contact('P-2'),
      invoice('I-1', 'P-1'),
      invoice('I-2', 'P-2'),
      payment('PAY-1', 'I-1'),
    ];
    await importPath(db, folder.write('all.jsonl', everything), { source: 'clinic' });
    await importPath(db, folder.write('other.jsonl', [contact('P-2')]), { source: 'other' });

    const now = folder.write('now.jsonl', [contact('P-1'), invoice('I-1', 'P-1')]);
    const report = await importPath(db, now, { source: 'clinic', full: true });
    expect(report.full).toEqual({ kinds: ['contact', 'invoice'], deleted: 2 });
    expect(counts(report.totals)).toEqual({ added: 0, changed: 0, deleted: 2, unchanged: 2 });
    expect(await liveKeys(db, 'clinic')).toEqual(['contact/P-1', 'invoice/I-1', 'payment/PAY-1']);
    expect(await liveKeys(db, 'other')).toEqual(['contact/P-2']);

    // A file that is not applied cannot say what the source lists: the sweep does not run.
    const bad = folder.write('bad.jsonl', [contact('P-1'), '{"kind":"contact",']);
    const partial = await importPath(db, bad, { source: 'clinic', full: true, partial: true });
    expect(partial.full?.deleted).toBe(0);
    expect(partial.full?.skipped).toMatch(/records without a readable kind and sourceId/);
    expect(await liveKeys(db, 'clinic')).toEqual(['contact/P-1', 'invoice/I-1', 'payment/PAY-1']);
  });

  it('imports a folder in name order, so contacts come before the documents that need them', async () => {
    const { fresh, folder } = await scene('lb-Clinic Export-');
    folder.write('02-invoices.jsonl', [invoice('I-1', 'P-1'), payment('PAY-1', 'I-1')]);
    folder.write('01-contacts.csv', toCsv([contact('P-1')]));
    folder.write('03-credits.jsonl', [
      creditNote('CN-1', 'P-1', [{ invoiceId: 'I-1', amount: '20.00' }]),
    ]);
    // Linked in rather than copied: a link counts as what it points to.
    const elsewhere = tempFolder();
    const payments = elsewhere.write('payments.jsonl', [payment('PAY-2', 'I-1')]);
    symlinkSync(payments, join(folder.dir, '04-payments.jsonl'));
    symlinkSync(join(elsewhere.dir, 'gone.jsonl'), join(folder.dir, '05-broken.jsonl'));
    folder.write('notes.txt', 'not an import file');
    folder.write('.hidden.jsonl', 'ignored');
    folder.write('06-payments.jsonl.part', 'still being written: ignored');
    folder.write('archive/00-old.jsonl', [contact('P-OLD')]);
    const report = await importPath(fresh.db, folder.dir);
    elsewhere.remove();
    expect(report.source).toMatch(/^lb-clinic-export-/); // the folder's name, as a source name
    expect(report.files.map((f) => f.file)).toEqual(
      ['01-contacts.csv', '02-invoices.jsonl', '03-credits.jsonl', '04-payments.jsonl'].map((f) =>
        join(folder.dir, f),
      ),
    );
    // A folder inside is not read, but named: the user sees it was passed over.
    expect(report.skipped).toEqual(['05-broken.jsonl', 'archive/', 'notes.txt']);
    expect(report.status).toBe('succeeded');
    expect(counts(report.totals)).toEqual({ added: 5, changed: 0, deleted: 0, unchanged: 0 });
  });

  it('reads CSV into exactly the documents and hashes of the same JSON Lines', async () => {
    const { fresh, folder } = await scene();
    const { db } = fresh;
    for (const [practice, source] of [
      ['clinic', 'demo-clinic'],
      ['lawfirm', 'demo-lawfirm'],
    ]) {
      const dir = join(SAMPLES, practice!);
      await importPath(db, dir, { source });
      const before = await storedDocuments(db, source!);
      // The whole practice as one CSV file (a kind column, invoice lines one row each).
      const records = readdirSync(dir)
        .sort()
        .flatMap((f) => readJsonl(join(dir, f)));
      const csv = folder.write(`${practice}.csv`, toCsv(records));
      const report = await importPath(db, csv, { source });
      expect(report.files[0]?.issues).toEqual([]);
      expect(counts(report.totals)).toEqual({
        added: 0,
        changed: 0,
        deleted: 0,
        unchanged: records.length,
      });
      expect(await storedDocuments(db, source!)).toEqual(before);
    }
  });
});
