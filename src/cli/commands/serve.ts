/**
 * `ledgerbridge serve`: the web server, the scheduler and a worker in one process.
 * `ledgerbridge worker`: a worker only, beside a `serve` on the same PostgreSQL. Both run until
 * SIGTERM or SIGINT, then take no new job, finish the one in hand and exit 0 (docs/service.md).
 *
 * @module
 */
import { serve as listen, type ServerType } from '@hono/node-server';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { announceSetup } from './setup-token.js';
import { hostForServe } from '../warm/server.js';
import { makeLogger } from '../../log/logger.js';
import { serverApp } from '../../service/server-app.js';
import { makeWorkerMetrics, metricsRoutes } from '../../http/metrics.js';
import { serviceApp } from '../../http/service-app.js';
import { scheduleReconcile } from '../../service/reconcile-job.js';
import { startScheduler } from '../../service/scheduler.js';
import {
  openServiceRuntime,
  startWorking,
  type ServiceRuntime,
} from '../../service/service-runtime.js';
import type { Config } from '../../config/index.js';
import type { Logger } from '../../log/logger.js';
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
  // The embedded store's commands (`status`, `errors`, `map`) run in this process meanwhile.
  const host = await hostForServe(ctx.config, runtime.db).catch(async (error: unknown) => {
    await runtime.stop();
    throw error;
  });
  try {
    const stopped = until.finally(() => host?.close()); // before the store closes
    await serveUntil({ ctx, config: ctx.config, runtime, log, until: stopped }, (port) =>
      announceSetup(ctx, runtime.db, port),
    );
  } finally {
    await host?.close();
  }
}

export interface Serving {
  readonly ctx: CommandContext;
  /** What the server and its worker run with (the demo's points at its sandbox and emulators). */
  readonly config: Config;
  readonly runtime: ServiceRuntime;
  readonly log: Logger;
  readonly until: Promise<unknown>;
}

/**
 * The web server, the scheduler and a worker on an open runtime until `until` settles; then the
 * server closes and the runtime stops (finishing the job in hand). `announce` gets the bound port.
 */
export async function serveUntil(
  { ctx, config, runtime, log, until }: Serving,
  announce: (port: number) => Promise<void>,
): Promise<void> {
  let server: ServerType | undefined;
  try {
    const app = await serverApp(config, runtime.db, runtime.queue, log);
    const { host, port } = config.http;
    const bound = await listenOn(app.fetch, host, port);
    server = bound.server;
    await startScheduler(runtime.queue);
    await scheduleReconcile(runtime.queue, config);
    await startWorking(runtime, config, log);
    ctx.out.line(`Serving on http://${host}:${bound.port} (${runtime.db.location}).`);
    await announce(bound.port);
    log.info({ host, port: bound.port }, 'serving');
    await until;
    ctx.out.line('Stopping: finishing the job in hand…');
  } finally {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await runtime.stop();
  }
}

/** Listens, or fails with the reason (a port in use is LB_PORT_IN_USE, not a hang). */
function listenOn(
  fetch: (request: Request) => Response | Promise<Response>,
  host: string,
  port: number,
): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve, reject) => {
    const server = listen({ fetch, hostname: host, port }, (info) =>
      resolve({ server, port: info.port }),
    );
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new LedgerbridgeError('LB_PORT_IN_USE', `Port ${port} on ${host} is already in use`, {
              cause: error,
            })
          : error,
      ),
    );
  });
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
  let server: ServerType | undefined;
  try {
    await startWorking(runtime, ctx.config, log);
    ctx.out.line(`Working on ${runtime.db.location}.`);
    server = await serveWorkerHealth(ctx, runtime);
    await until;
    ctx.out.line('Stopping: finishing the job in hand…');
  } finally {
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await runtime.stop();
  }
}

/**
 * A worker's `/healthz`, `/readyz` and `/metrics` (the jobs it ran) on LEDGERBRIDGE_WORKER_PORT,
 * for an orchestrator's probes and a Prometheus target per worker; none when it is unset.
 */
async function serveWorkerHealth(
  ctx: CommandContext,
  runtime: ServiceRuntime,
): Promise<ServerType | undefined> {
  const port = ctx.config.http.workerPort;
  if (port === undefined) return undefined;
  const app = serviceApp({
    db: runtime.db,
    queue: runtime.queue,
    routes: [metricsRoutes(makeWorkerMetrics())],
    signIn: false,
  });
  const { host } = ctx.config.http;
  const bound = await listenOn(app.fetch, host, port);
  ctx.out.line(`Health and metrics on http://${host}:${bound.port}.`);
  return bound.server;
}
