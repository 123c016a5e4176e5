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
import { makeLogger } from '../../log/logger.js';
import { serverApp } from '../../service/server-app.js';
import { scheduleReconcile } from '../../service/reconcile-job.js';
import { startScheduler } from '../../service/scheduler.js';
import { openServiceRuntime, startWorking } from '../../service/service-runtime.js';
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
    const app = await serverApp(ctx.config, runtime.db, runtime.queue, log);
    const { host, port } = ctx.config.http;
    const address = await new Promise<{ port: number }>((resolve) => {
      server = listen({ fetch: app.fetch, hostname: host, port }, resolve);
    });
    await startScheduler(runtime.queue);
    await scheduleReconcile(runtime.queue, ctx.config);
    await startWorking(runtime, ctx.config, log);
    ctx.out.line(`Serving on http://${host}:${address.port} (${runtime.db.location}).`);
    await announceSetup(ctx, runtime.db, address.port);
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
