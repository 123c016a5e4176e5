import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeManualClock } from '../../../time/clock.js';
import type { Exchange } from '../options.js';
import { startXeroSandbox } from '../sandbox.js';
import type { XeroSandbox } from '../sandbox.js';
import { conformanceTest } from '../test-support/conformance.js';
import { REDIRECT_URI, basic, connectApp, form, list, pick, str } from '../test-support/harness.js';

const clock = makeManualClock(Date.UTC(2026, 2, 1, 8, 0, 0));
const exchanges: Exchange[] = [];
let sandbox: XeroSandbox;
let client: { clientId: string; clientSecret: string };
let orgA: string;
let orgB: string;
const FULL_SCOPE =
  'openid profile email offline_access accounting.transactions accounting.settings';

beforeAll(async () => {
  sandbox = await startXeroSandbox({ clock, onExchange: (e) => exchanges.push(e) });
  orgA = sandbox.control.createOrganisation({ name: 'Clinic Pty Ltd', region: 'AU' }).tenantId;
  orgB = sandbox.control.createOrganisation({ name: 'Law Firm Ltd', region: 'NZ' }).tenantId;
  client = sandbox.control.registerClient({ redirectUris: [REDIRECT_URI] });
});
afterAll(() => sandbox.stop());

async function token(
  values: Record<string, string>,
  auth = basic(client.clientId, client.clientSecret),
) {
  const { body, headers } = form(values);
  const res = await fetch(sandbox.urls.token, {
    method: 'POST',
    headers: { ...headers, authorization: auth },
    body,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function apiGet(accessToken: string, tenantId: string | undefined, path = '/Organisation') {
  return fetch(`${sandbox.urls.api}${path}`, {
    headers: {
      authorization: `Bearer ${accessToken}`,
      accept: 'application/json',
      ...(tenantId ? { 'xero-tenant-id': tenantId } : {}),
    },
  });
}

function authorizeUrl(params: Record<string, string>): string {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: REDIRECT_URI,
    scope: FULL_SCOPE,
    state: 'st-1',
    ...params,
  });
  return `${sandbox.urls.authorize}?${query.toString()}`;
}

describe('authorize (auto-consent)', () => {
  it('redirects to the redirect_uri with code and state', async () => {
    const res = await fetch(authorizeUrl({}), { redirect: 'manual' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe('st-1');
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('refuses an unknown client and an unregistered redirect_uri', async () => {
    const unknown = await fetch(authorizeUrl({ client_id: 'NOPE' }), { redirect: 'manual' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: 'unauthorized_client' });
    const badRedirect = await fetch(authorizeUrl({ redirect_uri: 'http://evil.example/cb' }), {
      redirect: 'manual',
    });
    expect(badRedirect.status).toBe(400);
    expect(await badRedirect.json()).toMatchObject({ error: 'invalid_request' });
  });
});

describe('token endpoint', () => {
  it('exchanges a code with PKCE for a 30-minute token set', async () => {
    const tokens = await connectApp(sandbox, client, FULL_SCOPE);
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 1800 });
    expect(typeof tokens.refresh_token).toBe('string');
    expect(typeof tokens.id_token).toBe('string');
    expect(String(tokens.access_token).split('.')).toHaveLength(3);
  });

  it('checks the PKCE verifier and allows a code once', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const res = await fetch(
      authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }),
      { redirect: 'manual' },
    );
    const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const wrong = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: 'x'.repeat(43),
    });
    expect(wrong).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    const right = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    });
    expect(right.status).toBe(200);
    const again = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: verifier,
    });
    expect(again).toEqual({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses a client with the wrong secret', async () => {
    const res = await token(
      { grant_type: 'refresh_token', refresh_token: 'x' },
      basic(client.clientId, 'wrong'),
    );
    expect(res).toEqual({ status: 400, body: { error: 'invalid_client' } });
  });

  it('issues no refresh token without offline_access', async () => {
    const tokens = await connectApp(sandbox, client, 'accounting.transactions');
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.id_token).toBeUndefined();
  });

  it('rotates refresh tokens and honours the 30-minute grace for the previous one', async () => {
    const first = await connectApp(sandbox, client, FULL_SCOPE);
    const old = String(first.refresh_token);
    const rotated = await token({ grant_type: 'refresh_token', refresh_token: old });
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(old);
    clock.advance(29 * 60_000);
    const inGrace = await token({ grant_type: 'refresh_token', refresh_token: old });
    expect(inGrace.status).toBe(200);
    clock.advance(2 * 60_000);
    const late = await token({ grant_type: 'refresh_token', refresh_token: old });
    expect(late).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    const newest = await token({
      grant_type: 'refresh_token',
      refresh_token: String(inGrace.body.refresh_token),
    });
    expect(newest.status).toBe(200);
  });

  it('expires access tokens after 30 minutes on the clock', async () => {
    const tokens = await connectApp(sandbox, client, FULL_SCOPE);
    const access = String(tokens.access_token);
    expect((await apiGet(access, orgA)).status).toBe(200);
    clock.advance(30 * 60_000);
    const expired = await apiGet(access, orgA);
    expect(expired.status).toBe(401);
    expect(pick(await expired.json(), 'Detail')).toMatch(/^TokenExpired/);
  });

  it('rejects an unsupported grant type', async () => {
    expect(await token({ grant_type: 'password' })).toEqual({
      status: 400,
      body: { error: 'unsupported_grant_type' },
    });
  });
});

describe('custom connections (client_credentials)', () => {
  it('gives a one-organisation token without a refresh token or tenant header', async () => {
    const cc = sandbox.control.registerCustomConnection({ tenantId: orgB });
    const res = await token(
      { grant_type: 'client_credentials', scope: 'accounting.transactions' },
      basic(cc.clientId, cc.clientSecret),
    );
    expect(res.status).toBe(200);
    expect(res.body.refresh_token).toBeUndefined();
    const org = await apiGet(String(res.body.access_token), undefined);
    expect(org.status).toBe(200);
    expect(pick(await org.json(), 'Organisations.0.OrganisationID')).toBe(orgB);
    expect((await apiGet(String(res.body.access_token), orgA)).status).toBe(403);
  });

  it('refuses client_credentials for an ordinary app', async () => {
    const res = await token({ grant_type: 'client_credentials' });
    expect(res).toEqual({ status: 400, body: { error: 'unauthorized_client' } });
  });
});

describe('connections and revocation', () => {
  it('lists several organisations with the Connection shape, filters by authEventId, deletes one', async () => {
    const tokens = await connectApp(sandbox, client, FULL_SCOPE);
    const access = String(tokens.access_token);
    const res = await fetch(sandbox.urls.connections, {
      headers: { authorization: `Bearer ${access}` },
    });
    const connections = (await res.json()) as unknown[];
    expect(connections.map((c) => str(c, 'tenantName')).sort()).toEqual([
      'Clinic Pty Ltd',
      'Law Firm Ltd',
    ]);
    expect(connections[0]).toMatchObject({ tenantType: 'ORGANISATION' });
    const authEventId = str(connections[0], 'authEventId');
    const filtered = await fetch(`${sandbox.urls.connections}?authEventId=${authEventId}`, {
      headers: { authorization: `Bearer ${access}` },
    });
    expect(list({ l: await filtered.json() }, 'l')).toHaveLength(2);
    const toDelete = connections.find((c) => str(c, 'tenantId') === orgB);
    const del = await fetch(`${sandbox.urls.connections}/${str(toDelete, 'id')}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${access}` },
    });
    expect(del.status).toBe(204);
    expect((await apiGet(access, orgB)).status).toBe(403);
    expect((await apiGet(access, orgA)).status).toBe(200);
    const again = await fetch(`${sandbox.urls.connections}/${str(toDelete, 'id')}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${access}` },
    });
    expect(again.status).toBe(404);
  });

  it('revokes a refresh token: the token set and its connections end', async () => {
    const tokens = await connectApp(sandbox, client, FULL_SCOPE);
    const { body, headers } = form({ token: String(tokens.refresh_token) });
    const res = await fetch(sandbox.urls.revocation, {
      method: 'POST',
      headers: { ...headers, authorization: basic(client.clientId, client.clientSecret) },
      body,
    });
    expect(res.status).toBe(200);
    expect(
      await token({ grant_type: 'refresh_token', refresh_token: String(tokens.refresh_token) }),
    ).toEqual({ status: 400, body: { error: 'invalid_grant' } });
    expect((await apiGet(String(tokens.access_token), orgA)).status).toBe(401);
  });

  it('answers JSON only to a request that asks for it (Xero answers XML otherwise)', async () => {
    const tokens = await connectApp(sandbox, client, FULL_SCOPE);
    const res = await fetch(`${sandbox.urls.api}/Organisation`, {
      headers: { authorization: `Bearer ${String(tokens.access_token)}`, 'xero-tenant-id': orgA },
    });
    expect(res.status).toBe(406);
  });

  it('needs a tenant id the app is connected to', async () => {
    const tokens = await connectApp(sandbox, client, FULL_SCOPE);
    const missing = await apiGet(String(tokens.access_token), undefined);
    expect(missing.status).toBe(403);
    expect(pick(await missing.json(), 'Detail')).toBe('AuthenticationUnsuccessful');
  });
});

describe('configurable token lifetime', () => {
  it('uses accessTokenLifetimeSeconds', async () => {
    const short = await startXeroSandbox({ clock, accessTokenLifetimeSeconds: 60 });
    try {
      short.control.createOrganisation({ name: 'Short', region: 'UK' });
      const c = short.control.registerClient({ redirectUris: [REDIRECT_URI] });
      const tokens = await connectApp(short, c, 'offline_access accounting.transactions');
      expect(tokens.expires_in).toBe(60);
    } finally {
      await short.stop();
    }
  });
});

conformanceTest(() => exchanges);
