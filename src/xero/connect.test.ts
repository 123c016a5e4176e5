import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import {
  connectThroughConsent,
  disposeWorlds,
  newWorld,
  TEST_SECRET,
} from '../../test/support/xero-world.js';
import { listOrganisations } from '../store/organisations-repo.js';
import { connectClientCredentials, disconnectOrganisation } from './connect.js';
import { listConnections } from './identity-client.js';
import { resolveScopes } from './scopes.js';
import { deriveSealingKey } from './token-crypto.js';
import { assertSealingKeyFor, readTokenSet, rotateSealingKey } from './token-store.js';

describe.each(BACKENDS)('connecting Xero on %s', (backend) => {
  afterEach(disposeWorlds);

  it('stores every organisation of a consent with one sealed token set', async () => {
    const world = await newWorld({
      backend,
      sandbox: {
        organisations: [
          { name: 'Harbour Physio Pty Ltd', region: 'AU' },
          { name: 'Harbour Law Trust', region: 'AU' },
        ],
      },
    });
    expect(world.organisations.map((o) => o.name).sort()).toEqual([
      'Harbour Law Trust',
      'Harbour Physio Pty Ltd',
    ]);
    expect(new Set(world.organisations.map((o) => o.tokenSetId)).size).toBe(1);
    const orgs = await listOrganisations(world.db);
    expect(orgs.map((o) => o.status)).toEqual(['connected', 'connected']);

    const [row] = await world.db.query<{ sealed: string }>('SELECT sealed FROM xero_token_sets');
    const stored = await readTokenSet(world.db, world.key, world.organisations[0]!.tokenSetId);
    expect(stored.tokens.refreshToken).toBeTruthy();
    expect(row!.sealed).not.toContain(stored.tokens.accessToken);
    expect(row!.sealed).not.toContain(stored.tokens.refreshToken!);
    expect(row!.sealed).toMatch(/^v1\.[0-9a-f]{12}\./);
  });

  it('refuses to run without the key once tokens are stored, and rotates the key', async () => {
    const world = await newWorld({ backend });
    await expect(assertSealingKeyFor(world.db, undefined)).rejects.toMatchObject({
      code: 'LB_SECRET_KEY_MISSING',
    });
    const other = deriveSealingKey('another-secret-key-with-32-chars-or-more');
    await expect(assertSealingKeyFor(world.db, other)).rejects.toMatchObject({
      code: 'LB_SECRET_KEY_WRONG',
    });
    await expect(assertSealingKeyFor(world.db, world.key)).resolves.toBeUndefined();

    expect(await rotateSealingKey(world.db, world.key, other)).toBe(1);
    await expect(assertSealingKeyFor(world.db, other)).resolves.toBeUndefined();
    await expect(
      readTokenSet(world.db, world.key, world.organisations[0]!.tokenSetId),
    ).rejects.toMatchObject({ code: 'LB_SECRET_KEY_WRONG' });
    const back = await readTokenSet(world.db, other, world.organisations[0]!.tokenSetId);
    expect(back.tokens.accessToken).toBeTruthy();
    expect(deriveSealingKey(TEST_SECRET).id).toBe(world.key.id);
  });

  it('a reconnect retires the token set it replaces, so rotate re-seals only the live one', async () => {
    const world = await newWorld({ backend });
    const [again] = await connectThroughConsent(world);
    expect(again!.tokenSetId).not.toBe(world.organisations[0]!.tokenSetId);
    const rows = await world.db.query<{ id: string }>('SELECT id FROM xero_token_sets');
    expect(rows.map((r) => r.id)).toEqual([again!.tokenSetId]);
    const other = deriveSealingKey('another-secret-key-with-32-chars-or-more');
    expect(await rotateSealingKey(world.db, world.key, other)).toBe(1);
    const [org] = await listOrganisations(world.db);
    expect(org).toMatchObject({ status: 'connected' });
  });

  it('an invalid_client answer to the code exchange names XERO_CLIENT_ID and XERO_CLIENT_SECRET', async () => {
    const world = await newWorld({ backend });
    const wrongSecret = { ...world.app, clientSecret: 'not-the-secret' };
    const refused = connectThroughConsent({ ...world, app: wrongSecret });
    await expect(refused).rejects.toMatchObject({
      code: 'LB_XERO_OAUTH_FAILED',
      message: expect.stringContaining('invalid_client') as unknown,
      fix: expect.stringMatching(/XERO_CLIENT_ID.*XERO_CLIENT_SECRET/) as unknown,
    });
    await expect(refused).rejects.not.toMatchObject({
      fix: expect.stringContaining('redirect URI') as unknown,
    });
  });

  it('connects a custom connection with client credentials', async () => {
    const world = await newWorld({ backend });
    const tenantId = world.organisations[0]!.tenantId;
    const app = world.sandbox.control.registerCustomConnection({ tenantId });
    const connected = await connectClientCredentials(
      { ...world, app },
      resolveScopes('granular', { offline: false }),
    );
    expect(connected).toEqual([
      {
        tenantId,
        name: 'Harbour Physio Pty Ltd',
        tokenSetId: expect.stringMatching(/^cc:/) as unknown,
      },
    ]);
    const stored = await readTokenSet(world.db, world.key, connected[0]!.tokenSetId);
    expect(stored.grantType).toBe('client_credentials');
    expect(stored.tokens.refreshToken).toBeUndefined();
  });

  it('disconnects: removes the connection and revokes the consent when it was the last', async () => {
    const world = await newWorld({ backend });
    const { tenantId, tokenSetId } = world.organisations[0]!;
    const access = await world.tokens.accessToken(tokenSetId);
    expect(await disconnectOrganisation(world, tenantId, access)).toEqual({ revoked: true });
    const [org] = await listOrganisations(world.db);
    expect(org).toMatchObject({ status: 'disconnected' });
    expect((await readTokenSet(world.db, world.key, tokenSetId)).status).toBe('revoked');
    await expect(listConnections(world.endpoints, access)).rejects.toMatchObject({
      code: 'LB_XERO_UNAUTHORISED',
    });
  });
});
