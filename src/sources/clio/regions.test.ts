import { describe, expect, it } from 'vitest';
import { clioAuthorizeUrl } from './oauth.js';
import { parseRegion, regionRoot } from './regions.js';

describe("Clio's regions", () => {
  it("sends each region's consent to its own host, with a PKCE S256 challenge", () => {
    const app = { clientId: 'app-1', clientSecret: 's' };
    const p = { redirectUri: 'http://127.0.0.1:5007/callback', state: 'st', challenge: 'ch' };
    const hosts = (['us', 'eu', 'ca', 'au'] as const).map(
      (r) => new URL(clioAuthorizeUrl(app, r, p)).host,
    );
    expect(hosts).toEqual([
      'app.clio.com',
      'eu.app.clio.com',
      'ca.app.clio.com',
      'au.app.clio.com',
    ]);
    const url = new URL(clioAuthorizeUrl(app, 'eu', p));
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: 'app-1',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
      state: 'st',
    });
  });

  it('puts each region under the emulator address when CLIO_BASE_URL is set', () => {
    expect(regionRoot('au', 'http://127.0.0.1:4000/')).toBe('http://127.0.0.1:4000/au');
  });

  it('refuses a region Clio does not have, naming the four', () => {
    expect(parseRegion(' EU ')).toBe('eu');
    expect(() => parseRegion('uk')).toThrow(/not one of us, eu, ca, au/);
  });
});
