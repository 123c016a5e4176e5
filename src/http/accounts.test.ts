/**
 * Signing in, sessions, CSRF, throttling, API keys and the first admin, through the server app as
 * `serve` builds it, on both backends.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { serverWorld, type ServerWorld } from '../../test/support/server-world.js';
import { createApiKey, revokeKey } from '../auth/api-keys.js';
import { MAX_PER_ACCOUNT } from '../auth/login-throttle.js';
import { IDLE_MS, principalOfSession } from '../auth/sessions.js';
import { addUser, issueSetupToken } from '../auth/users.js';
import { listAudit } from '../store/audit-repo.js';
import { countUsers } from '../store/users-repo.js';

const PASSWORD = 'correct horse battery';

describe.each(BACKENDS)('accounts and keys on %s', (backend) => {
  let world: ServerWorld;
  beforeEach(async () => {
    world = await serverWorld(backend);
  });
  afterEach(async () => world.dispose());

  const login = (email: string, password: string) =>
    world.app.request('/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
  const cookieOf = (res: Response) =>
    /lb_session=([^;]+)/.exec(res.headers.get('set-cookie')!)![1]!;

  it('the setup token creates the first admin once, then signing in gives a session cookie', async () => {
    const token = (await issueSetupToken(world.fresh.db))!;
    const setup = (body: object) =>
      world.app.request('/setup', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const weak = await setup({ token, email: 'ann@example.com', password: 'short' });
    expect(weak.status).toBe(400);
    expect(await weak.json()).toMatchObject({ code: 'LB_AUTH_PASSWORD_WEAK' });
    expect(await setup({ token, email: 'ann@example.com', password: PASSWORD })).toHaveProperty(
      'status',
      201,
    );
    const again = await setup({ token, email: 'eve@example.com', password: PASSWORD });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ code: 'LB_AUTH_SETUP_INVALID' });
    expect(await countUsers(world.fresh.db)).toBe(1);
    expect(await issueSetupToken(world.fresh.db)).toBeUndefined();

    const res = await login('ANN@example.com', PASSWORD);
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await world.app.request('/me', {
      headers: { cookie: `lb_session=${cookieOf(res)}` },
    });
    expect(await me.json()).toMatchObject({ kind: 'user', name: 'ann@example.com', role: 'admin' });
  });

  it('a state-changing request by cookie needs the session CSRF token', async () => {
    await addUser(world.fresh.db, {
      email: 'ann@example.com',
      password: PASSWORD,
      role: 'admin',
      actor: 'test',
    });
    const res = await login('ann@example.com', PASSWORD);
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    const cookie = `lb_session=${cookieOf(res)}`;
    const without = await world.app.request('/logout', { method: 'POST', headers: { cookie } });
    expect(without.status).toBe(403);
    expect(await without.json()).toMatchObject({ code: 'LB_AUTH_CSRF' });
    const wrong = await world.app.request('/logout', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': 'x'.repeat(43) },
    });
    expect(wrong.status).toBe(403);
    const form = await world.app.request('/logout', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrfToken }).toString(),
    });
    expect(form.status).toBe(303);
    const after = await world.app.request('/me', { headers: { cookie } });
    expect(after.status).toBe(401);
    const actions = (await listAudit(world.fresh.db)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['user.add', 'login', 'logout']));
  });

  it('throttles sign-in after repeated failures for an account, even with the right password', async () => {
    await addUser(world.fresh.db, {
      email: 'ann@example.com',
      password: PASSWORD,
      role: 'viewer',
      actor: 'test',
    });
    for (let i = 0; i < MAX_PER_ACCOUNT; i++) {
      const res = await login('ann@example.com', `wrong password ${i}`);
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'LB_AUTH_LOGIN_FAILED' });
    }
    const throttled = await login('ann@example.com', PASSWORD);
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(await throttled.json()).toMatchObject({ code: 'LB_AUTH_THROTTLED' });
    const audit = (await listAudit(world.fresh.db)).map((a) => a.action);
    expect(audit.filter((a) => a === 'login.failed')).toHaveLength(MAX_PER_ACCOUNT);
    expect(audit).toContain('login.throttled');
  });

  it('ends a session after the idle limit', async () => {
    await addUser(world.fresh.db, {
      email: 'ann@example.com',
      password: PASSWORD,
      role: 'viewer',
      actor: 'test',
    });
    const session = cookieOf(await login('ann@example.com', PASSWORD));
    expect(await principalOfSession(world.fresh.db, session)).toBeDefined();
    expect(
      await principalOfSession(world.fresh.db, session, Date.now() + IDLE_MS + 1000),
    ).toBeUndefined();
    // and it is gone for good, not only for that moment
    expect(await principalOfSession(world.fresh.db, session)).toBeUndefined();
  });

  it('API keys authenticate as Bearer until revoked; a viewer key cannot change anything', async () => {
    const { key, row } = await createApiKey(world.fresh.db, { role: 'viewer', actor: 'test' });
    const bearer = { authorization: `Bearer ${key}` };
    const me = await world.app.request('/me', { headers: bearer });
    expect(await me.json()).toMatchObject({ kind: 'api-key', role: 'viewer' });
    expect((await world.app.request('/connect/xero', { headers: bearer })).status).toBe(403);
    const tampered = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    expect(
      (await world.app.request('/me', { headers: { authorization: `Bearer ${tampered}` } })).status,
    ).toBe(401);
    await revokeKey(world.fresh.db, row.id, 'test');
    expect((await world.app.request('/me', { headers: bearer })).status).toBe(401);
    const actions = (await listAudit(world.fresh.db)).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['api-key.create', 'api-key.revoke']));
  });

  it('an admin key may start connecting Xero', async () => {
    const { key } = await createApiKey(world.fresh.db, { role: 'admin', actor: 'test' });
    const res = await world.app.request('/connect/xero', {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(/code_challenge=/);
  });
});
