/**
 * Every dashboard page's frame: a skip link, the navigation (links a role cannot use are left
 * out, not greyed), the signed-in user with a sign-out form, one <main>, and the local
 * stylesheet. WCAG 2.1 AA: landmarks (header, nav, main), a skip link to the content, one <h1>
 * per page.
 *
 * @module
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { allows, type Permission, type Principal } from '../http/principal.js';
import type { MappingToFix } from '../store/mappings-repo.js';
import { mappingBanner } from './mapping-banner.js';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageContext {
  readonly principal: Principal;
  readonly csrfToken: string;
  /** The path of the page, to mark the current link. */
  readonly path: string;
  /** Mappings no longer valid, for the banner (page-context.ts reads them per page). */
  readonly toFix?: readonly MappingToFix[];
}

const NAV: readonly { href: string; label: string; needs: Permission }[] = [
  { href: '/', label: 'Overview', needs: 'read' },
  { href: '/connections', label: 'Connections', needs: 'admin' },
  { href: '/setup-sync', label: 'Setup', needs: 'map' },
  { href: '/sync-errors', label: 'Sync errors', needs: 'read' },
  { href: '/documents', label: 'Documents', needs: 'read' },
  { href: '/reconciliation', label: 'Reconciliation', needs: 'read' },
  { href: '/audit', label: 'Audit log', needs: 'read' },
  { href: '/settings', label: 'Settings', needs: 'read' },
  { href: '/users', label: 'Users', needs: 'admin' },
  { href: '/api-keys', label: 'API keys', needs: 'admin' },
];

export function layout(ctx: PageContext, title: string, body: Html, notice?: string): Html {
  const links = NAV.filter((n) => allows(ctx.principal.role, n.needs));
  const current = (href: string) =>
    href === '/' ? ctx.path === '/' : ctx.path === href || ctx.path.startsWith(`${href}/`);
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} — Ledgerbridge</title>
        <link rel="stylesheet" href="/assets/dashboard.css" />
      </head>
      <body>
        <a class="skip" href="#content">Skip to content</a>
        <header>
          <p class="brand">Ledgerbridge</p>
          <nav aria-label="Main">
            <ul>
              ${links.map(
                (n) =>
                  html`<li>
                    <a href="${n.href}" ${current(n.href) ? html`aria-current="page"` : ''}
                      >${n.label}</a
                    >
                  </li>`,
              )}
            </ul>
          </nav>
          <form method="post" action="/logout" class="signout">
            ${csrfField(ctx)}
            <span>${ctx.principal.name} (${ctx.principal.role})</span>
            <button type="submit">Sign out</button>
          </form>
        </header>
        <main id="content" tabindex="-1">
          ${mappingBanner(ctx)}
          <h1>${title}</h1>
          ${notice ? html`<p class="notice" role="status">${notice}</p>` : ''} ${body}
        </main>
      </body>
    </html>`;
}

/** The hidden field every form POST carries (src/http/authenticate.ts checks it). */
export const csrfField = (ctx: PageContext) =>
  html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}" />`;

/** A small form with one button that POSTs to `action` (retry, sync now, revoke…). */
export function postButton(
  ctx: PageContext,
  action: string,
  label: string,
  fields: Record<string, string> = {},
  accessibleName?: string,
): Html {
  return html`<form method="post" action="${action}" class="inline">
    ${csrfField(ctx)}
    ${Object.entries(fields).map(
      ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
    )}
    <button type="submit" ${accessibleName ? html`aria-label="${accessibleName}"` : ''}>
      ${label}
    </button>
  </form>`;
}

/** A table's column headings. */
export const headRow = (labels: readonly string[]): Html =>
  html`<thead>
    <tr>
      ${labels.map((l) => html`<th scope="col">${l}</th>`)}
    </tr>
  </thead>`;

/** A wide table that scrolls sideways at 320 px; focusable so keyboard users can scroll it. */
export function scrollTable(label: string, table: Html): Html {
  return html`<div class="scroll" role="region" aria-label="${label}" tabindex="0">${table}</div>`;
}

export const when = (date: Date | null | undefined): string =>
  date ? `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—';
