/**
 * The sync options as form fields, each explained in a practice manager's words, shared by the
 * Settings page (the global values) and Setup's options step (one source's): which invoice
 * statuses are sent, the cutoff or issue-date range, payments, contact names, summarised lines,
 * locked periods. Also reads them back from a posted form, every field, so that the change is
 * validated whole (src/service/save-sync-settings.ts) and a refused one is shown as typed.
 *
 * @module
 */
import { html } from 'hono/html';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { asLedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { INVOICE_STATUSES } from '../ledger/statuses.js';
import type { SyncSettings } from '../sync/sync-settings.js';
import type { Html } from './layout.js';
import { problem } from './page-context.js';

export type Flag = {
  [K in keyof SyncSettings]-?: SyncSettings[K] extends boolean ? K : never;
}[keyof SyncSettings];
export type Day = 'issueDateFrom' | 'issueDateTo' | 'createdAfter' | 'bankingDateFrom';

/** What the fields show: the values in force, or what was typed when a change was refused. */
export type OptionValues = { readonly pushStatuses: readonly string[] } & {
  readonly [K in Day]?: string | null;
} & { readonly [K in Flag]: boolean };

export const FLAGS: readonly [Flag, string, string][] = [
  ['syncPayments', 'Send payments to Xero', 'Payments taken in the practice system are recorded against their invoice in Xero. Off: invoices only, and payments are entered in Xero by hand.'],
  ['appendSourceIdToContactNames', "Add the practice system's id to contact names", 'Xero refuses a second contact with a name it already has: "Alex Morgan (1234)" keeps two patients or clients called Alex Morgan apart.'],
  ['privacyMode', 'Privacy mode: patients as references, not names', 'For health practices: a patient reaches Xero as "Patient 1234" (their id in the practice system), with no e-mail, phone, address or tax number; turning it on also blanks the patients already in Xero. Suppliers keep their names.'],
  ['summariseLines', 'Summarise invoice lines', 'One line per account on each invoice in Xero instead of every item; the practice system keeps the detail.'],
  ['moveLockedToFirstOpenDate', "Date invoices in a locked period on Xero's first open day", 'When an invoice is dated before the lock date set in Xero, it is sent dated on the first day still open. Off: it waits on Sync errors until the period is opened or the date changed.'],
  ['lockPushed', 'Keep sent invoices as sent', 'Changes made in the practice system after an invoice was sent are not sent until it is unlocked on its page under Documents. Off: changes follow.'],
  ['pushAllContacts', 'Send every contact, not only those with invoices', 'Off: a patient or client is added to Xero only when one of their invoices is sent.'],
]; // prettier-ignore

export const DAYS: readonly [Day, string][] = [
  ['createdAfter', 'Only invoices created on or after (a cutoff)'],
  ['issueDateFrom', 'Invoices issued from'],
  ['issueDateTo', 'Invoices issued until'],
  ['bankingDateFrom', 'Bank transactions dated from'],
];

export const statusLabel = (s: string): string => s.replaceAll('_', ' ');

/** The option a field sets, in the words the form uses (a refusal names it so). */
export function optionLabel(field: string): string {
  if (field === 'pushStatuses') return 'Invoice statuses sent to Xero';
  if (field === 'source') return 'Practice system';
  return [...FLAGS, ...DAYS].find(([k]) => k === field)?.[1] ?? field;
}

/**
 * The fields, for a form whose action and button the page gives. `id` keeps the hints' ids unique
 * when several sources' forms share a page.
 */
export function syncOptionsFields(v: OptionValues, id: string): Html {
  return html`<fieldset>
      <legend>Invoice statuses sent to Xero</legend>
      <p class="hint" id="${id}-statuses">
        Tick each status whose invoices and credit notes are sent to Xero. Drafts arrive there as
        drafts, awaiting approval as awaiting approval. One already sent follows its later changes
        whatever is ticked: voided in the practice system, it is voided in Xero.
      </p>
      ${INVOICE_STATUSES.map((st) =>
        checkbox(
          'pushStatuses',
          st,
          `${id}-statuses`,
          v.pushStatuses.includes(st),
          statusLabel(st),
        ),
      )}
    </fieldset>
    <fieldset>
      <legend>From which date</legend>
      <p class="hint" id="${id}-dates">
        Leave a date empty for no limit. A cutoff sends only invoices created on or after it; a
        range only those issued between the two days (both included). Bank transactions before their
        date are left out, as the opening balances in Xero hold them. Both apply to invoices not yet
        sent.
      </p>
      ${DAYS.map(
        ([k, label]) =>
          html`<label
            >${label}
            <input type="date" name="${k}" value="${v[k] ?? ''}" aria-describedby="${id}-dates"
          /></label>`,
      )}
    </fieldset>
    <fieldset>
      <legend>How they are sent</legend>
      ${FLAGS.map(
        ([k, label, hint]) =>
          html`${checkbox(k, 'true', `${id}-${k}`, v[k], label)}
            <p class="hint" id="${id}-${k}">${hint}</p>`,
      )}
    </fieldset>`;
}

function checkbox(
  name: string,
  value: string,
  describedBy: string,
  checked: boolean,
  label: string,
): Html {
  return html`<label class="check"
    ><input
      type="checkbox"
      name="${name}"
      value="${value}"
      aria-describedby="${describedBy}"
      ${checked ? 'checked' : ''}
    />
    ${label}</label
  >`;
}

/**
 * Every option from a posted form: an unticked box is off and an empty date is "any date" (null),
 * so saving the form sets all of them. Values are not checked here: the save function checks.
 */
export function readOptionsForm(body: Readonly<Record<string, unknown>>): OptionValues {
  const text = (k: string): string => {
    const value = body[k];
    return typeof value === 'string' ? value : '';
  };
  const statuses = body.pushStatuses;
  const list = Array.isArray(statuses) ? statuses : statuses === undefined ? [] : [statuses];
  return {
    pushStatuses: list.filter((s): s is string => typeof s === 'string'),
    ...(Object.fromEntries(DAYS.map(([k]) => [k, text(k) || null])) as Record<Day, string | null>),
    ...(Object.fromEntries(FLAGS.map(([k]) => [k, text(k) === 'true'])) as Record<Flag, boolean>),
  };
}

/**
 * What a refused change tells the person: the option in the form's words, the value and why;
 * any other fault (the store away) as such.
 */
export function optionsRefusal(error: unknown): { text: string; status: ContentfulStatusCode } {
  const e = asLedgerbridgeError(error);
  const { field, value, why } = e.details;
  if (e.code !== 'LB_USAGE' || typeof field !== 'string')
    return { ...problem(error), text: `Not saved: ${problem(error).text}` };
  const shown = Array.isArray(value)
    ? value.join(', ')
    : typeof value === 'string'
      ? value
      : value === null || value === undefined
        ? 'empty'
        : JSON.stringify(value);
  const text = `Not saved: ${optionLabel(field)} "${shown}" ${String(why)}. Correct it and save again.`;
  return { text, status: 400 };
}
