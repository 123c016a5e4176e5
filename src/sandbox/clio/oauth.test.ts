import { afterEach, describe, expect, it } from 'vitest';
import { makeManualClock } from '../../time/clock.js';
import type { Harness } from './test-support.js';
import {
  REDIRECT_URI,
  api,
  authorizeRedirect,
  connect,
  pkcePair,
  postToken,
  recordOf,
  startHarness,
} from './test-support.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.emulator.stop();
  h = undefined;
});

describe('Clio emulator: OAuth', () => {
  it('issues 30-day tokens for an authorization code; the token reads who_am_i', async () => {
    h = await startHarness({}, [{ name: 'Harbour Law' }]);
    const token = await connect(h);
    expect(token).toMatchObject({ token_type: 'bearer', expires_in: 2_592_000 });
    expect(token.refresh_token).toEqual(expect.any(String));
    const me = await api(token, 'users/who_am_i.json?fields=id,name');
    expect(me.status).toBe(200);
    expect(recordOf(me)).toMatchObject({ name: 'Avery Quill' });
    expect(me.headers.get('x-api-version')).toBe('4.0.9');
  });

  it('refreshes with a reusable refresh token, and expired access tokens are refused', async () => {
    const clock = makeManualClock();
    h = await startHarness({ clock }, [{ name: 'Harbour Law' }]);
    const token = await connect(h);
    clock.advance(2_592_000_000);
    const expired = await api(token, 'users/who_am_i.json');
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toMatch(/invalid_token/);
    for (let i = 0; i < 2; i++) {
      const answer = await postToken(h, {
        grant_type: 'refresh_token',
        refresh_token: token.refresh_token,
      });
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as Record<string, unknown>;
      expect(body.refresh_token).toBeUndefined();
      expect(body.expires_in).toBe(2_592_000);
      const fresh = { ...token, access_token: String(body.access_token) };
      expect((await api(fresh, 'users/who_am_i.json')).status).toBe(200);
    }
  });

  it('checks PKCE: the right verifier gets tokens, a wrong or missing one does not', async () => {
    h = await startHarness({}, [{ name: 'Harbour Law' }]);
    const { verifier, challenge } = pkcePair();
    const exchange = async (extra: Record<string, string>) => {
      const code = (
        await authorizeRedirect(h!, 'us', {
          code_challenge: challenge,
          code_challenge_method: 'S256',
        })
      ).get('code');
      return postToken(h!, {
        grant_type: 'authorization_code',
        code: code ?? '',
        redirect_uri: REDIRECT_URI,
        ...extra,
      });
    };
    expect((await exchange({ code_verifier: 'wrong' })).status).toBe(400);
    expect((await exchange({})).status).toBe(400);
    expect((await exchange({ code_verifier: verifier })).status).toBe(200);
  });

  it('refuses a code twice, a wrong redirect_uri, a bad client secret', async () => {
    h = await startHarness({}, [{ name: 'Harbour Law' }]);
    const code = (await authorizeRedirect(h)).get('code') ?? '';
    const wrongUri = await postToken(h, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://127.0.0.1:1/elsewhere',
    });
    expect(wrongUri.status).toBe(400);
    const reused = await postToken(h, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
    });
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant' });
    const badClient = await postToken(h, { grant_type: 'refresh_token', client_secret: 'nope' });
    expect(badClient.status).toBe(401);
    const redirect = await authorizeRedirect(h, 'us', { redirect_uri: REDIRECT_URI, state: 's1' });
    expect(redirect.get('state')).toBe('s1');
  });

  it('deauthorize revokes the access and the refresh token', async () => {
    h = await startHarness({}, [{ name: 'Harbour Law' }]);
    const token = await connect(h);
    const answer = await fetch(`${token.base}/oauth/deauthorize`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    expect(answer.status).toBe(200);
    expect((await api(token, 'users/who_am_i.json')).status).toBe(401);
    const refreshed = await postToken(h, {
      grant_type: 'refresh_token',
      refresh_token: token.refresh_token,
    });
    expect(refreshed.status).toBe(400);
  });

  it('keeps each region apart: an EU token is refused at the US address', async () => {
    h = await startHarness({}, [
      { name: 'Harbour Law', region: 'us' },
      { name: 'Dublin Law', region: 'eu' },
    ]);
    const eu = await connect(h, 'eu');
    expect((await api(eu, 'users/who_am_i.json')).status).toBe(200);
    const atUs = await api({ ...eu, base: h.emulator.regionUrl('us') }, 'users/who_am_i.json');
    expect(atUs.status).toBe(401);
    const euCode = (await authorizeRedirect(h, 'eu')).get('code') ?? '';
    const crossed = await postToken(h, {
      grant_type: 'authorization_code',
      code: euCode,
      redirect_uri: REDIRECT_URI,
    });
    expect(crossed.status).toBe(400);
    expect((await authorizeRedirect(h, 'au')).get('error')).toBe('access_denied');
  });

  it('answers a retired X-API-VERSION with 410 and echoes a served one', async () => {
    h = await startHarness({}, [{ name: 'Harbour Law' }]);
    const token = await connect(h);
    const old = await api(token, 'users/who_am_i.json', { headers: { 'x-api-version': '3.0.0' } });
    expect(old.status).toBe(410);
    const pinned = await api(token, 'users/who_am_i.json', {
      headers: { 'x-api-version': '4.0.12' },
    });
    expect(pinned.headers.get('x-api-version')).toBe('4.0.12');
  });
});
