/**
 * The settings page: the sync options in force for every source (the global values). Roles that
 * may change mappings and settings get a form, validated as a whole before anything is saved; a
 * refused value is named with what is wrong. Others read the same values as a list.
 *
 * @module
 */
import { html } from 'hono/html';
import { allows } from '../http/principal.js';
import { INVOICE_STATUSES } from '../ledger/statuses.js';
import type { SyncSettings } from '../sync/sync-settings.js';
import { csrfField, layout, type Html, type PageContext } from './layout.js';

type Flag = {
  [K in keyof SyncSettings]-?: SyncSettings[K] extends boolean ? K : never;
}[keyof SyncSettings];
type Day = 'issueDateFrom' | 'issueDateTo' | 'createdAfter' | 'bankingDateFrom';

export const FLAGS: readonly [Flag, string][] = [
  ['syncPayments', 'Send payments to Xero'],
  ['pushAllContacts', 'Send every contact, not only those with invoices'],
  ['appendSourceIdToContactNames', "Add the practice system's id to contact names"],
  ['summariseLines', 'One line per account instead of every line'],
  ['lockPushed', 'Keep sent documents as sent until unlocked'],
  ['moveLockedToFirstOpenDate', "Date documents in a locked period on Xero's first open day"],
];

export const DAYS: readonly [Day, string][] = [
  ['issueDateFrom', 'Invoices issued from'],
  ['issueDateTo', 'Invoices issued until'],
  ['createdAfter', 'Only documents created after'],
  ['bankingDateFrom', 'Bank transactions dated from'],
];

const statusLabel = (s: string) => s.replaceAll('_', ' ');

export function settingsPage(ctx: PageContext, s: SyncSettings, notice?: string): Html {
  if (!allows(ctx.principal.role, 'map')) return layout(ctx, 'Settings', readOnly(s), notice);
  return layout(ctx, 'Settings', settingsForm(ctx, s), notice);
}

function readOnly(s: SyncSettings): Html {
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

function settingsForm(ctx: PageContext, s: SyncSettings): Html {
  return html`<form method="post" action="/settings">
    ${csrfField(ctx)}
    <fieldset>
      <legend>Invoice statuses sent to Xero</legend>
      ${INVOICE_STATUSES.map(
        (st) =>
          html`<label class="check"
            ><input
              type="checkbox"
              name="pushStatuses"
              value="${st}"
              ${s.pushStatuses.includes(st) ? 'checked' : ''}
            />
            ${statusLabel(st)}</label
          >`,
      )}
    </fieldset>
    <fieldset>
      <legend>Dates (leave empty for any date)</legend>
      ${DAYS.map(
        ([k, label]) =>
          html`<label>${label} <input type="date" name="${k}" value="${s[k] ?? ''}" /></label>`,
      )}
    </fieldset>
    <fieldset>
      <legend>Options</legend>
      ${FLAGS.map(
        ([k, label]) =>
          html`<label class="check"
            ><input type="checkbox" name="${k}" value="true" ${s[k] ? 'checked' : ''} />
            ${label}</label
          >`,
      )}
    </fieldset>
    <button type="submit">Save settings</button>
  </form>`;
}
