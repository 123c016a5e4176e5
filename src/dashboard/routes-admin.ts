/** `/users` and `/api-keys`: admins only, both the pages and their forms. */
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { createApiKey, listApiKeys, revokeKey } from '../auth/api-keys.js';
import { addUser, changeRole, listUsers, parseRole, removeUser } from '../auth/users.js';
import { requirePermission, type AuthEnv } from '../http/principal.js';
import { listSources } from '../store/sources-repo.js';
import { apiKeysPage, usersPage } from './admin-pages.js';
import type { DashboardDeps } from './deps.js';
import { formFields, noticeOf, pageContext, problem, withNotice } from './page-context.js';

export function adminRoutes(app: Hono<AuthEnv>, deps: DashboardDeps): void {
  for (const path of ['/users', '/users/*', '/api-keys', '/api-keys/*'])
    app.use(path, requirePermission('admin'));
  const { db } = deps;
  const showUsers = async (c: Context<AuthEnv>, notice?: string, status?: ContentfulStatusCode) =>
    c.html(usersPage(pageContext(c), await listUsers(db), notice ?? noticeOf(c)), status ?? 200);
  const showKeys = async (
    c: Context<AuthEnv>,
    created?: string,
    notice?: string,
    status?: ContentfulStatusCode,
  ) =>
    c.html(
      apiKeysPage(
        pageContext(c),
        await listApiKeys(db),
        await listSources(db),
        created,
        notice ?? noticeOf(c),
      ),
      status ?? 200,
    );
  /** Runs a form's action; a refusal re-shows the page with what to do. */
  const act =
    (show: (c: Context<AuthEnv>, notice: string, s: ContentfulStatusCode) => Promise<Response>) =>
    (run: (f: Record<string, string>, actor: string) => Promise<string>) =>
    async (c: Context<AuthEnv>) => {
      try {
        return c.redirect(await run(await formFields(c), c.get('principal').name), 303);
      } catch (error) {
        const { text, status } = problem(error);
        return show(c, text, status);
      }
    };
  userRoutes(
    app,
    deps,
    act((c, n, s) => showUsers(c, n, s)),
    showUsers,
  );
  keyRoutes(
    app,
    deps,
    act((c, n, s) => showKeys(c, undefined, n, s)),
    showKeys,
  );
}

type Show = (c: Context<AuthEnv>) => Promise<Response>;
type Act = (
  run: (f: Record<string, string>, actor: string) => Promise<string>,
) => (c: Context<AuthEnv>) => Promise<Response>;

function userRoutes(app: Hono<AuthEnv>, { db }: DashboardDeps, onUsers: Act, show: Show): void {
  app.get('/users', (c) => show(c));
  app.post(
    '/users',
    onUsers(async (f, actor) => {
      const role = parseRole(f.role ?? '');
      await addUser(db, { email: f.email ?? '', password: f.password ?? '', role, actor });
      return withNotice('/users', 'user-added');
    }),
  );
  app.post(
    '/users/role',
    onUsers(async (f, actor) => {
      await changeRole(db, f.email ?? '', parseRole(f.role ?? ''), actor);
      return withNotice('/users', 'role-set');
    }),
  );
  app.post(
    '/users/remove',
    onUsers(async (f, actor) => {
      await removeUser(db, f.email ?? '', actor);
      return withNotice('/users', 'user-removed');
    }),
  );
}

function keyRoutes(
  app: Hono<AuthEnv>,
  { db }: DashboardDeps,
  onKeys: Act,
  showKeys: (
    c: Context<AuthEnv>,
    created?: string,
    notice?: string,
    status?: ContentfulStatusCode,
  ) => Promise<Response>,
): void {
  app.get('/api-keys', (c) => showKeys(c));
  app.post('/api-keys', async (c) => {
    const f = await formFields(c);
    try {
      const { key } = await createApiKey(db, {
        role: parseRole(f.role ?? ''),
        ...(f.label && { label: f.label }),
        ...(f.source && { source: f.source }),
        actor: c.get('principal').name,
      });
      // Shown in this answer only; never in a URL, a log or the store.
      c.header('Cache-Control', 'no-store');
      return showKeys(c, key);
    } catch (error) {
      const { text, status } = problem(error);
      return showKeys(c, undefined, text, status);
    }
  });
  app.post(
    '/api-keys/revoke',
    onKeys(async (f, actor) => {
      await revokeKey(db, f.id ?? '', actor);
      return withNotice('/api-keys', 'revoked');
    }),
  );
}
