/**
 * The web server as `serve` builds it (service/server-app.ts) on a fresh store and a real queue,
 * with a Xero app configured so the connect routes are mounted too; for the auth and crawl tests.
 */
import { addUser } from '../../src/auth/users.js';
import { makeLogger } from '../../src/log/logger.js';
import type { Hono } from 'hono';
import { loadConfig } from '../../src/config/load-config.js';
import type { AuthEnv } from '../../src/http/principal.js';
import type { JobQueue } from '../../src/queue/job-queue.js';
import { openJobQueue } from '../../src/queue/pg-boss-queue.js';
import { serverApp } from '../../src/service/server-app.js';
import type { Backend, Database } from '../../src/store/database.js';
import { freshDatabase, type FreshDatabase } from './backends.js';
import { TEST_SECRET } from './xero-world.js';

export interface ServerWorld {
  readonly fresh: FreshDatabase;
  readonly queue: JobQueue;
  readonly app: Hono<AuthEnv>;
  dispose(): Promise<void>;
}

export async function serverWorld(backend: Backend): Promise<ServerWorld> {
  const fresh = await freshDatabase(backend);
  const queue = await openJobQueue({
    db: fresh.db,
    ...(fresh.url && { databaseUrl: fresh.url }),
    schedules: false,
  });
  const config = loadConfig({
    env: {
      XERO_CLIENT_ID: 'crawl-client',
      XERO_CLIENT_SECRET: 'crawl-secret',
      LEDGERBRIDGE_SECRET_KEY: TEST_SECRET,
    },
  });
  const app = await serverApp(config, fresh.db, queue, makeLogger({}, 'silent'));
  return {
    fresh,
    queue,
    app,
    dispose: async () => {
      await queue.stop();
      await fresh.dispose();
    },
  };
}

/** A user of `role` added to the world's store and signed in: the session cookie and CSRF token. */
export async function signedInAs(
  app: Hono<AuthEnv>,
  db: Database,
  role: 'admin' | 'accountant' | 'viewer',
  password = 'correct horse battery',
): Promise<{ cookie: string; csrf: string }> {
  const email = `${role}@example.com`;
  await addUser(db, { email, password, role, actor: 't' });
  const res = await app.request('/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const cookie = `lb_session=${/lb_session=([^;]+)/.exec(res.headers.get('set-cookie')!)![1]}`;
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
}
