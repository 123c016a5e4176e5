import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type FreshDatabase } from '../../test/support/backends.js';
import { exampleContact, exampleInvoice, examplePayment } from '../ledger/test-support/examples.js';
import { validateDocument, type VersionedDocument } from '../ledger/index.js';
import {
  getDocument,
  markDocumentsDeleted,
  streamDocumentsByChange,
  upsertDocuments,
} from './documents-repo.js';

const versioned = (input: unknown): VersionedDocument => {
  const r = validateDocument(input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};

describe.each(BACKENDS)('documents on %s', (backend) => {
  let fresh: FreshDatabase;
  afterEach(async () => fresh?.dispose());

  it('classifies a page as inserted, changed, unchanged and undeleted', async () => {
    fresh = await freshDatabase(backend);
    const { db } = fresh;
    const first = await upsertDocuments(db, [versioned(exampleContact), versioned(exampleInvoice)]);
    expect(first.map((r) => r.outcome)).toEqual(['inserted', 'inserted']);

    const edited = { ...exampleInvoice, dueDate: '2026-11-30', updatedAt: '2026-11-05T00:00:00Z' };
    const touched = { ...exampleContact, updatedAt: '2026-12-01T00:00:00Z' };
    const second = await upsertDocuments(db, [
      versioned(touched),
      versioned(edited),
      versioned(examplePayment),
    ]);
    expect(second.map((r) => [r.kind, r.outcome])).toEqual([
      ['contact', 'unchanged'],
      ['invoice', 'changed'],
      ['payment', 'inserted'],
    ]);

    const key = { source: 'clinic', kind: 'invoice' as const, sourceId: 'INV-ID-77' };
    expect(await markDocumentsDeleted(db, [key])).toBe(1);
    expect(await markDocumentsDeleted(db, [key])).toBe(0);
    expect((await getDocument(db, key))?.deletedAt).toBeInstanceOf(Date);
    const third = await upsertDocuments(db, [versioned(edited)]);
    expect(third[0]?.outcome).toBe('undeleted');
    const stored = await getDocument(db, key);
    expect(stored?.deletedAt).toBeNull();
    expect(stored?.document).toMatchObject({
      kind: 'invoice',
      dueDate: '2026-11-30',
      total: '134.69',
    });
  });

  it('moves the change sequence only when content changes, and streams in change order', async () => {
    fresh = await freshDatabase(backend);
    const { db } = fresh;
    await upsertDocuments(db, [
      versioned(exampleContact),
      versioned(exampleInvoice),
      versioned(examplePayment),
    ]);
    const contactKey = { source: 'clinic', kind: 'contact' as const, sourceId: 'P-1001' };
    const before = (await getDocument(db, contactKey))!.changeSeq;
    await upsertDocuments(db, [
      versioned({ ...exampleContact, updatedAt: '2027-01-01T00:00:00Z' }),
    ]);
    expect((await getDocument(db, contactKey))!.changeSeq).toBe(before);
    await upsertDocuments(db, [versioned({ ...exampleContact, phone: '0400 000 000' })]);
    const after = (await getDocument(db, contactKey))!.changeSeq;
    expect(after).toBeGreaterThan(before);

    const pages: string[][] = [];
    for await (const page of streamDocumentsByChange(db, { pageSize: 2 }))
      pages.push(page.map((d) => d.document.kind));
    expect(pages).toEqual([['invoice', 'payment'], ['contact']]);
    const since: string[] = [];
    for await (const page of streamDocumentsByChange(db, { afterSeq: after - 1 }))
      since.push(...page.map((d) => d.document.sourceId));
    expect(since).toEqual(['P-1001']);
  });

  it('keeps decimals exact through JSON storage', async () => {
    fresh = await freshDatabase(backend);
    await upsertDocuments(fresh.db, [versioned(exampleInvoice)]);
    const stored = await getDocument(fresh.db, {
      source: 'clinic',
      kind: 'invoice',
      sourceId: 'INV-ID-77',
    });
    expect(stored?.document.kind === 'invoice' && stored.document.lines[1]?.unitAmount).toBe(
      '12.3456',
    );
    expect(stored?.hash).toBe(versioned(exampleInvoice).hash);
  });
});
