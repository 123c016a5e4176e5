/**
 * `ledgerbridge serve`: the web server, the scheduler and a worker in one process.
 * `ledgerbridge worker`: a worker only, beside a `serve` on the same PostgreSQL. Both run until
 * SIGTERM or SIGINT, then take no new job, finish the one in hand and exit 0 (docs/service.md).
 *
 * @module
 */
import { serve as listen, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Config } from '../../config/index.js';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { xeroOAuthRoutes } from '../../http/xero-oauth-routes.js';
import { serviceApp } from '../../http/service-app.js';
import { apiRoutes } from '../../api/api-routes.js';
import type { JobQueue } from '../../queue/job-queue.js';
import { systemClock } from '../../time/clock.js';
import { makeLogger } from '../../log/logger.js';
import { startScheduler } from '../../service/scheduler.js';
import { openServiceRuntime, startWorking } from '../../service/service-runtime.js';
import type { Database } from '../../store/database.js';
import { makeXeroRuntime } from '../../xero/xero-runtime.js';
import type { CommandContext } from '../context.js';

/** Resolves on the first SIGTERM or SIGINT. */
export function stopSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (signal: string) => {
      process.off('SIGTERM', on);
      process.off('SIGINT', on);
      resolve(signal);
    };
    process.on('SIGTERM', on);
    process.on('SIGINT', on);
  });
}

export async function runServe(
  ctx: CommandContext,
  until: Promise<unknown> = stopSignal(),
): Promise<void> {
  const log = makeLogger(ctx.config, 'info');
  const runtime = await openServiceRuntime(ctx.config, log, { schedules: true });
  let server: ServerType | undefined;
  try {
    const routes = await connectRoutes(ctx.config, runtime.db);
    const app = serviceApp({
      db: runtime.db,
      queue: runtime.queue,
      routes,
      api: apiFor(ctx.config, runtime.db, runtime.queue),
    });
    const { host, port } = ctx.config.http;
    const address = await new Promise<{ port: number }>((resolve) => {
      server = listen({ fetch: app.fetch, hostname: host, port }, resolve);
    });
    await startScheduler(runtime.queue);
    await startWorking(runtime, ctx.config, log);
    ctx.out.line(`Serving on http://${host}:${address.port} (${runtime.db.location}).`);
    log.info({ host, port: address.port }, 'serving');
    await until;
    ctx.out.line('Stopping: finishing the job in hand…');
  } finally {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await runtime.stop();
  }
}

export async function runWorker(
  ctx: CommandContext,
  until: Promise<unknown> = stopSignal(),
): Promise<void> {
  if (!ctx.config.databaseUrl)
    throw new LedgerbridgeError(
      'LB_WORKER_NEEDS_POSTGRES',
      `A worker shares the store with \`ledgerbridge serve\`, and the embedded store in ${ctx.config.dataDir} can be open in one process only`,
    );
  const log = makeLogger(ctx.config, 'info');
  const runtime = await openServiceRuntime(ctx.config, log, { schedules: false });
  try {
    await startWorking(runtime, ctx.config, log);
    ctx.out.line(`Working on ${runtime.db.location}.`);
    await until;
    ctx.out.line('Stopping: finishing the job in hand…');
  } finally {
    await runtime.stop();
  }
}

/** Connecting Xero from the browser, when a Xero app is configured. */
async function connectRoutes(config: Config, db: Database): Promise<Hono[]> {
  if (!config.xero.clientId || !config.xero.clientSecret || !config.secretKey) return [];
  const xero = await makeXeroRuntime(config, db);
  const base = config.http.publicUrl ?? `http://${config.http.host}:${config.http.port}`;
  return [
    xeroOAuthRoutes({
      deps: xero,
      redirectUri: new URL('/connect/xero/callback', base).toString(),
      scopes: config.xero.scopes,
    }),
  ];
}

/**
 * The HTTP API (docs/api.md). Xero is reached only when a mapping is checked, so an installation
 * without a Xero app still serves the rest.
 */
function apiFor(config: Config, db: Database, queue: JobQueue) {
  let xero: ReturnType<typeof makeXeroRuntime> | undefined;
  return apiRoutes({
    db,
    clock: systemClock,
    queue,
    organisationSettings: async (tenantId) =>
      (await (xero ??= makeXeroRuntime(config, db))).settings.get(tenantId),
  });
}
