/**
 * `/connections` and its forms (admins only — FEATURES S8 gives connections and keys to admins):
 * Cliniko connected with its API key on the spot; Clio and Actionstep sent to their consent page,
 * finished by `/connect/<kind>/callback` (src/http/pms-oauth-routes.ts). The connecting is the
 * CLI's own (src/service/pms-consent.ts).
 *
 * @module
 */
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { readSourceViews } from '../cli/commands/sources.js';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { requirePermission, type AuthEnv } from '../http/principal.js';
import { listOrganisations } from '../store/organisations-repo.js';
import { connectionsPage } from './connections-page.js';
import type { DashboardDeps } from './deps.js';
import { formFields, noticeOf, pageContext, problem, withNotice } from './page-context.js';

const PAGE = '/connections';
const SOURCE_NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

export function connectionRoutes(app: Hono<AuthEnv>, deps: DashboardDeps): void {
  for (const path of [PAGE, `${PAGE}/*`]) app.use(path, requirePermission('admin'));
  const show = async (c: Context<AuthEnv>, notice?: string, status?: ContentfulStatusCode) => {
    const view = {
      sources: await readSourceViews(deps.db),
      organisations: await listOrganisations(deps.db),
      kinds: deps.connectors?.kinds ?? [],
      xero: deps.xeroConnect ?? false,
    };
    return c.html(connectionsPage(pageContext(c), view, notice ?? noticeOf(c)), status ?? 200);
  };
  app.get(PAGE, (c) => show(c));
  app.post(`${PAGE}/:kind`, async (c) => {
    const kind = c.req.param('kind');
    const { name = '', apiKey = '' } = await formFields(c);
    const actor = c.get('principal').name;
    try {
      const connectors = deps.connectors;
      if (!connectors || !connectors.kinds.some((k) => k === kind))
        throw new LedgerbridgeError('LB_USAGE', `"${kind}" cannot be connected here`);
      if (!SOURCE_NAME.test(name))
        throw new LedgerbridgeError(
          'LB_USAGE',
          `Name "${name}" is not lower case letters, digits and dashes`,
          {
            fix: 'Choose a name such as "clinic" or "harbour-law".',
          },
        );
      if (kind === 'cliniko') {
        if (!apiKey) throw new LedgerbridgeError('LB_USAGE', 'No API key given');
        await connectors.cliniko(name, apiKey, actor);
        return c.redirect(withNotice(PAGE, 'source-connected'), 303);
      }
      return c.redirect(await connectors.begin(kind as 'clio' | 'actionstep', name, actor), 303);
    } catch (error) {
      const { text, status } = problem(error);
      return show(c, `Not connected: ${text}`, status);
    }
  });
}
