/** `/reconciliation`: the latest reconciliation per organisation, run now, fix, accept. */
import type { Hono } from 'hono';
import { requirePermission, type AuthEnv } from '../http/principal.js';
import { acceptDifferenceById, fixDifference } from '../reconcile/fixes.js';
import { queueReconcile } from '../service/reconcile-job.js';
import { queueSync } from '../service/retry-sync-errors.js';
import { listOrganisations } from '../store/organisations-repo.js';
import type { DashboardDeps } from './deps.js';
import { formFields, noticeOf, pageContext, problem, withNotice } from './page-context.js';
import { differencesQuery, parseDifferencesQuery, readReconciliations } from './reconcile-data.js';
import { reconcilePage } from './reconcile-page.js';

export function reconcileRoutes(app: Hono<AuthEnv>, deps: DashboardDeps): void {
  app.get('/reconciliation', async (c) => {
    const at = parseDifferencesQuery(c.req.query());
    const organisations = await readReconciliations(deps.db, at);
    return c.html(reconcilePage(pageContext(c), organisations, noticeOf(c)));
  });
  app.post('/reconciliation/run', requirePermission('reconcile'), async (c) => {
    const connected = (await listOrganisations(deps.db)).filter((o) => o.status === 'connected');
    // The same job the daily schedule queues, one waiting per organisation.
    for (const o of connected) await queueReconcile(deps.queue, o.tenantId);
    return c.redirect(withNotice('/reconciliation', 'reconcile-queued', connected.length), 303);
  });
  app.post('/reconciliation/:id/fix', requirePermission('reconcile'), async (c) => {
    const { action, page } = await formFields(c);
    if (action !== 'repush' && action !== 'remove') return c.text('Unknown fix', 400);
    let tenantId: string;
    try {
      ({ tenantId } = await fixDifference(deps.db, c.req.param('id'), action));
    } catch (error) {
      const p = problem(error);
      return c.text(p.text, p.status);
    }
    await queueSync(deps.queue, tenantId);
    return c.redirect(backTo(page, `fix-${action}`), 303);
  });
  app.post('/reconciliation/:id/accept', requirePermission('reconcile'), async (c) => {
    const { reason = '', page } = await formFields(c);
    try {
      await acceptDifferenceById(deps.db, c.req.param('id'), reason, c.get('principal').name);
    } catch (error) {
      const p = problem(error);
      return c.text(p.text, p.status);
    }
    return c.redirect(backTo(page, 'accepted'), 303);
  });
}

/**
 * Back to the page of differences the action was taken on (its form's `page`, as the page's own
 * query), so working through page 30 does not start again at page 1.
 */
function backTo(page: string | undefined, notice: string): string {
  const at = parseDifferencesQuery(Object.fromEntries(new URLSearchParams(page ?? '')));
  if (!at) return withNotice('/reconciliation', notice);
  return `${withNotice(`/reconciliation?${differencesQuery(at)}`, notice)}#differences-${encodeURIComponent(at.tenantId)}`;
}
