import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type FreshDatabase } from '../../test/support/backends.js';
import { exampleContact, exampleInvoice, examplePayment } from '../ledger/test-support/examples.js';
import { validateDocument, type VersionedDocument } from '../ledger/index.js';
import type { Queryable } from './database.js';
import {
  findLiveDocuments,
  insertFreshDocumentPairs,
  streamLiveDocumentKeys,
  upsertDocumentPairs,
} from './documents-bulk.js';
import { markDocumentsDeleted, upsertDocuments } from './documents-repo.js';
import { DocumentRowsBytes } from './document-rows-bytes.js';
import { PairsBytes } from './pairs-bytes.js';

const versioned = (input: unknown): VersionedDocument => {
  const r = validateDocument(input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
const pairs = (docs: VersionedDocument[]) => docs.map((d) => JSON.stringify([d.hash, d.document]));

/**
 * The rows, with change_seq as its rank: the insert-first path draws sequence values for rows that
 * turn out to exist (a gap, as a rollback leaves), so only the order is the same.
 */
async function rows(db: Queryable) {
  return db.query<Record<string, unknown>>(
    `SELECT source, kind, source_id, entity, status, hash, content, source_updated_at,
            rank() OVER (ORDER BY change_seq)::int AS change_order, deleted_at IS NOT NULL AS deleted
     FROM documents ORDER BY kind, source_id`,
  );
}

describe.each(BACKENDS)('bulk document writes on %s', (backend) => {
  let a: FreshDatabase | undefined;
  let b: FreshDatabase | undefined;
  afterEach(async () => {
    await a?.dispose();
    await b?.dispose();
    a = b = undefined;
  });

  it('classifies and stores a page exactly as upsertDocuments does', async () => {
    a = await freshDatabase(backend);
    b = await freshDatabase(backend);
    const steps = [
      [versioned(exampleContact), versioned(exampleInvoice)],
      [
        versioned({ ...exampleContact, updatedAt: '2026-12-01T00:00:00Z' }), // touched only
        versioned({ ...exampleInvoice, dueDate: '2026-11-30' }), // changed
        versioned(examplePayment), // new
      ],
    ];
    for (const page of steps) {
      const classic = await upsertDocuments(a.db, page);
      const counts = await upsertDocumentPairs(b.db, pairs(page));
      const expected = { inserted: 0, changed: 0, undeleted: 0, unchanged: 0 };
      for (const r of classic) expected[r.outcome]++;
      expect(counts).toEqual(expected);
    }
    const key = { source: 'clinic', kind: 'invoice' as const, sourceId: 'INV-ID-77' };
    await markDocumentsDeleted(a.db, [key]);
    await markDocumentsDeleted(b.db, [key]);
    const back = [versioned(exampleInvoice)];
    expect((await upsertDocuments(a.db, back))[0]?.outcome).toBe('undeleted');
    expect(await upsertDocumentPairs(b.db, pairs(back))).toMatchObject({ undeleted: 1 });
    expect(await rows(b.db)).toEqual(await rows(a.db));
  });

  it('inserts a fresh source exactly as the upsert would, and fails rather than overwrite a stored key', async () => {
    a = await freshDatabase(backend);
    b = await freshDatabase(backend);
    const page = [versioned(exampleContact), versioned(exampleInvoice), versioned(examplePayment)];
    expect(await upsertDocumentPairs(a.db, pairs(page))).toMatchObject({ inserted: 3 });
    expect(await insertFreshDocumentPairs(b.db, pairs(page))).toEqual({
      inserted: 3,
      changed: 0,
      undeleted: 0,
      unchanged: 0,
    });
    expect(await rows(b.db)).toEqual(await rows(a.db));

    const edited = [versioned({ ...exampleInvoice, dueDate: '2026-11-30' })];
    await expect(
      b.db.transaction((tx) => insertFreshDocumentPairs(tx, pairs(edited))),
    ).rejects.toThrow(/duplicate key/);
    expect(await rows(b.db)).toEqual(await rows(a.db));
  });

  it('takes a page assembled as bytes exactly as the page of texts, non-ASCII text included', async () => {
    a = await freshDatabase(backend);
    b = await freshDatabase(backend);
    const accented = { ...exampleContact, name: 'Zoë Ng — Café “Ōtautahi” 😀', sourceId: 'C-é' };
    const page = [versioned(accented), versioned(exampleInvoice)];
    const bytes = new PairsBytes(8); // tiny: grows while the page is assembled
    const asBytes = (texts: string[]) => {
      bytes.reset();
      for (const text of texts) bytes.add(Buffer.from(text, 'utf8'));
      return bytes;
    };
    expect(await insertFreshDocumentPairs(a.db, pairs(page))).toMatchObject({ inserted: 2 });
    expect(await insertFreshDocumentPairs(b.db, asBytes(pairs(page)))).toMatchObject({
      inserted: 2,
    });
    expect(await rows(b.db)).toEqual(await rows(a.db));

    // The upsert sends the page twice (insert-new, then classify): the same bytes both times.
    const next = [
      versioned({ ...exampleInvoice, dueDate: '2026-11-30' }),
      versioned(examplePayment),
    ];
    const fromTexts = await upsertDocumentPairs(a.db, pairs(next));
    expect(fromTexts).toMatchObject({ inserted: 1, changed: 1 });
    expect(await upsertDocumentPairs(b.db, asBytes(pairs(next)))).toEqual(fromTexts);
    expect(await rows(b.db)).toEqual(await rows(a.db));
    const [stored] = await b.db.query<{ name: string }>(
      `SELECT content->>'name' AS name FROM documents WHERE source_id = 'C-é'`,
    );
    expect(stored?.name).toBe(accented.name);
  });

  it('copies a fresh page on the server exactly as the insert stores it; PGlite has no COPY', async () => {
    a = await freshDatabase(backend);
    b = await freshDatabase(backend);
    const accented = { ...exampleContact, name: 'Zoë Ng — Café 😀', sourceId: 'C-é' };
    const page = [versioned(accented), versioned(exampleInvoice), versioned(examplePayment)];
    const copyRows = (docs: VersionedDocument[]) => {
      const rows = new DocumentRowsBytes();
      for (const { document, hash } of docs) {
        const { status } = document as { status?: string };
        rows.add({ ...document, status, hash }, Buffer.from(JSON.stringify(document)));
      }
      return rows;
    };
    await insertFreshDocumentPairs(a.db, pairs(page));
    const copy = (docs: VersionedDocument[]) =>
      b!.db.transaction((tx) => insertFreshDocumentPairs(tx, copyRows(docs)));
    if (backend === 'pglite') {
      await expect(copy(page)).rejects.toThrow(/COPY/);
      return;
    }
    expect(await copy(page)).toMatchObject({ inserted: 3 });
    expect(await rows(b.db)).toEqual(await rows(a.db));
    // A key stored already fails the COPY (and its transaction) rather than overwriting it.
    await expect(copy([versioned({ ...exampleInvoice, dueDate: '2026-11-30' })])).rejects.toThrow(
      /duplicate key/,
    );
    expect(await rows(b.db)).toEqual(await rows(a.db));
  });

  it('leaves a document that arrives identical untouched, and finds and lists live keys', async () => {
    b = await freshDatabase(backend);
    const page = [versioned(exampleContact), versioned(exampleInvoice), versioned(examplePayment)];
    await upsertDocumentPairs(b.db, pairs(page));
    const before = await b.db.query<{ ctid: string }>(
      'SELECT ctid::text FROM documents ORDER BY kind',
    );
    expect(await upsertDocumentPairs(b.db, pairs(page))).toEqual({
      inserted: 0,
      changed: 0,
      undeleted: 0,
      unchanged: 3,
    });
    // Same physical row versions: nothing was rewritten.
    expect(await b.db.query('SELECT ctid::text FROM documents ORDER BY kind')).toEqual(before);

    await markDocumentsDeleted(b.db, [{ source: 'clinic', kind: 'payment', sourceId: 'PAY-9' }]);
    const live = await findLiveDocuments(b.db, 'clinic', [
      { kind: 'contact', sourceId: 'P-1001' },
      { kind: 'payment', sourceId: 'PAY-9' },
      { kind: 'invoice', sourceId: 'nope' },
    ]);
    expect(live).toEqual([{ kind: 'contact', sourceId: 'P-1001' }]);
    const listed: string[] = [];
    for await (const keys of streamLiveDocumentKeys(
      b.db,
      'clinic',
      ['contact', 'invoice', 'payment'],
      1,
    ))
      listed.push(...keys.map((k) => `${k.kind}/${k.sourceId}`));
    expect(listed).toEqual(['contact/P-1001', 'invoice/INV-ID-77']);
  });
});
