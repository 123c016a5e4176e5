import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { disposeWorlds, newWorld, type XeroWorld } from '../../test/support/xero-world.js';
import { listOrganisations } from '../store/organisations-repo.js';
import { openPostgresDatabase } from '../store/postgres-database.js';
import { drawsFor } from '../sandbox/xero/faults.js';
import { makeManualClock } from '../time/clock.js';
import { revokeToken } from './identity-client.js';
import { makeTokenManager } from './token-manager.js';
import { readTokenSet } from './token-store.js';

const tokenCalls = (world: XeroWorld) =>
  Object.values(world.sandbox.control.stats().byEndpoint['POST /connect/token'] ?? {}).reduce(
    (a, b) => a + b,
    0,
  );

describe.each(BACKENDS)('access tokens on %s', (backend) => {
  afterEach(disposeWorlds);

  it('refreshes ahead of expiry and saves the rotated refresh token first', async () => {
    const clock = makeManualClock(Date.UTC(2026, 10, 1));
    const world = await newWorld({ backend, clock });
    const id = world.organisations[0]!.tokenSetId;
    const before = await readTokenSet(world.db, world.key, id);
    const first = await world.tokens.accessToken(id);
    expect(first).toBe(before.tokens.accessToken);
    clock.advance(26 * 60_000); // within 5 minutes of the 30-minute lifetime
    const second = await world.tokens.accessToken(id);
    expect(second).not.toBe(first);
    const after = await readTokenSet(world.db, world.key, id);
    expect(after.tokens.accessToken).toBe(second);
    expect(after.tokens.refreshToken).not.toBe(before.tokens.refreshToken);
  });

  it('uses the refresh token once for ten concurrent refreshes', async () => {
    const clock = makeManualClock(Date.UTC(2026, 10, 1));
    const world = await newWorld({ backend, clock });
    const id = world.organisations[0]!.tokenSetId;
    clock.advance(29 * 60_000);
    const callsBefore = tokenCalls(world);
    // Five callers in this process, and on PostgreSQL five more in a second "process".
    const other = backend === 'postgres' ? await openPostgresDatabase(world.fresh.url!) : world.db;
    try {
      const managers = [world.tokens, makeTokenManager({ ...world, db: other })];
      const tokens = await Promise.all(
        Array.from({ length: 10 }, (_, i) => managers[i % 2]!.accessToken(id)),
      );
      expect(new Set(tokens).size).toBe(1);
      expect(tokenCalls(world) - callsBefore).toBe(1);
    } finally {
      if (other !== world.db) await other.close();
    }
  });

  it('marks the organisations "needs reconnecting" once a revoked grant is refused, without retrying', async () => {
    const clock = makeManualClock(Date.UTC(2026, 10, 1));
    const world = await newWorld({ backend, clock });
    const id = world.organisations[0]!.tokenSetId;
    const stored = await readTokenSet(world.db, world.key, id);
    await revokeToken(world.endpoints, world.app, stored.tokens.refreshToken!);
    clock.advance(31 * 60_000);
    await expect(world.tokens.accessToken(id)).rejects.toMatchObject({
      code: 'LB_XERO_NEEDS_RECONNECT',
    });
    const [org] = await listOrganisations(world.db);
    expect(org).toMatchObject({
      status: 'needs_reconnect',
      statusReason: expect.stringContaining('invalid_grant') as unknown,
    });
    const calls = tokenCalls(world);
    await expect(world.tokens.accessToken(id)).rejects.toMatchObject({
      code: 'LB_XERO_NEEDS_RECONNECT',
    });
    expect(tokenCalls(world)).toBe(calls); // no retry storm
  });

  it('a refused client id or secret names XERO_CLIENT_ID and XERO_CLIENT_SECRET and leaves the organisation connected', async () => {
    const clock = makeManualClock(Date.UTC(2026, 10, 1));
    const world = await newWorld({ backend, clock });
    const id = world.organisations[0]!.tokenSetId;
    const wrongSecret = makeTokenManager({
      ...world,
      app: { ...world.app, clientSecret: 'not-the-secret' },
    });
    clock.advance(31 * 60_000);
    await expect(wrongSecret.accessToken(id)).rejects.toMatchObject({
      code: 'LB_XERO_UNAUTHORISED',
      fix: expect.stringMatching(/XERO_CLIENT_ID.*XERO_CLIENT_SECRET/) as unknown,
    });
    const [org] = await listOrganisations(world.db);
    expect(org).toMatchObject({ status: 'connected' });
  });

  it('a refresh whose connection drops after Xero rotated the token is sent again and the connection stays', async () => {
    const clock = makeManualClock(Date.UTC(2026, 10, 1));
    const world = await newWorld({ backend, clock });
    const id = world.organisations[0]!.tokenSetId;
    // A seed whose first token call drops after the write and whose second goes through.
    const seed = [...Array(1000).keys()].find(
      (s) => drawsFor(s, 0)() < 0.5 && drawsFor(s, 1)() >= 0.5,
    )!;
    world.sandbox.control.setFaults({
      seed,
      rules: [{ kind: 'drop', rate: 0.5, endpoint: 'POST /connect/token', afterWrite: 1 }],
    });
    clock.advance(31 * 60_000);
    const callsBefore = tokenCalls(world);
    const token = await world.tokens.accessToken(id);
    expect(tokenCalls(world) - callsBefore).toBe(2);
    expect(world.sandbox.control.stats().faults.drop).toBe(1);
    const [org] = await listOrganisations(world.db);
    expect(org).toMatchObject({ status: 'connected' });
    expect((await readTokenSet(world.db, world.key, id)).tokens.accessToken).toBe(token);
  });
});
