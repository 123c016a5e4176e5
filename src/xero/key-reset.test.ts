import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { connectThroughConsent, disposeWorlds, newWorld } from '../../test/support/xero-world.js';
import { listMappings, putMapping } from '../store/mappings-repo.js';
import { listOrganisations } from '../store/organisations-repo.js';
import { ensureSource, listRoutes, routeEntity } from '../store/sources-repo.js';
import { disconnectLocally } from './connect.js';
import { planKeyReset, resetUnopenableTokens } from './key-reset.js';
import { deriveSealingKey } from './token-crypto.js';
import { assertSealingKeyFor, readTokenSet, saveTokenSet, tokenSetUsable } from './token-store.js';

const lostKeyReplacement = deriveSealingKey('a-new-secret-after-the-old-one-was-lost');

describe.each(BACKENDS)('keys reset on %s', (backend) => {
  afterEach(disposeWorlds);

  it('drops only the tokens the key cannot open, keeps routes and mappings, and connect works again', async () => {
    const world = await newWorld({ backend });
    const { tenantId, tokenSetId } = world.organisations[0]!;
    await ensureSource(world.db, 'clinic', 'file');
    await routeEntity(world.db, 'clinic', 'default', tenantId);
    await putMapping(world.db, {
      tenantId,
      source: '*',
      type: 'tax_code',
      key: 'GST',
      value: 'OUTPUT',
    });
    // A token set the new key does open stays untouched.
    const tokens = { accessToken: 'a', refreshToken: 'r', expiresAt: Date.now(), scope: 's' };
    await saveTokenSet(world.db, lostKeyReplacement, 'oauth:kept', 'authorization_code', tokens);
    await expect(assertSealingKeyFor(world.db, lostKeyReplacement)).rejects.toMatchObject({
      code: 'LB_SECRET_KEY_WRONG',
    });

    const plan = await planKeyReset(world.db, lostKeyReplacement);
    expect(plan.tokenSets).toEqual([{ id: tokenSetId, keyId: world.key.id }]);
    expect(plan.organisations).toEqual([{ tenantId, name: 'Harbour Physio Pty Ltd' }]);
    expect(await readTokenSet(world.db, world.key, tokenSetId)).toBeTruthy(); // planning changed nothing

    expect(await resetUnopenableTokens(world.db, lostKeyReplacement)).toEqual(plan);
    const ids = await world.db.query<{ id: string }>('SELECT id FROM xero_token_sets');
    expect(ids.map((r) => r.id)).toEqual(['oauth:kept']);
    const [org] = await listOrganisations(world.db);
    expect(org).toMatchObject({ status: 'needs_reconnect' });
    expect(org!.statusReason).toContain('keys reset');
    expect(await listRoutes(world.db)).toEqual([
      expect.objectContaining({ source: 'clinic', entity: 'default', tenantId }),
    ]);
    expect(await listMappings(world.db, tenantId)).toHaveLength(1);
    await expect(assertSealingKeyFor(world.db, lostKeyReplacement)).resolves.toBeUndefined();
    expect((await resetUnopenableTokens(world.db, lostKeyReplacement)).tokenSets).toEqual([]);

    const [again] = await connectThroughConsent({ ...world, key: lostKeyReplacement });
    expect(again).toMatchObject({ tenantId });
    expect(await tokenSetUsable(world.db, lostKeyReplacement, again!.tokenSetId)).toBe(true);
    expect((await listOrganisations(world.db))[0]).toMatchObject({ status: 'connected' });
  });

  it('drops a token set sealed under the current key that fails its integrity check', async () => {
    const world = await newWorld({ backend });
    const { tokenSetId } = world.organisations[0]!;
    // Flip the first character of the ciphertext (every bit of it is used, unlike the last).
    const [row] = await world.db.query<{ sealed: string }>(
      'SELECT sealed FROM xero_token_sets WHERE id = $1',
      [tokenSetId],
    );
    const parts = row!.sealed.split('.');
    parts[4] = (parts[4]!.startsWith('A') ? 'B' : 'A') + parts[4]!.slice(1);
    await world.db.query('UPDATE xero_token_sets SET sealed = $2 WHERE id = $1', [
      tokenSetId,
      parts.join('.'),
    ]);
    await expect(readTokenSet(world.db, world.key, tokenSetId)).rejects.toMatchObject({
      code: 'LB_TOKEN_UNREADABLE',
    });
    const reset = await resetUnopenableTokens(world.db, world.key);
    expect(reset.tokenSets).toEqual([{ id: tokenSetId, keyId: world.key.id }]);
    expect((await listOrganisations(world.db))[0]).toMatchObject({ status: 'needs_reconnect' });
  });

  it('disconnects an organisation whose tokens cannot be opened, here only', async () => {
    const world = await newWorld({ backend });
    const { tenantId, tokenSetId } = world.organisations[0]!;
    expect(await tokenSetUsable(world.db, lostKeyReplacement, tokenSetId)).toBe(false);
    expect(await tokenSetUsable(world.db, world.key, tokenSetId)).toBe(true);
    expect(await disconnectLocally(world.db, tenantId)).toEqual({ droppedTokenSet: true });
    expect((await listOrganisations(world.db))[0]).toMatchObject({ status: 'disconnected' });
    expect(await world.db.query('SELECT id FROM xero_token_sets')).toEqual([]);
    await expect(disconnectLocally(world.db, tenantId)).rejects.toMatchObject({
      code: 'LB_XERO_NOT_CONNECTED',
    });
  });
});
