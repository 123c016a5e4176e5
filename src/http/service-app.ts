/**
 * The web server's routes: health for load balancers and orchestrators (`/healthz` while the
 * process is up; `/readyz` only when the store and the queue answer, 503 otherwise), signing in,
 * and every other router behind the authentication middleware (authenticate.ts). Public paths are
 * listed in one place (public-paths.ts); `/connect/xero` (starting a Xero consent) needs an admin.
 *
 * @module
 */
import { Hono } from 'hono';
import type { LoginThrottle } from '../auth/login-throttle.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { Database } from '../store/database.js';
import { accountRoutes } from './account-routes.js';
import { authenticate } from './authenticate.js';
import { requirePermission, type AuthEnv } from './principal.js';

export interface ServiceAppOptions {
  readonly db: Database;
  readonly queue: JobQueue;
  /** Routers mounted at the root (connecting Xero, webhooks); public-paths.ts says which paths skip sign-in. */
  readonly routes?: readonly (Hono<AuthEnv> | Hono)[];
  /** The HTTP API (src/api/), mounted at /api behind the authentication. */
  readonly api?: Hono<AuthEnv>;
  /** The dashboard's pages (src/dashboard/), mounted at / behind the authentication. */
  readonly dashboard?: Hono<AuthEnv>;
  /** Session cookies marked Secure (the public URL is https). */
  readonly secureCookie?: boolean;
  readonly throttle?: LoginThrottle;
  /** Sign-in pages (default): a `worker`'s app has none — API keys only. */
  readonly signIn?: boolean;
}

export function serviceApp(options: ServiceAppOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const checks = {
      store: await probe(() => options.db.query('SELECT 1')),
      queue: await probe(() => options.queue.ping()),
    };
    const ready = checks.store === 'ok' && checks.queue === 'ok';
    return c.json({ status: ready ? 'ready' : 'not ready', checks }, ready ? 200 : 503);
  });
  app.use('*', authenticate(options.db));
  if (options.signIn ?? true)
    app.route(
      '/',
      accountRoutes({
        db: options.db,
        secureCookie: options.secureCookie ?? false,
        ...(options.throttle && { throttle: options.throttle }),
      }),
    );
  // Starting a consent connects an organisation: FEATURES S8 gives that to admins only.
  app.use('/connect/xero', requirePermission('admin'));
  for (const routes of options.routes ?? []) app.route('/', routes as Hono<AuthEnv>);
  if (options.api) app.route('/api', options.api);
  if (options.dashboard) app.route('/', options.dashboard);
  return app;
}

async function probe(check: () => Promise<unknown>): Promise<string> {
  try {
    await check();
    return 'ok';
  } catch (error) {
    return (error as Error).message;
  }
}
