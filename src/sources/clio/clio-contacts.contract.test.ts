import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/support/backends.js';
import { FIRM, firmWorld, type FirmWorld } from './test-support.js';

describe.each(BACKENDS)('Clio contacts deleted or merged away on %s', (backend) => {
  let w: FirmWorld | undefined;
  afterEach(async () => {
    await w?.dispose();
    w = undefined;
  });

  it('a full pull marks vanished contacts deleted; a merged contact’s bills follow the survivor', async () => {
    w = await firmWorld(backend);
    const seed = w.seed!;
    const practice = w.emulator.control.practice(FIRM);
    const stray = practice.createContact({ type: 'Person', firstName: 'Sam', lastName: 'Stray' });
    await w.pull();
    const billsOf = async (contactId: number) =>
      (await w!.documents('invoice'))
        .filter((d) => d.content.contactId === String(contactId))
        .map((d) => d.source_id);
    const otakiBills = await billsOf(seed.contacts.otaki);
    expect(otakiBills.length).toBeGreaterThan(0);

    practice.mergeContacts({ keepId: seed.contacts.northwind, mergeId: seed.contacts.otaki });
    practice.deleteContact({ contactId: stray });
    // Clio lists nothing deleted: an ordinary pull moves the bills (they changed) but cannot
    // know the two contacts are gone.
    const incremental = await w.pull();
    expect(incremental.counts).toMatchObject({ deleted: 0, rejected: 0 });
    expect(await billsOf(seed.contacts.otaki)).toEqual([]);
    expect(await billsOf(seed.contacts.northwind)).toEqual(expect.arrayContaining(otakiBills));
    const live = async () =>
      (await w!.documents('contact')).filter((c) => !c.deleted).map((c) => Number(c.source_id));
    expect(await live()).toEqual(expect.arrayContaining([seed.contacts.otaki, stray]));

    const full = await w.pull({ full: true });
    expect(full.status).toBe('succeeded');
    expect(full.counts).toMatchObject({ deleted: 2, added: 0, changed: 0, rejected: 0 });
    expect((await live()).sort()).toEqual(
      [seed.contacts.chen, seed.contacts.northwind, seed.contacts.haddad].sort(),
    );
    // Nothing else is lost, and a second full pull finds nothing more gone.
    const again = await w.pull({ full: true });
    expect(again.counts).toMatchObject({ deleted: 0, added: 0, changed: 0 });
  });
});
