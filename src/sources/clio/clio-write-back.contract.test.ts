import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/support/backends.js';
import type { ContactEdit } from '../../ledger/index.js';
import { openSource } from '../pull/pull-source.js';
import type { SourceConnection } from '../source.js';
import { clioSource } from './index.js';
import { FIRM, KEY, firmWorld, type FirmWorld } from './test-support.js';

/** Contacts edited in Xero written back to Clio (FEATURES C3): the latest edit wins. */
describe.each(BACKENDS)('writing contacts back to Clio on %s', (backend) => {
  let w: FirmWorld | undefined;
  afterEach(async () => {
    await w?.dispose();
    w = undefined;
  });

  async function connect(world: FirmWorld, fetcher?: typeof fetch): Promise<SourceConnection> {
    const { connection } = await openSource({
      db: world.db,
      key: KEY,
      source: world.source,
      definition: clioSource,
      options: {
        baseUrl: world.baseUrl,
        overlapMs: 0,
        retryDelaysMs: [5],
        ...(fetcher ? { fetch: fetcher } : {}),
      },
    });
    return connection;
  }

  const edit = (sourceId: number, fields: ContactEdit['fields'], editedAt = new Date()) => ({
    sourceId: String(sourceId),
    pmsUpdatedAt: '2026-01-01T00:00:00Z',
    editedAt: editedAt.toISOString(),
    fields,
  });

  it("writes a company's name, e-mail and tax number with If-Match; the next pull brings them", async () => {
    w = await firmWorld(backend);
    await w.pull();
    const id = w.seed!.contacts.northwind;
    const before = w.emulator.control.get(FIRM, 'contacts', id)!;
    const outcome = await (
      await connect(w)
    ).writeContact!(
      edit(id, {
        name: 'Northwind Traders Ltd',
        email: 'ap@northwind.example',
        taxNumber: '51 824 753 557',
      }),
    );
    expect(outcome).toEqual({ kind: 'written', fields: ['name', 'email', 'taxNumber'] });
    const after = w.emulator.control.get(FIRM, 'contacts', id)!;
    expect(after).toMatchObject({
      name: 'Northwind Traders Ltd',
      primary_email_address: 'ap@northwind.example',
      sales_tax_number: '51 824 753 557',
    });
    expect(after.etag).not.toBe(before.etag);
    const report = await w.pull();
    expect(report.counts.changed).toBeGreaterThanOrEqual(1);
    const [doc] = (await w.documents('contact')).filter((d) => d.source_id === String(id));
    expect(doc!.content).toMatchObject({
      name: 'Northwind Traders Ltd',
      email: 'ap@northwind.example',
    });
  });

  it("does not write when the contact changed in Clio after the edit in Xero: Clio's is the latest", async () => {
    w = await firmWorld(backend);
    const id = w.seed!.contacts.otaki;
    const xeroEditedAt = new Date(Date.now() - 60_000);
    w.emulator.control
      .practice(FIRM)
      .editContact({ contactId: id, patch: { name: 'Ōtaki Holdings' } });
    const outcome = await (
      await connect(w)
    ).writeContact!(edit(id, { email: 'new@otaki.example' }, xeroEditedAt));
    expect(outcome.kind).toBe('superseded');
    expect(w.emulator.control.get(FIRM, 'contacts', id)).toMatchObject({
      name: 'Ōtaki Holdings',
      primary_email_address: 'office@otaki.example',
    });
  });

  it("a 412 (edited in Clio between the read and the write) leaves Clio's edit in place", async () => {
    w = await firmWorld(backend);
    const world = w;
    const id = world.seed!.contacts.otaki;
    // A practice user saves the contact just before our PATCH arrives: its If-Match is stale.
    const racing: typeof fetch = async (input, init) => {
      if (init?.method === 'PATCH')
        world.emulator.control
          .practice(FIRM)
          .editContact({ contactId: id, patch: { name: 'Ōtaki Group' } });
      return fetch(input, init);
    };
    const outcome = await (
      await connect(world, racing)
    ).writeContact!(edit(id, { email: 'new@otaki.example' }));
    expect(outcome.kind).toBe('superseded');
    expect(world.emulator.control.get(FIRM, 'contacts', id)).toMatchObject({
      name: 'Ōtaki Group',
      primary_email_address: 'office@otaki.example',
    });
  });

  it("refuses a person's name (Clio makes it from first and last names) and a value Clio refuses", async () => {
    w = await firmWorld(backend);
    const connection = await connect(w);
    const person = await connection.writeContact!(
      edit(w.seed!.contacts.chen, { name: 'Maria Chen-Li' }),
    );
    expect(person).toMatchObject({ kind: 'refused' });
    expect((person as { message: string }).message).toMatch(/first and last names/);
    const bad = await connection.writeContact!(
      edit(w.seed!.contacts.otaki, { email: 'not an address' }),
    );
    expect(bad).toMatchObject({ kind: 'refused' });
    expect((bad as { message: string }).message).toMatch(
      /Clio refused the change: .*not an email address/,
    );
    expect(w.emulator.control.get(FIRM, 'contacts', w.seed!.contacts.chen)).toMatchObject({
      name: 'Maria Chen',
    });
  });
});
