/**
 * The web server exactly as `ledgerbridge serve` runs it: the service app (health, sign-in,
 * authentication) with every router mounted. One function, so the route crawl
 * (src/http/service-app-crawl.test.ts) requests the same routes users reach.
 *
 * @module
 */
import type { Hono } from 'hono';
import { apiRoutes } from '../api/api-routes.js';
import type { Config } from '../config/index.js';
import { makeServiceMetrics, metricsRoutes } from '../http/metrics.js';
import { dashboardRoutes } from '../dashboard/dashboard-routes.js';
import { serviceApp } from '../http/service-app.js';
import type { AuthEnv } from '../http/principal.js';
import { pmsOAuthRoutes } from '../http/pms-oauth-routes.js';
import { xeroOAuthRoutes } from '../http/xero-oauth-routes.js';
import { xeroWebhookRoutes } from '../http/xero-webhook-routes.js';
import { clioWebhookRoutes } from '../http/clio-webhook-routes.js';
import type { Logger } from '../log/logger.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { Database } from '../store/database.js';
import { systemClock } from '../time/clock.js';
import { intervalSeconds } from './scheduler.js';
import { pmsConnectors } from './pms-consent.js';
import { setupXero } from './setup-xero.js';
import { makeXeroRuntime, sealingKey } from '../xero/xero-runtime.js';

export async function serverApp(
  config: Config,
  db: Database,
  queue: JobQueue,
  log: Logger,
): Promise<Hono<AuthEnv>> {
  const metrics = makeServiceMetrics(db, systemClock);
  const xero = setupXero(config, db);
  const connect = await connectRoutes(config, db);
  const connectors = pmsConnectors(config, db, systemClock, publicBase(config));
  const routes = [
    ...connect,
    pmsOAuthRoutes(connectors),
    // Public, but every delivery's signature is checked before anything is read from it.
    xeroWebhookRoutes({
      db,
      queue,
      key: config.xero.webhookKey,
      log,
      onDelivery: (source, outcome) => metrics.webhookDelivery(source, outcome),
    }),
    clioWebhookRoutes({
      db,
      queue,
      key: config.secretKey ? sealingKey(config) : undefined,
      log,
      onDelivery: (source, outcome) => metrics.webhookDelivery(source, outcome),
    }),
    metricsRoutes(metrics),
  ];
  return serviceApp({
    db,
    queue,
    routes,
    api: apiRoutes({
      db,
      clock: systemClock,
      queue,
      organisationSettings: xero.organisationSettings,
      onPush: (source, counts) => metrics.documentsPushed(source, counts),
    }),
    dashboard: dashboardRoutes({
      db,
      queue,
      clock: systemClock,
      intervalSeconds: intervalSeconds(config),
      connectors,
      xeroConnect: connect.length > 0,
      ...xero,
    }),
    secureCookie: config.http.publicUrl?.startsWith('https:') ?? false,
  });
}

/** Connecting Xero from the browser, when a Xero app is configured. */
async function connectRoutes(config: Config, db: Database): Promise<Hono[]> {
  if (!config.xero.clientId || !config.xero.clientSecret || !config.secretKey) return [];
  const xero = await makeXeroRuntime(config, db);
  return [
    xeroOAuthRoutes({
      deps: xero,
      redirectUri: new URL('/connect/xero/callback', publicBase(config)).toString(),
      scopes: config.xero.scopes,
      afterConnect: '/connections?notice=xero-connected',
    }),
  ];
}

const publicBase = (config: Config): string =>
  config.http.publicUrl ?? `http://${config.http.host}:${config.http.port}`;
