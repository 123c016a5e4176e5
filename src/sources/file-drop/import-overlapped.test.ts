import { describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase } from '../../../test/support/backends.js';
import type { Queryable } from '../../store/database.js';
import { findFileImport } from '../../store/file-imports-repo.js';
import { latestRuns } from '../../store/runs-repo.js';
import { importPath } from './import-path.js';
import type { ImportOptions } from './import-files.js';
import { contact, deleted, invoice, payment } from './test-support/records.js';
import { storedDocuments } from './test-support/store-reads.js';
import { scenes } from './test-support/scene.js';

/** 4 contacts, 4 invoices, 3 payments: pages of 3 are written while later lines are checked. */
const RECORDS = [
  ...['P-1', 'P-2', 'P-3', 'P-4'].map((id) => contact(id)),
  ...[1, 2, 3, 4].map((n) => invoice(`I-${n}`, `P-${n}`)),
  ...[1, 2, 3].map((n) => payment(`PAY-${n}`, `I-${n}`)),
];

class Crash extends Error {}

/**
 * The overlapped import (import-overlapped.ts, one transaction per file) is the default on both
 * backends; it is named here so the tests hold it whatever the default becomes. Pages of 3 records
 * make every file below span several writes before its last line is read, and every file is
 * checked on the worker thread (workerFromBytes 0) as a large file would be: the other import
 * tests' small files are checked on the main thread. The worker is the compiled one (~0.22 s a
 * start against ~0.45 s through tsx, and ~30 starts here); checked-batches.test.ts starts it
 * from the sources.
 */
describe.each(BACKENDS)('the overlapped import on %s', (backend) => {
  const scene = scenes(backend);
  const options: ImportOptions = { source: 'clinic', pageSize: 3, overlap: true, workerFromBytes: 0, compiledWorker: true }; // prettier-ignore
  const stored = async (db: Queryable) => storedDocuments(db, 'clinic');

  it('applies a clean file, then finds nothing to do in the same bytes and only the edit in changed ones', async () => {
    const { fresh, folder } = await scene();
    const path = folder.write('clinic.jsonl', RECORDS);
    const first = await importPath(fresh.db, path, options);
    expect(first.files[0]).toMatchObject({ applied: true, added: 11, resumedPages: 0 });
    expect((await stored(fresh.db)).map((d) => d.key)).toHaveLength(11);
    expect(await findFileImport(fresh.db, { source: 'clinic', path })).toMatchObject({
      state: 'applied',
    });

    const again = await importPath(fresh.db, path, options);
    expect(again.files[0]).toMatchObject({ added: 0, changed: 0, unchanged: 11 });

    folder.write('clinic.jsonl', [
      ...RECORDS.slice(0, 7), // the contacts and I-1…I-3
      ...RECORDS.slice(8, 10), // PAY-1, PAY-2
      payment('PAY-3', 'I-3', { amount: '50.00', updatedAt: '2026-11-05T10:00:00Z' }),
      deleted('invoice', 'I-4'),
      contact('P-5'),
    ]);
    const edited = await importPath(fresh.db, path, options);
    expect(edited.files[0]).toMatchObject({ added: 1, changed: 1, deleted: 1, unchanged: 9 });
    const rows = await stored(fresh.db);
    expect(rows.find((d) => d.key === 'payment/PAY-3')!.content).toMatchObject({
      amount: '50.00',
    });
    expect(rows.find((d) => d.key === 'invoice/I-4')!.deleted).toBe(true);
  });

  it('a bad last line rolls back the pages already written: nothing of the file is applied', async () => {
    const { fresh, folder } = await scene();
    const path = folder.write('clinic.jsonl', [
      ...RECORDS,
      payment('PAY-9', 'I-1', { amount: 'ten' }),
    ]);
    const report = await importPath(fresh.db, path, options);
    expect(report.files[0]).toMatchObject({ applied: false, added: 0, rejected: 1 });
    expect(report.files[0]!.issues[0]).toMatchObject({ line: 12, field: 'amount', value: 'ten' });
    expect(await stored(fresh.db)).toEqual([]);
    expect(await findFileImport(fresh.db, { source: 'clinic', path })).toMatchObject({
      state: 'rejected',
    });
  });

  it('a duplicate found after its first record was written, and an open reference, roll back too', async () => {
    const { fresh, folder } = await scene();
    folder.write('dup.jsonl', [...RECORDS, contact('P-1')]);
    folder.write('dangling.jsonl', [...RECORDS, payment('PAY-9', 'I-404')]);
    const report = await importPath(fresh.db, folder.dir, options);
    expect(report.files.map((f) => [f.file.endsWith('dangling.jsonl'), f.applied])).toEqual([
      [true, false],
      [false, false],
    ]);
    expect(report.files.flatMap((f) => f.issues.map((i) => i.code)).sort()).toEqual([
      'LB_IMPORT_DUPLICATE_ID',
      'LB_IMPORT_MISSING_REFERENCE',
    ]);
    expect(await stored(fresh.db)).toEqual([]);
  });

  it('a crash mid-file leaves nothing; the re-run applies the whole file as one change set', async () => {
    const { fresh, folder } = await scene();
    const path = folder.write('clinic.jsonl', RECORDS);
    const crash = {
      beforeCommit: (page: number) => {
        if (page === 2) throw new Crash('disk full while writing page 2');
      },
    };
    await expect(importPath(fresh.db, path, { ...options, hooks: crash })).rejects.toThrow(Crash);
    expect(await stored(fresh.db)).toEqual([]);
    const [failed] = await latestRuns(fresh.db, 1);
    expect(failed).toMatchObject({ kind: 'import', status: 'failed' });

    const rerun = await importPath(fresh.db, path, options);
    expect(rerun.files[0]).toMatchObject({ applied: true, added: 11, resumedPages: 0 });
  });

  it('stores exactly what the two-pass import stores, and reports the same counts', async () => {
    const { fresh, folder } = await scene();
    const other = await freshDatabase(backend);
    try {
      const first = folder.write('a.jsonl', RECORDS);
      const second = folder.write('b.jsonl', [
        invoice('I-1', 'P-2', { updatedAt: '2026-11-06T10:00:00Z' }),
        deleted('payment', 'PAY-2'),
        contact('P-9'),
      ]);
      for (const path of [first, second]) {
        const overlapped = await importPath(fresh.db, path, options);
        const twoPass = await importPath(other.db, path, { ...options, overlap: false });
        const counts = ({ files: [f] }: typeof overlapped) => {
          const { issues: _issues, ...rest } = f!;
          return rest;
        };
        expect(counts(overlapped)).toEqual(counts(twoPass));
      }
      const strip = (rows: Awaited<ReturnType<typeof stored>>) =>
        rows.map(({ key, hash, deleted }) => ({ key, hash, deleted }));
      expect(strip(await stored(fresh.db))).toEqual(
        strip(await storedDocuments(other.db, 'clinic')),
      );
    } finally {
      await other.dispose();
    }
  });

  it('a file deleting what its own records were accepted against is refused, the reason named', async () => {
    const { fresh, folder } = await scene();
    await importPath(fresh.db, folder.write('contacts.jsonl', [contact('P-1'), contact('P-2')]), options); // prettier-ignore
    // I-1's contact is looked up in the store after the first MiB (every open reference, here) and
    // found; the marker after the blank MiB then deletes it, so I-1 must be found again: a cascade,
    // which reads the spill the one-transaction import does not write.
    const blank = ' '.repeat(1_200_000);
    const lines = [invoice('I-1', 'P-1'), invoice('I-2', 'P-2'), blank, deleted('contact', 'P-1')];
    const path = folder.write('edits.jsonl', lines.map((l) => (l === blank ? l : JSON.stringify(l))).join('\n')); // prettier-ignore
    const why = `refers to contact P-1, which this import deletes (line 4)`;
    const report = await importPath(fresh.db, path, { ...options, settleFromStoreAt: 1 });
    expect(report.files[0]).toMatchObject({ applied: false, added: 0, deleted: 0, rejected: 1 });
    expect(report.files[0]!.issues.map((i) => `${i.line}: ${i.field} — ${i.message}`)).toEqual([
      `1: contactId — ${why}`,
    ]);
    expect((await stored(fresh.db)).map((d) => [d.key, d.deleted])).toEqual([
      ['contact/P-1', false],
      ['contact/P-2', false],
    ]);
    // With --partial the rest applies: I-2, and the deletion.
    const partial = await importPath(fresh.db, path, { ...options, settleFromStoreAt: 1, partial: true }); // prettier-ignore
    expect(partial.files[0]).toMatchObject({ applied: true, added: 1, deleted: 1, rejected: 1 });
    expect((await stored(fresh.db)).map((d) => [d.key, d.deleted])).toEqual([
      ['contact/P-1', true],
      ['contact/P-2', false],
      ['invoice/I-2', false],
    ]);
  });

  // Both files find the source empty if nothing orders them; both would then insert P-1 without a
  // conflict check and the second would fail on the unique key (source-lock.ts).
  if (backend === 'postgres')
    it('two files of one source imported at once: the second waits for the first and takes the upsert', async () => {
      const { fresh, folder } = await scene();
      const a = folder.write('a.jsonl', [contact('P-1'), contact('P-2'), invoice('I-1', 'P-1')]);
      const b = folder.write('b.jsonl', [contact('P-1'), contact('P-3'), invoice('I-3', 'P-1')]);
      const reports = await Promise.all([a, b].map((path) => importPath(fresh.db, path, options)));
      const counts = reports.map(({ files: [f] }) => [f!.applied, f!.added, f!.unchanged]).sort();
      expect(counts).toEqual([
        [true, 2, 1], // the second: P-1 was stored by the first, identical
        [true, 3, 0],
      ]);
      expect((await stored(fresh.db)).map((d) => d.key)).toEqual([
        'contact/P-1',
        'contact/P-2',
        'contact/P-3',
        'invoice/I-1',
        'invoice/I-3',
      ]);
    });
});
