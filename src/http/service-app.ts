/**
 * The web server's routes so far: health for load balancers and orchestrators, and connecting
 * Xero. `/healthz` answers while the process is up; `/readyz` only when the store and the queue
 * answer (503 otherwise, with what failed).
 *
 * @module
 */
import { Hono } from 'hono';
import type { AuthEnv } from './principal.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { Database } from '../store/database.js';

export interface ServiceAppOptions {
  readonly db: Database;
  readonly queue: JobQueue;
  /** Routes mounted at the root (connecting Xero, when a Xero app is configured). */
  readonly routes?: readonly Hono[];
  /** The HTTP API (src/api/), mounted at /api behind the authentication in front of it. */
  readonly api?: Hono<AuthEnv>;
}

export function serviceApp(options: ServiceAppOptions): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const checks = {
      store: await probe(() => options.db.query('SELECT 1')),
      queue: await probe(() => options.queue.ping()),
    };
    const ready = checks.store === 'ok' && checks.queue === 'ok';
    return c.json({ status: ready ? 'ready' : 'not ready', checks }, ready ? 200 : 503);
  });
  for (const routes of options.routes ?? []) app.route('/', routes);
  if (options.api) app.route('/api', options.api);
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
