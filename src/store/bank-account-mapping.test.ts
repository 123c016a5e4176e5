import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type FreshDatabase } from '../../test/support/backends.js';
import { listMappings, putMapping } from './mappings-repo.js';
import { upsertOrganisation } from './organisations-repo.js';

describe.each(BACKENDS)('bank account mappings (migration 0006) on %s', (backend) => {
  let fresh: FreshDatabase | undefined;
  afterEach(async () => {
    await fresh?.dispose();
    fresh = undefined;
  });

  it('stores a ledger bank account name against a Xero account code', async () => {
    fresh = await freshDatabase(backend);
    const { db } = fresh;
    await upsertOrganisation(db, { tenantId: 't-1', name: 'Firm', connectionKind: 'oauth' });
    const mapping = { tenantId: 't-1', source: '*', type: 'bank_account' as const };
    await putMapping(db, { ...mapping, key: 'operating', value: '090' });
    const rows = await listMappings(db, 't-1');
    expect(rows.map((r) => [r.type, r.key, r.value])).toEqual([
      ['bank_account', 'operating', '090'],
    ]);
  });
});
