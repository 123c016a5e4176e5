/** The request's page context and the small helpers every dashboard route shares. */
import type { Context, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { asLedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { AuthEnv } from '../http/principal.js';
import type { Queryable } from '../store/database.js';
import { listMappingsToFix, type MappingToFix } from '../store/mappings-repo.js';
import type { PageContext } from './layout.js';

export function pageContext(c: Context<AuthEnv>): PageContext {
  const toFix = TO_FIX.get(c.req.raw);
  return {
    principal: c.get('principal'),
    csrfToken: c.get('csrfToken') ?? '',
    path: c.req.path,
    ...(toFix && { toFix }),
  };
}

/** The mappings to fix, read once per page request for the banner every page shows (S7). */
const TO_FIX = new WeakMap<Request, readonly MappingToFix[]>();

export function readMappingsToFix(db: Queryable): MiddlewareHandler<AuthEnv> {
  return async (c, next) => {
    if (c.req.method === 'GET' && !c.req.path.startsWith('/assets/'))
      TO_FIX.set(c.req.raw, await listMappingsToFix(db));
    await next();
  };
}

/** A form's text fields (the CSRF field was checked by the authentication middleware). */
export async function formFields(c: Context<AuthEnv>): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(
    Object.entries(body).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

/** What a refused action tells the person: the message and what to do about it. */
export function problem(error: unknown): { text: string; status: ContentfulStatusCode } {
  const e = asLedgerbridgeError(error);
  return {
    text: e.fix ? `${e.message}. ${e.fix}` : `${e.message}.`,
    status: e.httpStatus as ContentfulStatusCode,
  };
}

/**
 * Notices after a redirect come from this fixed list (never from the query string's text, which
 * anyone could put in a link).
 */
const NOTICES: Readonly<Record<string, (n: string) => string>> = {
  queued: (n) => `A sync was queued for ${n} organisation(s); it starts within a minute.`,
  retried: (n) => `${n} error(s) will be tried again by the next sync, which was queued.`,
  unlocked: () => 'Unlocked: the next sync sends this document to Xero again. A sync was queued.',
  'user-added': () => 'The user was added.',
  'user-removed': () => 'The user was removed.',
  'role-set': () => 'The role was changed; that person signs in again.',
  revoked: () => 'The key was revoked; it no longer works.',
  'settings-saved': () => 'Saved. The next sync uses these settings.',
  'options-saved': () => "Saved. The practice system's next sync uses these options.",
  'route-saved': () => "Saved. The entity's documents go to that organisation from the next sync.",
  'mapping-saved': () => 'Saved. The next sync uses this mapping.',
  'reconcile-queued': (n) =>
    `A reconciliation was queued for ${n} organisation(s); this page shows it once it has run.`,
  'fix-repush': () => 'Marked: a sync was queued to send the document again from the PMS.',
  'fix-remove': () => 'Marked: a sync was queued to remove what Ledgerbridge created in Xero.',
  accepted: () => 'Accepted: the difference stays out of reports until the document changes.',
  rechecked: () =>
    "Read again from Xero: every mapping was checked against the organisation's chart.",
  'source-connected': () =>
    'Connected. Its entities are listed; next, route each one to a Xero organisation on Setup.',
  'xero-connected': () => 'Xero is connected. Next, route each entity on Setup.',
};

export function noticeOf(c: Context): string | undefined {
  const make = NOTICES[c.req.query('notice') ?? ''];
  const n = c.req.query('n') ?? '';
  return make && /^\d{0,6}$/.test(n) ? make(n) : undefined;
}

export const withNotice = (path: string, notice: string, n?: number): string =>
  `${path}${path.includes('?') ? '&' : '?'}notice=${notice}${n === undefined ? '' : `&n=${n}`}`;

/** The filled-in fields of a search form, for the next page's link. */
export const definedOnly = (o: object): Record<string, string> =>
  Object.fromEntries(
    Object.entries(o).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
