import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type FreshDatabase } from '../../test/support/backends.js';
import { exampleContact } from '../ledger/test-support/examples.js';
import { validateDocument } from '../ledger/index.js';
import { upsertDocumentPairs } from './documents-bulk.js';
import { markDocumentsDeleted } from './documents-repo.js';
import { lockSourceDocuments, sourceHasDocuments } from './source-lock.js';

describe.each(BACKENDS)('the source documents lock on %s', (backend) => {
  let fresh: FreshDatabase | undefined;
  afterEach(async () => {
    await fresh?.dispose();
    fresh = undefined;
  });

  it('a source has documents once one is stored, and still when it is deleted', async () => {
    fresh = await freshDatabase(backend);
    const { db } = fresh;
    expect(await sourceHasDocuments(db, 'clinic')).toBe(false);
    const r = validateDocument(exampleContact);
    if (!r.ok) throw new Error('example contact is invalid');
    await upsertDocumentPairs(db, [JSON.stringify([r.value.hash, r.value.document])]);
    expect(await sourceHasDocuments(db, 'clinic')).toBe(true);
    expect(await sourceHasDocuments(db, 'other')).toBe(false);
    const { kind, sourceId } = r.value.document;
    await markDocumentsDeleted(db, [{ source: 'clinic', kind, sourceId }]);
    expect(await sourceHasDocuments(db, 'clinic')).toBe(true);
  });

  // Two transactions at once need two connections: PostgreSQL only (PGlite has one).
  if (backend === 'postgres')
    it('a shared holder waits for the exclusive one; another source does not', async () => {
      fresh = await freshDatabase(backend);
      const { db } = fresh;
      const events: string[] = [];
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let taken!: () => void;
      const exclusiveTaken = new Promise<void>((resolve) => (taken = resolve));
      const exclusive = db.transaction(async (tx) => {
        await lockSourceDocuments(tx, 'clinic', 'exclusive');
        events.push('exclusive clinic');
        taken();
        await held;
        events.push('exclusive clinic ends');
      });
      await exclusiveTaken;
      const shared = db.transaction(async (tx) => {
        await lockSourceDocuments(tx, 'clinic', 'shared');
        events.push('shared clinic');
      });
      await db.transaction(async (tx) => {
        await lockSourceDocuments(tx, 'firm', 'exclusive');
        events.push('exclusive firm');
      });
      release();
      await Promise.all([exclusive, shared]);
      expect(events).toEqual([
        'exclusive clinic',
        'exclusive firm',
        'exclusive clinic ends',
        'shared clinic',
      ]);
    });
});
