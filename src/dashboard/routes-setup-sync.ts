/**
 * `/setup-sync`: the Setup page and its forms, for roles that map (others get 403 and no link).
 * Routes, a source's options and mappings are saved by the same functions as the HTTP API's and
 * the Settings page's (src/service/save-route.ts, save-sync-settings.ts, save-mapping.ts), so
 * each is checked in one place.
 *
 * @module
 */
import type { Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { asLedgerbridgeError, LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { requirePermission, type AuthEnv } from '../http/principal.js';
import { saveMapping } from '../service/save-mapping.js';
import { saveRoute } from '../service/save-route.js';
import { saveSyncSettings } from '../service/save-sync-settings.js';
import { listSources } from '../store/sources-repo.js';
import type { DashboardDeps } from './deps.js';
import { formFields, noticeOf, pageContext, problem, withNotice } from './page-context.js';
import { isMappingType, NEED_LABELS } from './setup-choices.js';
import { loadSetup } from './setup-data.js';
import type { TypedOptions } from './setup-options-step.js';
import { setupPage } from './setup-page.js';
import { optionsRefusal, readOptionsForm } from './sync-options-form.js';

const PAGE = '/setup-sync';

export function setupSyncRoutes(app: Hono<AuthEnv>, deps: DashboardDeps): void {
  for (const path of [PAGE, `${PAGE}/*`]) app.use(path, requirePermission('map'));
  const show = async (
    c: Context<AuthEnv>,
    notice?: string,
    status?: ContentfulStatusCode,
    typed?: TypedOptions,
  ) =>
    c.html(
      setupPage(pageContext(c), await loadSetup(deps), notice ?? noticeOf(c), typed),
      status ?? 200,
    );
  app.get(PAGE, (c) => show(c));
  app.post(`${PAGE}/route`, async (c) => {
    const f = await formFields(c);
    const route = { source: f.source ?? '', entity: f.entity ?? '', tenantId: f.tenantId ?? '' };
    try {
      await saveRoute(deps.db, route, c.get('principal').name);
    } catch (error) {
      const { text, status } = refusal(error, `${route.source} / ${route.entity}`);
      return show(c, text, status);
    }
    return c.redirect(withNotice(PAGE, 'route-saved'), 303);
  });
  app.post(`${PAGE}/options`, async (c) => {
    const body = await c.req.parseBody({ all: true });
    const source = typeof body.source === 'string' ? body.source : '';
    const typed = { source, values: readOptionsForm(body) };
    try {
      await saveSourceOptions(deps, typed, c.get('principal').name);
    } catch (error) {
      const { text, status } = optionsRefusal(error);
      return show(c, text, status, typed);
    }
    return c.redirect(withNotice(PAGE, 'options-saved'), 303);
  });
  app.post(`${PAGE}/recheck`, async (c) => {
    const { tenantId = '' } = await formFields(c);
    await deps.recheckChart?.(tenantId);
    return c.redirect(withNotice(PAGE, 'rechecked'), 303);
  });
  app.post(`${PAGE}/mapping`, async (c) => {
    const f = await formFields(c);
    try {
      await saveChoice(deps, f, c.get('principal').name);
    } catch (error) {
      const type = f.type ?? '';
      const what = isMappingType(type) ? `${NEED_LABELS[type]} "${f.key ?? ''}"` : 'mapping';
      const { text, status } = refusal(error, what);
      return show(c, text, status);
    }
    return c.redirect(withNotice(PAGE, 'mapping-saved'), 303);
  });
}

/** One mapping from the form, for every source of the organisation (the API's default, `*`). */
async function saveChoice(
  deps: DashboardDeps,
  f: Record<string, string>,
  actor: string,
): Promise<void> {
  const { tenantId = '', type = '', key = '', value = '' } = f;
  if (!isMappingType(type)) throw refused('mapping', type, 'is not one this page sets');
  if (!key || key.length > 200) throw refused('key', key, 'must be 1 to 200 characters');
  if (!value || value.length > 200) throw refused('value', value, 'choose one from the list');
  if (!deps.organisationSettings)
    throw new LedgerbridgeError('LB_XERO_APP_NOT_CONFIGURED', 'No Xero app is set up');
  const organisation = await deps.organisationSettings(tenantId);
  await saveMapping(
    deps.db,
    { tenantId, source: '*', type, key, value, problem: null },
    organisation,
    actor,
  );
}

/** One source's options as its own, through the save /settings and the API use. */
async function saveSourceOptions(deps: DashboardDeps, typed: TypedOptions, actor: string) {
  const { source, values } = typed;
  if (!(await listSources(deps.db)).some((s) => s.name === source))
    throw new LedgerbridgeError('LB_USAGE', `No practice system "${source}"`, {
      details: { field: 'source', value: source, why: 'is not known here' },
    });
  await saveSyncSettings(deps.db, values, actor, source);
}

/** Errors a person fixes by choosing again get that hint, not the catalogue's command-line fix. */
const CHOOSE_AGAIN = new Set(['LB_USAGE', 'LB_API_NOT_FOUND', 'LB_MAPPING_INVALID']);

function refusal(error: unknown, what: string): { text: string; status: ContentfulStatusCode } {
  const e = asLedgerbridgeError(error);
  if (!CHOOSE_AGAIN.has(e.code))
    return { ...problem(error), text: `Not saved: ${problem(error).text}` };
  return {
    text: `Not saved: ${what} → ${e.message}. Choose one from the list and save again.`,
    status: e.httpStatus as ContentfulStatusCode,
  };
}

const refused = (field: string, value: string, why: string) =>
  new LedgerbridgeError('LB_USAGE', `${field} "${value}" ${why}`, {
    details: { field, value },
  });
