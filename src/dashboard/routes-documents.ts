/** `/documents` (search), `/documents/:id` and "Unlock & re-push". */
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { requirePermission, type AuthEnv } from '../http/principal.js';
import { queueSync } from '../service/retry-sync-errors.js';
import { unlockDocument } from '../service/unlock-document.js';
import { auditOfDocument } from '../store/audit-repo.js';
import { documentId, parseDocumentId } from '../store/document-id.js';
import { getDocument } from '../store/documents-repo.js';
import { searchDocuments } from '../store/documents-search.js';
import { linksOfDocument } from '../store/links-repo.js';
import { listOrganisations } from '../store/organisations-repo.js';
import { openSyncErrorsOf } from '../store/sync-errors-repo.js';
import type { DashboardDeps } from './deps.js';
import { documentPage, documentsPage, type SearchForm } from './documents-page.js';
import { definedOnly, noticeOf, pageContext, problem, withNotice } from './page-context.js';

const PAGE = 50;

export function documentRoutes(app: Hono<AuthEnv>, deps: DashboardDeps): void {
  app.get('/documents', async (c) => {
    const form = searchForm(c);
    const after = parseDocumentId(c.req.query('after') ?? '');
    const found = await searchDocuments(deps.db, { ...form, after, limit: PAGE + 1 });
    const last = found[PAGE - 1];
    const next =
      found.length > PAGE && last
        ? `/documents?${new URLSearchParams({ ...definedOnly(form), after: documentId(last) }).toString()}`
        : undefined;
    return c.html(documentsPage(pageContext(c), form, found.slice(0, PAGE), next));
  });
  app.get('/documents/:id', async (c) => {
    const page = await documentView(c, deps);
    return page ?? c.notFound();
  });
  app.post('/documents/:id/unlock', requirePermission('operate'), async (c) => {
    const key = parseDocumentId(c.req.param('id'));
    if (!key) return c.notFound();
    try {
      const { tenantIds } = await unlockDocument(deps.db, key, c.get('principal').name);
      for (const tenantId of tenantIds) await queueSync(deps.queue, tenantId);
    } catch (error) {
      const { text, status } = problem(error);
      return (await documentView(c, deps, text, status)) ?? c.notFound();
    }
    return c.redirect(withNotice(`/documents/${c.req.param('id')}`, 'unlocked'), 303);
  });
}

async function documentView(
  c: Context<AuthEnv>,
  deps: DashboardDeps,
  notice?: string,
  status: ContentfulStatusCode = 200,
): Promise<Response | undefined> {
  const key = parseDocumentId(c.req.param('id') ?? '');
  const stored = key && (await getDocument(deps.db, key));
  if (!key || !stored) return undefined;
  const [links, history, errors, organisations] = await Promise.all([
    linksOfDocument(deps.db, key),
    auditOfDocument(deps.db, key),
    openSyncErrorsOf(deps.db, key),
    listOrganisations(deps.db),
  ]);
  const organisationNames = new Map(organisations.map((o) => [o.tenantId, o.name]));
  const view = { stored, links, history, errors, organisationNames };
  return c.html(documentPage(pageContext(c), view, notice ?? noticeOf(c)), status);
}

function searchForm(c: Context): SearchForm {
  const q = (name: string) => c.req.query(name)?.trim() || undefined;
  const day = (name: string) => {
    const v = q(name);
    return v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined;
  };
  return {
    number: q('number'),
    contact: q('contact'),
    status: q('status'),
    from: day('from'),
    to: day('to'),
  };
}
