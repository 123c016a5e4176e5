/** `/` (the overview), `POST /sync-now` and the stylesheet. */
import type { Hono } from 'hono';
import { requirePermission, type AuthEnv } from '../http/principal.js';
import { planTick } from '../service/tick-plan.js';
import { appendAudit } from '../store/audit-repo.js';
import { listOrganisations } from '../store/organisations-repo.js';
import { listSources } from '../store/sources-repo.js';
import type { DashboardDeps } from './deps.js';
import { overviewPage } from './overview-page.js';
import { readOverview } from './overview-data.js';
import { formFields, noticeOf, pageContext, withNotice } from './page-context.js';
import { DASHBOARD_CSS } from './stylesheet.js';

export function overviewRoutes(app: Hono<AuthEnv>, deps: DashboardDeps): void {
  app.get('/assets/dashboard.css', (c) => {
    c.header('Content-Type', 'text/css; charset=utf-8');
    c.header('Cache-Control', 'private, max-age=3600');
    return c.body(DASHBOARD_CSS);
  });
  app.get('/', async (c) =>
    c.html(overviewPage(pageContext(c), await readOverview(deps), noticeOf(c))),
  );
  app.post('/sync-now', requirePermission('operate'), async (c) => {
    const { tenantId, back } = await formFields(c);
    const queued = await syncNow(deps, tenantId || undefined, c.get('principal').name);
    // Only a fixed page to return to, never one the form names freely.
    return c.redirect(withNotice(back === 'setup' ? '/setup-sync' : '/', 'queued', queued), 303);
  });
}

/**
 * Queues what the scheduler's tick queues (tick-plan.ts) — a pull of every pulled source and a
 * sync of every connected organisation — or only the one organisation's sync. Returns how many
 * organisations a sync was queued for.
 */
async function syncNow(
  deps: DashboardDeps,
  tenantId: string | undefined,
  actor: string,
): Promise<number> {
  const organisations = (await listOrganisations(deps.db)).filter(
    (o) => tenantId === undefined || o.tenantId === tenantId,
  );
  const sends = planTick({
    now: new Date(deps.clock.now()),
    // the same UTC day: an ordinary pass, not the day's first full re-check
    lastDay: new Date(deps.clock.now()).toISOString().slice(0, 10),
    intervalSeconds: 60,
    organisations,
    sources: tenantId === undefined ? await listSources(deps.db) : [],
  }).filter((s) => s.name !== 'tick');
  for (const s of sends) await deps.queue.send(s.name, s.data, { singletonKey: s.singletonKey });
  await appendAudit(deps.db, [
    { action: 'sync.now', actor, detail: { tenantId: tenantId ?? null, jobs: sends.length } },
  ]);
  return sends.filter((s) => s.name === 'sync-organisation').length;
}
