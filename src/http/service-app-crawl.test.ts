/**
 * The route crawl (issue 18): every route the server registers, with every method, answers
 * 401 / 403 (or a redirect to the sign-in page for a page) without credentials, except the public
 * paths; and every state-changing request with a viewer's key is 403. Built as `serve` builds it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { serverWorld, type ServerWorld } from '../../test/support/server-world.js';
import { createApiKey } from '../auth/api-keys.js';
import { isPublicPath } from './public-paths.js';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A concrete path for a route pattern: each parameter and wildcard filled in. */
const concrete = (path: string) => path.replace(/:[^/]+/g, 'x').replace(/\*/g, 'x');

describe.each(BACKENDS)('the route crawl on %s', (backend) => {
  let world: ServerWorld;
  beforeAll(async () => {
    world = await serverWorld(backend);
  });
  afterAll(async () => world.dispose());

  const targets = () => [
    ...new Set(world.app.routes.map((r) => concrete(r.path)).filter((p) => p !== '/x')),
  ];

  it('finds nothing open without credentials', async () => {
    const paths = targets();
    expect(paths).toEqual(expect.arrayContaining(['/connect/xero', '/me', '/healthz']));
    const open: string[] = [];
    for (const path of paths.filter((p) => !isPublicPath(p)))
      for (const method of METHODS)
        for (const accept of ['application/json', 'text/html']) {
          const res = await world.app.request(path, { method, headers: { accept } });
          const toLogin = res.status === 302 && res.headers.get('location')?.startsWith('/login');
          if (![401, 403].includes(res.status) && !toLogin)
            open.push(`${method} ${path} (${accept}) → ${res.status}`);
        }
    expect(open).toEqual([]);
  });

  it('refuses every state-changing request with a viewer key', async () => {
    const { key } = await createApiKey(world.fresh.db, { role: 'viewer', actor: 'crawl' });
    const allowed: string[] = [];
    for (const path of targets().filter((p) => !isPublicPath(p)))
      for (const method of METHODS.filter((m) => UNSAFE.has(m))) {
        const res = await world.app.request(path, {
          method,
          headers: { authorization: `Bearer ${key}` },
        });
        if (res.status !== 403) allowed.push(`${method} ${path} → ${res.status}`);
      }
    expect(allowed).toEqual([]);
  });

  it('answers the public paths without credentials', async () => {
    expect((await world.app.request('/healthz')).status).toBe(200);
    expect((await world.app.request('/login')).status).toBe(200);
    expect((await world.app.request('/connect/xero/callback?state=forged')).status).toBe(400);
  });
});
