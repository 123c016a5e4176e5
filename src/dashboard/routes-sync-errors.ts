/** `/sync-errors` and its retry forms (one error, one cause, all). */
import type { Hono } from 'hono';
import { requirePermission, type AuthEnv } from '../http/principal.js';
import { retrySyncErrors } from '../service/retry-sync-errors.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';
import type { DashboardDeps } from './deps.js';
import { formFields, noticeOf, pageContext, withNotice } from './page-context.js';
import { readSyncErrors } from './sync-errors-data.js';
import { syncErrorsPage } from './sync-errors-page.js';

export function syncErrorRoutes(app: Hono<AuthEnv>, deps: DashboardDeps): void {
  app.get('/sync-errors', async (c) => {
    const view = await readSyncErrors(deps.db, c.req.query('tenantId') || undefined);
    return c.html(syncErrorsPage(pageContext(c), view, noticeOf(c)));
  });
  app.post('/sync-errors/retry', requirePermission('operate'), async (c) => {
    const { code } = await formFields(c);
    const open = (await listOpenSyncErrors(deps.db)).filter((e) => !code || e.code === code);
    const done = await retrySyncErrors(deps, open, c.get('principal').name, code ? { code } : {});
    return c.redirect(withNotice('/sync-errors', 'retried', done.retried), 303);
  });
  app.post('/sync-errors/:id/retry', requirePermission('operate'), async (c) => {
    const id = Number(c.req.param('id'));
    const open = Number.isSafeInteger(id) ? await listOpenSyncErrors(deps.db, { id }) : [];
    const done = await retrySyncErrors(deps, open, c.get('principal').name, { id });
    return c.redirect(withNotice('/sync-errors', 'retried', done.retried), 303);
  });
}
