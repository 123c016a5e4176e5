import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type FreshDatabase } from '../../test/support/backends.js';
import {
  deleteSourceCredentials,
  markSourceCredentials,
  readSourceCredentials,
} from '../store/source-credentials-repo.js';
import { ensureSource } from '../store/sources-repo.js';
import { beginWebhook, listWebhooks, saveWebhook } from '../store/source-webhooks-repo.js';
import { deriveSealingKey, seal, unseal } from '../xero/token-crypto.js';
import {
  dropSourceCredentials,
  openCredentials,
  rotateSourceCredentials,
  storeCredentials,
  unopenableSources,
} from './credentials.js';

const key = deriveSealingKey('a-test-secret-that-is-long-enough-0001');
const next = deriveSealingKey('a-test-secret-that-is-long-enough-0002');
const API_KEY = 'MS0xLTEtc2VjcmV0LXNlY3JldA-au2';

describe.each(BACKENDS)('source credentials on %s', (backend) => {
  let fresh: FreshDatabase | undefined;
  afterEach(async () => {
    await fresh?.dispose();
    fresh = undefined;
  });

  it('are sealed at rest, opened with the key, re-sealed by rotation, and refused once marked', async () => {
    fresh = await freshDatabase(backend);
    const { db } = fresh;
    await ensureSource(db, 'clinic', 'cliniko');
    await storeCredentials(db, key, 'clinic', { apiKey: API_KEY }, { shard: 'au2' });
    const [row] = await db.query<{ sealed: string }>('SELECT sealed FROM source_credentials');
    expect(row!.sealed).not.toContain(API_KEY);
    expect(await openCredentials(db, key, 'clinic')).toEqual({ apiKey: API_KEY });
    // A webhook's shared secret, sealed beside the credentials, is re-sealed with them.
    await beginWebhook(db, 'clinic', 'bill');
    const hook = { source: 'clinic', model: 'bill', hookId: '1', keyId: key.id };
    await saveWebhook(db, { ...hook, sealedSecret: seal(key, 'hook-secret') }, new Date());

    expect(await rotateSourceCredentials(db, key, next)).toBe(1);
    const [rotated] = await listWebhooks(db, 'clinic');
    expect(unseal(next, rotated!.sealedSecret!)).toBe('hook-secret');
    expect(await rotateSourceCredentials(db, key, next)).toBe(0);
    expect(await openCredentials(db, next, 'clinic')).toEqual({ apiKey: API_KEY });
    await expect(openCredentials(db, key, 'clinic')).rejects.toMatchObject({
      code: 'LB_SECRET_KEY_WRONG',
    });

    await markSourceCredentials(db, 'clinic', 'needs_reconnect', 'HTTP 401');
    await expect(openCredentials(db, next, 'clinic')).rejects.toMatchObject({
      code: 'LB_SOURCE_NEEDS_RECONNECT',
    });
    await storeCredentials(db, next, 'clinic', { apiKey: API_KEY }, { shard: 'au2' });
    expect(await readSourceCredentials(db, 'clinic')).toMatchObject({
      status: 'active',
      account: { shard: 'au2' },
    });
    expect(await deleteSourceCredentials(db, 'clinic')).toBe(true);
    await expect(openCredentials(db, next, 'clinic')).rejects.toMatchObject({
      code: 'LB_SOURCE_NOT_CONNECTED',
    });
  });

  it('a lost key: the credentials it cannot open are found and dropped, the others kept', async () => {
    fresh = await freshDatabase(backend);
    const { db } = fresh;
    await ensureSource(db, 'clinic', 'cliniko');
    await ensureSource(db, 'firm', 'clio');
    await storeCredentials(db, key, 'clinic', { apiKey: API_KEY }, {});
    await storeCredentials(db, next, 'firm', { accessToken: 't' }, {});
    expect(await unopenableSources(db, next)).toEqual(['clinic']);
    await dropSourceCredentials(db, await unopenableSources(db, next));
    expect(await readSourceCredentials(db, 'clinic')).toBeUndefined();
    expect(await openCredentials(db, next, 'firm')).toEqual({ accessToken: 't' });
    expect(await unopenableSources(db, next)).toEqual([]);
  });
});
