import { afterEach, describe, expect, it } from 'vitest';
import { makeManualClock } from '../../time/clock.js';
import type { Harness } from './test-support.js';
import {
  api,
  authorizeCode,
  connect,
  pkcePair,
  postToken,
  REDIRECT_URI,
  startHarness,
} from './test-support.js';

const TWO_ORGS = [
  { name: 'Harbour Law', orgkey: 'harbourlaw', seedLawFirm: true },
  { name: 'Ridge Legal', orgkey: 'ridgelegal', seedLawFirm: true },
];

let h: Harness | undefined;
afterEach(async () => {
  await h?.emulator.stop();
  h = undefined;
});

describe('Actionstep emulator OAuth', () => {
  it('answers the code exchange with the token, api_endpoint and orgkey of the organisation signed in', async () => {
    h = await startHarness({}, TWO_ORGS);
    const first = await connect(h, 'harbourlaw');
    const second = await connect(h, 'ridgelegal');
    expect(first).toMatchObject({ token_type: 'bearer', expires_in: 3600, orgkey: 'harbourlaw' });
    expect(Object.keys(first).sort()).toEqual(
      [
        'access_token',
        'api_endpoint',
        'expires_in',
        'orgkey',
        'refresh_token',
        'token_type',
      ].sort(),
    );
    expect(first.api_endpoint).toBe(`${h.emulator.url}/orgs/harbourlaw/api/`);
    expect(second.api_endpoint).toBe(`${h.emulator.url}/orgs/ridgelegal/api/`);
    expect(h.emulator.apiEndpoint('ridgelegal')).toBe(second.api_endpoint);
  });

  it('accepts a token only at its own organisation’s api_endpoint', async () => {
    h = await startHarness({}, TWO_ORGS);
    const harbour = await connect(h, 'harbourlaw');
    const ridge = await connect(h, 'ridgelegal');
    expect((await api(harbour, 'divisions')).status).toBe(200);
    const crossed = await api(harbour, 'divisions', { endpoint: ridge.api_endpoint });
    expect(crossed.status).toBe(401);
    expect(crossed.headers.get('www-authenticate')).toContain('Bearer');
    expect(crossed.body).toEqual({
      errors: [
        {
          status: 401,
          title: 'Unauthorized',
          detail: 'The access token is not valid for this api_endpoint.',
        },
      ],
    });
    const none = await fetch(`${harbour.api_endpoint}rest/divisions`);
    expect(none.status).toBe(401);
  });

  it('expires access tokens after the documented 60 minutes and rotates refresh tokens', async () => {
    const clock = makeManualClock(Date.UTC(2026, 2, 2, 0, 0, 0));
    h = await startHarness({ clock });
    const token = await connect(h);
    clock.advance(3599_000);
    expect((await api(token, 'bills?pageSize=1')).status).toBe(200);
    clock.advance(1_000);
    expect((await api(token, 'bills?pageSize=1')).status).toBe(401);
    const refreshed = await postToken(h, {
      grant_type: 'refresh_token',
      refresh_token: token.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as typeof token;
    expect(next.refresh_token).not.toBe(token.refresh_token);
    expect(next.api_endpoint).toBe(token.api_endpoint);
    expect((await api(next, 'bills?pageSize=1')).status).toBe(200);
    const reused = await postToken(h, {
      grant_type: 'refresh_token',
      refresh_token: token.refresh_token,
    });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a refresh token after its 21 days', async () => {
    const clock = makeManualClock(Date.UTC(2026, 2, 2));
    h = await startHarness({ clock });
    const token = await connect(h);
    clock.advance(21 * 86_400_000);
    const answer = await postToken(h, {
      grant_type: 'refresh_token',
      refresh_token: token.refresh_token,
    });
    expect(answer.status).toBe(400);
  });

  it('uses a code once, checks redirect_uri, the client secret and (when sent) PKCE S256', async () => {
    h = await startHarness();
    const code = await authorizeCode(h);
    const wrongUri = await postToken(h, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://127.0.0.1:9/other',
    });
    expect(wrongUri.status).toBe(400);
    const reused = await postToken(h, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
    });
    expect(reused.status).toBe(400);
    const badSecret = await fetch(h.emulator.urls.token, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${h.app.clientId}:nope`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'x' }),
    });
    expect(badSecret.status).toBe(401);
    const { verifier, challenge } = pkcePair();
    const pkceCode = await authorizeCode(h, {
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const grant = { grant_type: 'authorization_code', redirect_uri: REDIRECT_URI };
    expect((await postToken(h, { ...grant, code: pkceCode, code_verifier: 'x' })).status).toBe(400);
    const pkceCode2 = await authorizeCode(h, {
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const basic = await fetch(h.emulator.urls.token, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${h.app.clientId}:${h.app.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ ...grant, code: pkceCode2, code_verifier: verifier }),
    });
    expect(basic.status).toBe(200);
  });

  it('limits a token to its scope', async () => {
    h = await startHarness();
    const code = await authorizeCode(h, { scope: 'bills participants' });
    const answer = await postToken(h, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
    });
    const token = (await answer.json()) as Awaited<ReturnType<typeof connect>>;
    expect((await api(token, 'bills')).status).toBe(200);
    expect((await api(token, 'actions')).status).toBe(403);
  });
});
