/**
 * The banner every page shows while a mapping is no longer valid (FEATURES S7): the organisation's
 * chart changed in Xero (an account archived or deleted, a tax rate or tracking option gone), or
 * the organisation itself is no longer connected (disconnected, or replaced by another). Each line
 * names the mapping and why, and — for roles that map — links to where it is fixed.
 *
 * @module
 */
import { html } from 'hono/html';
import { allows } from '../http/principal.js';
import type { Html, PageContext } from './layout.js';
import { NEED_LABELS } from './setup-choices.js';

export function mappingBanner(ctx: PageContext): Html | string {
  const rows = ctx.toFix ?? [];
  if (rows.length === 0) return '';
  const canMap = allows(ctx.principal.role, 'map');
  return html`<section class="banner" aria-labelledby="banner-title">
    <h2 id="banner-title">Mappings to fix before the next sync</h2>
    <ul>
      ${rows.map(
        (m) =>
          html`<li>
            ${m.organisation ?? 'An organisation no longer connected'}: ${NEED_LABELS[m.type]}
            "${m.key === '*' ? 'any' : m.key}" → ${m.value}
            ${
              m.connected
                ? html`is no longer valid (${m.problem}).`
                : html`belongs to an organisation that is no longer connected.`
            }
            ${canMap && m.connected ? html`<a href="/setup-sync#mappings">Fix it on Setup</a>` : ''}
            ${
              !m.connected && allows(ctx.principal.role, 'admin')
                ? html`<a href="/connections">Reconnect it</a>`
                : ''
            }
          </li>`,
      )}
    </ul>
  </section>`;
}
