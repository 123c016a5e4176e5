/**
 * The settings page: the sync options in force for every source without its own (a source's own
 * are chosen in Setup's options step). Roles that may change mappings and settings get the form
 * (src/dashboard/sync-options-form.ts), validated as a whole before anything is saved; a refused
 * value is named with what is wrong, and the form keeps what was typed. Others read the values.
 *
 * @module
 */
import { html } from 'hono/html';
import { allows } from '../http/principal.js';
import { csrfField, layout, type Html, type PageContext } from './layout.js';
import {
  DAYS,
  FLAGS,
  statusLabel,
  syncOptionsFields,
  type OptionValues,
} from './sync-options-form.js';

export function settingsPage(ctx: PageContext, s: OptionValues, notice?: string): Html {
  if (!allows(ctx.principal.role, 'map')) return layout(ctx, 'Settings', readOnly(s), notice);
  return layout(ctx, 'Settings', settingsForm(ctx, s), notice);
}

function readOnly(s: OptionValues): Html {
  return html`<dl>
    <dt>Invoice statuses sent</dt>
    <dd>${s.pushStatuses.map(statusLabel).join(', ')}</dd>
    ${DAYS.map(
      ([k, label]) =>
        html`<dt>${label}</dt>
          <dd>${s[k] ?? 'any date'}</dd>`,
    )}
    ${FLAGS.map(
      ([k, label]) =>
        html`<dt>${label}</dt>
          <dd>${s[k] ? 'yes' : 'no'}</dd>`,
    )}
  </dl>`;
}

function settingsForm(ctx: PageContext, s: OptionValues): Html {
  return html`<p>
      These options apply to every practice system, except one whose own options were saved in
      <a href="/setup-sync#options">Setup</a>.
    </p>
    <form method="post" action="/settings">
      ${csrfField(ctx)} ${syncOptionsFields(s, 'global')}
      <button type="submit">Save settings</button>
    </form>`;
}
