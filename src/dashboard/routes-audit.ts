/** `/audit` (newest first, filtered) and `/audit.csv` (everything the filter matches). */
import type { Context, Hono } from 'hono';
import type { AuthEnv } from '../http/principal.js';
import { pageAuditNewest } from '../store/audit-repo.js';
import { auditCsv, auditFilter, auditPage, type AuditForm } from './audit-page.js';
import type { DashboardDeps } from './deps.js';
import { definedOnly, pageContext } from './page-context.js';

const PAGE = 100;

export function auditRoutes(app: Hono<AuthEnv>, deps: DashboardDeps): void {
  app.get('/audit', async (c) => {
    const form = auditForm(c);
    const before = Number(c.req.query('before'));
    const rows = await pageAuditNewest(deps.db, {
      ...auditFilter(form),
      beforeId: Number.isSafeInteger(before) && before > 0 ? before : undefined,
      limit: PAGE + 1,
    });
    const last = rows[PAGE - 1];
    const query = new URLSearchParams(definedOnly(form));
    const older =
      rows.length > PAGE && last ? `/audit?${query.toString()}&before=${last.id}` : undefined;
    return c.html(
      auditPage(pageContext(c), form, rows.slice(0, PAGE), older, `/audit.csv?${query.toString()}`),
    );
  });
  app.get('/audit.csv', (c) => {
    c.header('Content-Type', 'text/csv; charset=utf-8');
    c.header('Content-Disposition', 'attachment; filename="ledgerbridge-audit.csv"');
    return c.body(auditCsv(deps.db, auditForm(c)));
  });
}

function auditForm(c: Context): AuditForm {
  const q = (name: string) => c.req.query(name)?.trim() || undefined;
  return { actor: q('actor'), action: q('action'), from: q('from'), to: q('to') };
}
