import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { disposeWorlds, newWorld, REDIRECT_URI } from '../../test/support/xero-world.js';
import { listOrganisations } from '../store/organisations-repo.js';
import { xeroOAuthRoutes } from './xero-oauth-routes.js';

describe.each(BACKENDS)('web routes for connecting Xero on %s', (backend) => {
  afterEach(disposeWorlds);

  it('redirects to Xero with PKCE, accepts its callback once, and refuses a forged state', async () => {
    const world = await newWorld({
      backend,
      sandbox: {
        organisations: [
          { name: 'Harbour Physio Pty Ltd', region: 'AU' },
          { name: 'Harbour Law', region: 'NZ' },
        ],
      },
    });
    await world.db.query('DELETE FROM organisations'); // start unconnected
    const app = xeroOAuthRoutes({
      deps: world,
      redirectUri: REDIRECT_URI,
      scopes: 'granular',
      afterConnect: '/?connected=1',
    });

    const start = await app.request('/connect/xero');
    expect(start.status).toBe(302);
    const consent = new URL(start.headers.get('location')!);
    expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
    expect(consent.searchParams.get('scope')).toContain('accounting.invoices');

    const toXero = await fetch(consent, { redirect: 'manual' });
    const callback = new URL(toXero.headers.get('location')!);
    const forged = await app.request(
      `/connect/xero/callback?code=${callback.searchParams.get('code')}&state=forged`,
    );
    expect(forged.status).toBe(400);
    const done = await app.request(`/connect/xero/callback${callback.search}`);
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/?connected=1');
    expect((await listOrganisations(world.db)).map((o) => o.name).sort()).toEqual([
      'Harbour Law',
      'Harbour Physio Pty Ltd',
    ]);
    const replay = await app.request(`/connect/xero/callback${callback.search}`);
    expect(replay.status).toBe(400);
  });
});
