/**
 * The dashboard (issue 19): server-rendered pages at `/` for the people who keep the books —
 * overview, setup (routes and mappings), sync errors, documents, audit log, and for admins users
 * and API keys. Mounted behind the authentication middleware (src/http/service-app.ts), so every page needs a session (or a
 * key) and every form carries the session's CSRF token. Controls a role may not use are left out
 * of the page, and their routes answer 403 all the same.
 *
 * `serve` mounts it through src/service/server-app.ts; the demo mounts the same function.
 *
 * @module
 */
import { Hono } from 'hono';
import type { AuthEnv } from '../http/principal.js';
import type { DashboardDeps } from './deps.js';
import { readMappingsToFix } from './page-context.js';
import { adminRoutes } from './routes-admin.js';
import { auditRoutes } from './routes-audit.js';
import { connectionRoutes } from './routes-connections.js';
import { documentRoutes } from './routes-documents.js';
import { overviewRoutes } from './routes-overview.js';
import { reconcileRoutes } from './routes-reconcile.js';
import { settingsRoutes } from './routes-settings.js';
import { setupSyncRoutes } from './routes-setup-sync.js';
import { syncErrorRoutes } from './routes-sync-errors.js';

export type { DashboardDeps } from './deps.js';

export function dashboardRoutes(deps: DashboardDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.use('*', readMappingsToFix(deps.db));
  overviewRoutes(app, deps);
  syncErrorRoutes(app, deps);
  documentRoutes(app, deps);
  reconcileRoutes(app, deps);
  auditRoutes(app, deps);
  settingsRoutes(app, deps);
  setupSyncRoutes(app, deps);
  connectionRoutes(app, deps);
  adminRoutes(app, deps);
  return app;
}
