/**
 * The queries issue 19 reshaped for 1,000,000 documents (migration 0016), on both backends: the
 * contact search matches the starts of name words, the overview's pushed count stops at its bound,
 * and the latest run per target is found by the skip scan, NULL source or organisation included.
 * Their speed is measured by `npm run bench -- dashboard-scale`, never here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type FreshDatabase } from '../../test/support/backends.js';
import { exampleContact, exampleInvoice } from '../ledger/test-support/examples.js';
import { validateDocument } from '../ledger/index.js';
import { upsertDocuments } from './documents-repo.js';
import { contactQuery, searchDocuments } from './documents-search.js';
import { countPushedByTarget, saveLinks } from './links-repo.js';
import { upsertOrganisation } from './organisations-repo.js';
import { finishRun, latestRunsByTarget, startRun } from './runs-repo.js';
import { ensureSource } from './sources-repo.js';

const TENANT = 'tenant-q';

const valid = (d: Record<string, unknown>) => {
  const v = validateDocument(d);
  if (!v.ok) throw new Error(JSON.stringify(v.error));
  return v.value;
};

describe.each(BACKENDS)('dashboard queries on %s', (backend) => {
  let fresh: FreshDatabase;
  beforeAll(async () => {
    fresh = await freshDatabase(backend);
    const { db } = fresh;
    await upsertOrganisation(db, { tenantId: TENANT, name: 'Q', connectionKind: 'oauth' });
    await ensureSource(db, 'clinic', 'file');
    const other = { ...exampleContact, sourceId: 'P-2', name: "Sam O'Neil-Chen" };
    const invoices = [1, 2, 3].map((n) => ({
      ...exampleInvoice,
      sourceId: `INV-ID-${n}`,
      number: `INV-${n}`,
      contactId: n === 3 ? 'P-2' : exampleContact.sourceId,
    }));
    await upsertDocuments(db, [exampleContact, other, ...invoices].map(valid));
    await saveLinks(
      db,
      invoices.map((i, n) => ({
        source: 'clinic',
        kind: 'invoice' as const,
        sourceId: i.sourceId,
        tenantId: TENANT,
        xeroId: `x-${n}`,
        pushedHash: 'h',
      })),
    );
  });
  afterAll(async () => fresh.dispose());

  const numbersFor = async (contact: string) =>
    (await searchDocuments(fresh.db, { contact, limit: 10 })).map((d) => d.number ?? d.contact);

  it('finds a contact and its documents by the start of any word of the name, any case', async () => {
    expect(await numbersFor('MOR')).toEqual(['Alex Morgan', 'INV-1', 'INV-2']);
    expect(await numbersFor('alex morg')).toEqual(['Alex Morgan', 'INV-1', 'INV-2']);
    expect(await numbersFor('chen')).toEqual(["Sam O'Neil-Chen", 'INV-3']);
    expect(await numbersFor('organ')).toEqual([]);
    expect(await numbersFor("' & !")).toEqual([]);
    expect(contactQuery("o'neil & x")).toBe('o:* & neil:* & x:*');
  });

  it('combines the filters given and pages on the key', async () => {
    const first = await searchDocuments(fresh.db, { contact: 'alex', kind: 'invoice', limit: 1 });
    expect(first.map((d) => d.number)).toEqual(['INV-1']);
    const next = await searchDocuments(fresh.db, {
      contact: 'alex',
      kind: 'invoice',
      after: first[0],
      limit: 5,
    });
    expect(next.map((d) => [d.number, d.pushed])).toEqual([['INV-2', 1]]);
    expect(
      await searchDocuments(fresh.db, { number: 'INV-3', from: '2026-11-02', limit: 5 }),
    ).toHaveLength(1);
  });

  it('counts pushed documents per source and organisation up to the bound', async () => {
    expect(await countPushedByTarget(fresh.db)).toEqual([
      { source: 'clinic', tenantId: TENANT, count: 3, more: false },
    ]);
    expect(await countPushedByTarget(fresh.db, 2)).toEqual([
      { source: 'clinic', tenantId: TENANT, count: 2, more: true },
    ]);
  });

  it('finds the latest run of each kind per source and organisation, NULLs included', async () => {
    const ids: number[] = [];
    for (const [kind, source, tenant] of [
      ['pull', 'clinic', undefined],
      ['pull', 'clinic', undefined],
      ['sync', undefined, TENANT],
      ['sync', 'clinic', TENANT],
      ['sync', undefined, TENANT],
    ] as const) {
      ids.push(await startRun(fresh.db, kind, source, tenant));
      await finishRun(fresh.db, ids.at(-1)!, 'succeeded', {});
    }
    const latest = (await latestRunsByTarget(fresh.db)).map((r) => r.id).sort((a, b) => a - b);
    expect(latest).toEqual([ids[1], ids[3], ids[4]]);
  });
});
