/**
 * Plain words for a bank or clearing account whose movement in Xero differs from the practice's
 * ledger (bank-accounts.ts): how much more or less Xero holds, made of what, its likely cause and
 * the fix — e.g. "Xero holds $120.00 more on Operating (090) than the practice's ledger posted:
 * 2 payments entered in Xero ($120.00 in)."
 *
 * @module
 */
import { money } from './trust-report.js';

export interface Part {
  readonly part: 'entered' | 'missing' | 'changed';
  readonly count: number;
  /** Signed units: + into the account. */
  readonly units: bigint;
  /** How many of each kind ("payment", "spend money" …), and the money they move. */
  readonly kinds: ReadonlyMap<string, { readonly count: number; readonly units: bigint }>;
}

const dollars = (units: bigint) => `$${money(units < 0n ? -units : units)}`;
const flow = (units: bigint) => `${dollars(units)} ${units < 0n ? 'out' : 'in'}`;
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Xero's names: "Spend Money transaction", "payment", "transfer" … */
const NOUNS: Readonly<Record<string, string>> = {
  'spend money': 'Spend Money transaction',
  'receive money': 'Receive Money transaction',
};

/** "1 payment ($120.00 in) and 1 Spend Money transaction ($30.00 out)". */
function kindsText(kinds: Part['kinds']): string {
  const list = [...kinds].map(
    ([kind, k]) => `${plural(k.count, NOUNS[kind] ?? kind)} (${flow(k.units)})`,
  );
  return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

const WORDS = {
  entered: {
    what: (p: Part) => `${kindsText(p.kinds)} entered in Xero`,
    cause:
      'Money recorded in Xero itself — often from the bank feed — that Ledgerbridge did not post.',
    fix: "Record them in the practice system (the differences above name those on the practice's invoices), or delete them in Xero if they do not belong there.",
  },
  missing: {
    what: (p: Part) =>
      `${kindsText(p.kinds)} of the practice's ${p.count === 1 ? 'is' : 'are'} not in Xero`,
    cause:
      "The practice's documents not synced yet, refused by Xero, or deleted in Xero after Ledgerbridge posted them.",
    fix: 'Run `ledgerbridge sync`; `ledgerbridge errors` says why one is refused.',
  },
  changed: {
    what: (p: Part) =>
      `${p.count} posted by Ledgerbridge ${p.count === 1 ? 'has' : 'have'} another amount or account in Xero (${flow(p.units)})`,
    cause:
      'Entries Ledgerbridge posted were changed in Xero afterwards (for example while matching the bank feed).',
    fix: "Put the practice system's version back (the differences above offer it), or make the same change in the practice system.",
  },
} as const;

export function explainBankAccount(
  account: { readonly code: string; readonly name: string },
  difference: bigint,
  parts: readonly Part[],
  asOf: string | undefined,
): { explanation: string; cause: string; fix: string } {
  const present = parts.filter((p) => p.count > 0);
  const on = `on ${account.name} (${account.code})`;
  const when = asOf ? ` up to ${asOf}` : '';
  const head =
    difference === 0n
      ? `Xero holds the same ${on} as the practice's ledger posted${when}, but not the same entries`
      : `Xero holds ${dollars(difference)} ${difference > 0n ? 'more' : 'less'} ${on} than the practice's ledger posted${when}`;
  return {
    explanation: `${head}: ${present.map((p) => WORDS[p.part].what(p)).join('; ')}.`,
    cause: present.map((p) => WORDS[p.part].cause).join(' '),
    fix: present.map((p) => WORDS[p.part].fix).join(' '),
  };
}
