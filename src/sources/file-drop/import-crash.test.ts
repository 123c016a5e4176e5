import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/support/backends.js';
import { validateDocument } from '../../ledger/index.js';
import type { Queryable } from '../../store/database.js';
import { upsertDocuments } from '../../store/documents-repo.js';
import { findFileImport } from '../../store/file-imports-repo.js';
import { latestRuns } from '../../store/runs-repo.js';
import { importPath } from './import-path.js';
import { contact, invoice, payment } from './test-support/records.js';
import { storedDocuments } from './test-support/store-reads.js';
import { scenes } from './test-support/scene.js';

/** 4 contacts, 4 invoices, 3 payments: 11 records, pages of 3 → pages 0…3. */
const RECORDS = [
  ...['P-1', 'P-2', 'P-3', 'P-4'].map((id) => contact(id)),
  ...[1, 2, 3, 4].map((n) => invoice(`I-${n}`, `P-${n}`)),
  ...[1, 2, 3].map((n) => payment(`PAY-${n}`, `I-${n}`)),
];
const EXPECTED = RECORDS.map((r) => {
  const v = validateDocument(r, { source: 'clinic' });
  if (!v.ok) throw new Error('bad fixture');
  return { key: `${r.kind}/${r.sourceId}`, hash: v.value.hash };
}).sort((a, b) => (a.key < b.key ? -1 : 1));

class Crash extends Error {}

describe.each(BACKENDS)('crash safety of the two-pass import on %s', (backend) => {
  const scene = scenes(backend);

  const stored = async (db: Queryable) =>
    (await storedDocuments(db, 'clinic')).map((d) => ({ key: d.key, hash: d.hash }));

  it('a failure inside a page rolls that page back; the re-run resumes after the pages committed', async () => {
    const { fresh, folder } = await scene();
    const path = folder.write('clinic.jsonl', RECORDS);
    const options = { source: 'clinic', pageSize: 3, concurrency: 1, overlap: false };
    await expect(
      importPath(fresh.db, path, {
        ...options,
        hooks: {
          beforeCommit: (page) => {
            if (page === 2) throw new Crash('disk full while writing page 2');
          },
        },
      }),
    ).rejects.toThrow(Crash);
    // Pages 0 and 1 (six records, in file order) are in; page 2's writes were rolled back.
    const firstSix = RECORDS.slice(0, 6)
      .map((r) => `${r.kind}/${r.sourceId}`)
      .sort();
    expect((await stored(fresh.db)).map((d) => d.key)).toEqual(firstSix);
    expect(await findFileImport(fresh.db, { source: 'clinic', path })).toMatchObject({
      state: 'applying',
    });
    const [failed] = await latestRuns(fresh.db, 1);
    expect(failed).toMatchObject({
      kind: 'import',
      status: 'failed',
      error: 'disk full while writing page 2',
    });

    const resumed = await importPath(fresh.db, path, options);
    expect(resumed.files[0]).toMatchObject({
      resumedPages: 2,
      added: 11,
      changed: 0,
      unchanged: 0,
    });
    expect(await stored(fresh.db)).toEqual(EXPECTED);
    expect(await findFileImport(fresh.db, { source: 'clinic', path })).toMatchObject({
      state: 'applied',
    });
  });

  it('a crash between pages (after a commit) loses nothing and repeats nothing, pages in flight or not', async () => {
    const { fresh, folder } = await scene();
    const path = folder.write('clinic.jsonl', RECORDS);
    const options = { source: 'clinic', pageSize: 3, concurrency: 2, overlap: false };
    await expect(
      importPath(fresh.db, path, {
        ...options,
        hooks: {
          afterCommit: (page) => {
            if (page === 1) throw new Crash('killed');
          },
        },
      }),
    ).rejects.toThrow('killed');
    // Pages 0 and 1 are in, and whichever later pages were in flight on the second connection
    // (page 2, page 3, both or neither: they commit in any order), each whole or not at all.
    const pageKeys = [0, 1, 2, 3].map((n) =>
      RECORDS.slice(n * 3, n * 3 + 3).map((r) => `${r.kind}/${r.sourceId}`),
    );
    const keys = new Set((await stored(fresh.db)).map((d) => d.key));
    const whole = pageKeys.filter((page) => page.every((k) => keys.has(k)));
    expect(whole.length).toBeGreaterThanOrEqual(2);
    expect(whole.slice(0, 2)).toEqual(pageKeys.slice(0, 2));
    expect(whole.flat().length).toBe(keys.size); // no part-written page

    const resumed = await importPath(fresh.db, path, options);
    expect(resumed.files[0]!.resumedPages).toBe(whole.length);
    expect(resumed.totals).toMatchObject({ added: 11, changed: 0, unchanged: 0, rejected: 0 });
    expect(await stored(fresh.db)).toEqual(EXPECTED);

    // And once settled, importing the same bytes again is a no-op, not a resume.
    const again = await importPath(fresh.db, path, options);
    expect(again.files[0]).toMatchObject({ resumedPages: 0, added: 0, unchanged: 11 });
  });

  it('a first import whose page meets a key stored meanwhile upserts that page and the rest', async () => {
    const { fresh, folder } = await scene();
    const path = folder.write('clinic.jsonl', RECORDS);
    const options = { source: 'clinic', pageSize: 3, concurrency: 1, overlap: false };
    const report = await importPath(fresh.db, path, {
      ...options,
      hooks: {
        // The source is empty when the apply begins, so pages are tried as plain INSERTs; once
        // page 0 is in, another writer stores I-2, which page 1 holds.
        afterCommit: async (page) => {
          if (page !== 0) return;
          const v = validateDocument(RECORDS[5], { source: 'clinic' });
          if (!v.ok) throw new Error('bad fixture');
          await upsertDocuments(fresh.db, [v.value]);
        },
      },
    });
    expect(report.files[0]).toMatchObject({ added: 10, changed: 0, unchanged: 1, rejected: 0 });
    expect(await stored(fresh.db)).toEqual(EXPECTED);
  });

  it('a changed file is not resumed: it is a new change set', async () => {
    const { fresh, folder } = await scene();
    const path = folder.write('clinic.jsonl', RECORDS);
    const crashAt1 = {
      beforeCommit: (p: number) => {
        if (p === 1) throw new Crash('x');
      },
    };
    const options = { source: 'clinic', pageSize: 3, concurrency: 1, overlap: false };
    await expect(importPath(fresh.db, path, { ...options, hooks: crashAt1 })).rejects.toThrow();
    folder.write('clinic.jsonl', [...RECORDS, contact('P-5')]);
    const report = await importPath(fresh.db, path, options);
    // Page 0 (3 contacts) was in; everything is applied again, as one new change set.
    expect(report.files[0]).toMatchObject({ resumedPages: 0, added: 9, unchanged: 3 });
  });
});
