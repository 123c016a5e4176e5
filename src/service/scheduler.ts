/**
 * The cluster-wide tick. One `tick` job waits at a time across every process (its singletonKey);
 * each one fans out the per-organisation and per-source jobs (tick-plan.ts) and sends the next one
 * interval on, and a cron schedule every minute sends a tick should none be waiting (after a crash,
 * or on the very first start) — pg-boss runs a schedule once across every process.
 *
 * @module
 */
import type { Config } from '../config/index.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { Database } from '../store/database.js';
import { listOrganisations } from '../store/organisations-repo.js';
import { listSources, type SourceRow } from '../store/sources-repo.js';
import { listWebhooks } from '../store/source-webhooks-repo.js';
import { CLIO_WEBHOOK_MODELS } from '../sources/clio/webhooks.js';
import { webhooksDue } from './webhook-plan.js';
import { planTick } from './tick-plan.js';

export const TICK_CRON = '* * * * *';

export function intervalSeconds(config: Pick<Config, 'sync'>): number {
  return Math.max(1, Math.round(config.sync.intervalMinutes * 60));
}

/** Registers the schedule and sends a tick now (dropped when one is already waiting). */
export async function startScheduler(queue: JobQueue): Promise<void> {
  await queue.schedule('tick', TICK_CRON);
  await queue.send('tick', {}, { singletonKey: 'tick' });
}

/** Works `tick` jobs in this process. */
export async function workTicks(
  queue: JobQueue,
  db: Database,
  config: Pick<Config, 'sync' | 'http'>,
  now: () => Date = () => new Date(),
): Promise<void> {
  await queue.work('tick', async (job) => {
    const lastDay = typeof job.data.day === 'string' ? job.data.day : undefined;
    const at = now();
    const sources = await listSources(db);
    const sends = planTick({
      now: at,
      ...(lastDay && { lastDay }),
      intervalSeconds: intervalSeconds(config),
      organisations: await listOrganisations(db),
      sources,
      webhooksDue: config.http.publicUrl ? await dueForWebhooks(db, sources, at) : [],
    });
    await queue.sendMany(
      sends.map((s) => ({
        name: s.name,
        data: s.data,
        options: {
          singletonKey: s.singletonKey,
          ...(s.startAfterSeconds !== undefined && { startAfterSeconds: s.startAfterSeconds }),
        },
      })),
    );
  });
}

/** Sources with webhooks whose subscriptions need creating or renewing. */
async function dueForWebhooks(
  db: Database,
  sources: readonly SourceRow[],
  at: Date,
): Promise<string[]> {
  const rows = await listWebhooks(db);
  return sources
    .filter((s) => s.kind === 'clio')
    .filter((s) =>
      webhooksDue(
        CLIO_WEBHOOK_MODELS,
        rows.filter((r) => r.source === s.name),
        at.getTime(),
      ),
    )
    .map((s) => s.name);
}
