/**
 * A Xero sandbox organisation fed by a law firm in the Clio emulator, with the service's Clio
 * webhook route served on a real port (LEDGERBRIDGE_PUBLIC_URL) and this process working the queue
 * (no scheduler: nothing runs unless a job is sent or a webhook arrives). For the webhook test and
 * the webhook-latency bench.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { loadConfig, type Config } from '../../src/config/index.js';
import { clioWebhookRoutes } from '../../src/http/clio-webhook-routes.js';
import { makeLogger } from '../../src/log/logger.js';
import type { JobQueue } from '../../src/queue/job-queue.js';
import { openJobQueue } from '../../src/queue/pg-boss-queue.js';
import { startClioEmulator, type ClioEmulator } from '../../src/sandbox/clio/index.js';
import type { LawFirmSeed } from '../../src/sandbox/clio/seed.js';
import { startWorking } from '../../src/service/service-runtime.js';
import { webhookUrl } from '../../src/service/source-webhooks.js';
import { storeCredentials } from '../../src/sources/credentials.js';
import { connectFirm } from '../../src/sources/clio/test-support.js';
import type { Backend } from '../../src/store/database.js';
import { putMapping } from '../../src/store/mappings-repo.js';
import { latestRuns } from '../../src/store/runs-repo.js';
import { listWebhooks } from '../../src/store/source-webhooks-repo.js';
import { ensureSource, routeEntity } from '../../src/store/sources-repo.js';
import { sealingKey } from '../../src/xero/xero-runtime.js';
import { newSyncWorld, processEnv, ROOMY_LIMITS, type SyncWorld } from './sync-world.js';

export const CLIO_SOURCE = 'harbour';

export interface ClioServiceWorld {
  readonly w: SyncWorld;
  readonly clio: ClioEmulator;
  readonly firm: number;
  readonly seed: LawFirmSeed;
  readonly config: Config;
  readonly queue: JobQueue;
  /** Webhook deliveries the route answered, by outcome. */
  readonly counted: { accepted: number; refused: number };
  /** The source's webhook address. */
  readonly hooks: string;
  /** Finished sync passes so far. */
  readonly syncsDone: () => Promise<number>;
  /** Whether each model's subscription is activated. */
  readonly allEnabled: () => Promise<boolean>;
  /** Stops the queue, the server and the emulator (the world's store: disposeWorlds()). */
  stop(): Promise<void>;
}

export async function clioServiceWorld(
  backend: Backend,
  options: { limits?: boolean } = {},
): Promise<ClioServiceWorld> {
  const w = await newSyncWorld({ backend, ...(options.limits ? {} : ROOMY_LIMITS) });
  const clio = await startClioEmulator({
    rateLimit: { enabled: false },
    firms: [{ name: 'Harbour', region: 'au' }],
  });
  const firm = clio.control.firms()[0]!.id;
  const seed = clio.control.seedLawFirm(firm);
  const queue = await openJobQueue({
    db: w.db,
    ...(w.fresh.url && { databaseUrl: w.fresh.url }),
    schedules: false,
    pollSeconds: 0.5,
  });
  const counted = { accepted: 0, refused: 0 };
  const log = makeLogger({}, 'silent');
  const app = clioWebhookRoutes({
    db: w.db,
    queue,
    key: sealingKey({ secretKey: processEnv(w).LEDGERBRIDGE_SECRET_KEY! }),
    log,
    onDelivery: (_source, outcome) => counted[outcome]++,
  });
  const server: ServerType = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise((r) => server.once('listening', r));
  const publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadConfig({
    env: { ...processEnv(w), CLIO_BASE_URL: clio.url, LEDGERBRIDGE_PUBLIC_URL: publicUrl },
  });
  await connectSource(w, clio, config);
  await startWorking({ db: w.db, queue, stop: () => Promise.resolve() }, config, log);
  return {
    w,
    clio,
    firm,
    seed,
    config,
    queue,
    counted,
    hooks: webhookUrl(publicUrl, 'clio', CLIO_SOURCE),
    syncsDone: async () =>
      (await latestRuns(w.db, 1000)).filter((r) => r.kind === 'sync' && r.finishedAt !== null)
        .length,
    allEnabled: async () => {
      const rows = await listWebhooks(w.db, CLIO_SOURCE);
      return rows.length === 3 && rows.every((r) => r.status === 'enabled');
    },
    stop: async () => {
      await queue.stop();
      await new Promise((r) => server.close(r));
      await clio.stop();
    },
  };
}

async function connectSource(w: SyncWorld, clio: ClioEmulator, config: Config): Promise<void> {
  await ensureSource(w.db, CLIO_SOURCE, 'clio');
  const credentials = await connectFirm(clio, 'au', clio.url);
  await storeCredentials(w.db, sealingKey(config), CLIO_SOURCE, credentials, {});
  await routeEntity(w.db, CLIO_SOURCE, 'default', w.tenantId); // a Clio firm is one entity
  const mappings = [
    ['tax_code', 'Clio tax 10%', 'OUTPUT'],
    ['tax_code', 'Clio no tax', 'EXEMPTOUTPUT'],
    ['payment_method_account', '*', '090'],
  ] as const;
  for (const [type, key, value] of mappings)
    await putMapping(w.db, { tenantId: w.tenantId, source: '*', type, key, value });
}

/** Resolves once `probe` holds, polling every 100 ms; throws after `ms`. */
export async function until(probe: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}
