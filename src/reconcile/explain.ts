/**
 * Plain words for each difference: what happened, its likely cause, and the fix — naming the
 * source by the kind its users know (Clio, Cliniko, Actionstep, the file drop) and documents by
 * their numbers, never by internal ids.
 *
 * @module
 */
import type { SourceKind } from '../store/sources-repo.js';
import type { DifferenceKind, Offer } from './model.js';

const SOURCE_NAMES: Record<SourceKind, string> = {
  clio: 'Clio',
  cliniko: 'Cliniko',
  actionstep: 'Actionstep',
  file: 'the file drop',
  push: 'the practice system',
};

export function sourceName(kind: SourceKind | undefined): string {
  return kind ? SOURCE_NAMES[kind] : 'the practice system';
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** "3 May 2026" (UTC), as an accountant reads a date. */
export function dayOf(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return 'an unknown date';
  const d = new Date(ms);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

export interface ExplainInput {
  readonly kind: DifferenceKind;
  /** "invoice INV-0042", "credit note CN-3", "a payment on INV-0042", "contact Alex Morgan". */
  readonly what: string;
  readonly amount: string;
  readonly currency?: string;
  readonly source?: SourceKind;
  readonly changedAt?: number;
  /** Who made the change in Xero, where Xero's history names them. */
  readonly changedBy?: string;
  /** For edits: "total 134.69 in Clio, 150.00 in Xero". */
  readonly detail?: string;
}

export interface Explanation {
  readonly explanation: string;
  readonly cause: string;
  readonly fix: string;
  readonly offers: readonly Offer[];
}

const money = (amount: string, currency = '') =>
  `${currency === 'AUD' || !currency ? '$' : `${currency} `}${amount}`;

interface Words {
  readonly src: string;
  readonly on: string;
  readonly sum: string;
  readonly what: string;
  readonly detail: string | undefined;
}

/** The words per kind of difference; `ID` is the difference's id in the report. */
const WORDS: Record<DifferenceKind, (w: Words) => Explanation> = {
  payment_added: (w) => ({
    explanation: `A ${w.sum} payment on ${w.what} was added in Xero on ${w.on}; ${w.src} does not show it.`,
    cause:
      'A payment entered in Xero itself (often through the bank feed) instead of in the practice system.',
    fix: `Record the payment in ${w.src}, or delete it in Xero.`,
    offers: ['accept'],
  }),
  payment_removed: (w) => ({
    explanation: `Our ${w.sum} payment on ${w.what} was deleted in Xero on ${w.on}; ${w.src} still shows it.`,
    cause: 'Someone removed the payment in Xero (for example while matching the bank feed).',
    fix: `Run \`ledgerbridge sync\`: it puts the payment back. If the payment is wrong, delete it in ${w.src} instead.`,
    offers: ['repush', 'accept'],
  }),
  payment_changed: (w) => ({
    explanation: `Our payment on ${w.what} was changed in Xero on ${w.on}: ${w.detail ?? 'its amount or date differs'}.`,
    cause:
      'Someone changed the payment in Xero: removed it and entered it again with another amount or date (Remove & Redo), for example while matching the bank feed.',
    // Xero cannot edit a payment, only delete it and enter another (reference §8): the sync
    // deletes the one Xero holds and enters the source's through its exactly-once path (P3).
    fix: `Put ${w.src}'s payment back with \`ledgerbridge reconcile fix ID --repush\` and a sync (it deletes the payment Xero holds and enters ${w.src}'s; one reconciled in Xero must be unreconciled there first), or make the same change in ${w.src}.`,
    offers: ['repush', 'accept'],
  }),
  allocation_changed: (w) => ({
    explanation: `${capital(w.what)} is applied differently in Xero: ${w.detail ?? 'its allocations differ'}.`,
    cause: 'The credit was applied, removed or moved to another invoice by hand in Xero.',
    fix: `Apply the credit as ${w.src} shows it with \`ledgerbridge reconcile fix ID --repush\` and a sync (it takes back the credit note's allocations in Xero and makes ${w.src}'s again), or apply it the same way in ${w.src}.`,
    offers: ['repush', 'accept'],
  }),
  voided: (w) => ({
    explanation: `${capital(w.what)} (${w.sum}) was voided in Xero on ${w.on}; ${w.src} still shows it open.`,
    cause: 'The document was voided by hand in Xero.',
    // Xero cannot un-void a document (the sync refuses with LB_SYNC_CANNOT_RESTORE).
    fix: `Void it in ${w.src} too; if it should stand, issue it again in ${w.src} with a new number (Xero cannot restore a voided document).`,
    offers: ['accept'],
  }),
  edited: (w) => ({
    explanation: `${capital(w.what)} was edited in Xero on ${w.on}: ${w.detail ?? 'its amounts differ'}.`,
    cause: 'The document was changed by hand in Xero after Ledgerbridge pushed it.',
    fix: `Put ${w.src}'s version back with \`ledgerbridge reconcile fix ID --repush\` and a sync, or make the same change in ${w.src}.`,
    offers: ['repush', 'accept'],
  }),
  missing: (w) => ({
    explanation: `${capital(w.what)} (${w.sum}) from ${w.src} is not in Xero.`,
    cause: 'It has not been synced yet, or Xero refused it (see `ledgerbridge errors`).',
    fix: 'Run `ledgerbridge sync`; if it is refused, `ledgerbridge errors` says why and how to fix it.',
    offers: ['repush', 'accept'],
  }),
  removed_at_source: (w) => ({
    explanation: `${capital(w.what)} (${w.sum}) was removed from ${w.src} but is still in Xero.`,
    cause:
      'It was deleted in the practice system after Ledgerbridge pushed it, and no sync has removed it since.',
    fix: 'Remove it from Xero with `ledgerbridge reconcile fix ID --remove` and a sync.',
    offers: ['remove', 'accept'],
  }),
  created_in_xero: (w) => ({
    explanation: `${capital(w.what)} (${w.sum}) was created in Xero on ${w.on} against a contact of ${w.src}; ${w.src} does not have it.`,
    cause: 'A document entered in Xero itself instead of in the practice system.',
    fix: `Enter it in ${w.src}, or void it in Xero.`,
    offers: ['accept'],
  }),
  contact_merged: (w) => ({
    explanation: `${capital(w.what)} was merged in Xero into ${w.detail ?? 'another contact'} on ${w.on}; its invoices moved there — ${w.src} still keeps them under ${w.what.replace(/^contact /, '')}. They are compared as before, not counted as differences.`,
    cause:
      'Someone merged two contacts in Xero (Contacts → Merge): Xero archives the one merged away.',
    fix: `Merge the two contacts the same way in ${w.src}; until then Xero refuses new documents for the archived contact (\`ledgerbridge errors\` shows them), and a change to it or its invoices in ${w.src} is sent to it again, restoring it in Xero and moving those invoices back. If they are different people, they cannot be unmerged in Xero: make the contact again there and accept this.`,
    offers: ['accept'],
  }),
  contact_archived: (w) => ({
    explanation: `${capital(w.what)} was archived in Xero on ${w.on}; ${w.src} still uses it.`,
    cause: 'The contact was archived (or merged into another) by hand in Xero.',
    fix: `Restore the contact in Xero, or archive it in ${w.src}.`,
    offers: ['accept'],
  }),
};

/** The words for one difference. */
export function explain(input: ExplainInput): Explanation {
  return WORDS[input.kind]({
    src: sourceName(input.source),
    on: input.changedBy
      ? `${dayOf(input.changedAt)} by ${input.changedBy}`
      : dayOf(input.changedAt),
    sum: money(input.amount, input.currency),
    what: input.what,
    detail: input.detail,
  });
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
