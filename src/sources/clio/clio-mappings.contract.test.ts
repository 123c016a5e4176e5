import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/support/backends.js';
import { DEFAULT_ENTITY } from '../../ledger/envelope.js';
import { listAudit } from '../../store/audit-repo.js';
import { listMappings, putMapping } from '../../store/mappings-repo.js';
import { upsertOrganisation } from '../../store/organisations-repo.js';
import { routeEntity } from '../../store/sources-repo.js';
import { SOURCE, firmWorld, type FirmWorld } from './test-support.js';

const ROUTED = 'b2b2b2b2-0000-4000-8000-000000000001';
const OTHER = 'b2b2b2b2-0000-4000-8000-000000000002';

describe.each(BACKENDS)("Clio's Xero codes as default mappings on %s", (backend) => {
  let w: FirmWorld | undefined;
  afterEach(async () => {
    await w?.dispose();
    w = undefined;
  });

  it('seeds category → account for the routed organisation once routed, and never replaces a choice', async () => {
    w = await firmWorld(backend);
    const { db } = w;
    for (const tenantId of [ROUTED, OTHER])
      await upsertOrganisation(db, { tenantId, name: tenantId, connectionKind: 'oauth' });
    // Before any route there is no organisation to seed for.
    await w.pull();
    expect(await listMappings(db)).toEqual([]);

    // Clio has no entities of its own: its documents are the ledger's default entity.
    await routeEntity(db, SOURCE, DEFAULT_ENTITY, ROUTED);
    // The bookkeeper's own choice for code 260, for this source only, stays as it is.
    await putMapping(db, {
      tenantId: ROUTED,
      source: SOURCE,
      type: 'category_account',
      key: '260',
      value: '453',
    });
    await w.pull();
    const seeded = (await listMappings(db)).map((m) => [m.tenantId, m.source, m.key, m.value]);
    expect(seeded).toEqual([
      [ROUTED, '*', '200', '200'],
      [ROUTED, SOURCE, '260', '453'],
    ]);
    const audit = (await listAudit(db)).filter((a) => a.action === 'mapping.seed');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'ledgerbridge', source: SOURCE, tenantId: ROUTED });
    expect(audit[0]!.detail).toMatchObject({ key: '200', value: '200' });
    expect(String(audit[0]!.detail?.from)).toContain('Legal advice');

    // Changed by a person afterwards, the mapping is theirs: later pulls leave it alone.
    await putMapping(db, {
      tenantId: ROUTED,
      source: '*',
      type: 'category_account',
      key: '200',
      value: '270',
    });
    await w.pull({ full: true });
    const after = (await listMappings(db)).map((m) => [m.source, m.key, m.value]);
    expect(after).toEqual([
      ['*', '200', '270'],
      [SOURCE, '260', '453'],
    ]);
    expect((await listAudit(db)).filter((a) => a.action === 'mapping.seed')).toHaveLength(1);
  });
});
