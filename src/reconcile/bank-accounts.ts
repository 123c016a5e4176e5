/**
 * Each bank and clearing account Ledgerbridge posts to: the movement the practice's ledger implies
 * against the movement Xero holds, as of a day (pure; issue 20). Xero's side is its own documents
 * on the account — payments, bank transactions (Receive and Spend Money, overpayments,
 * prepayments) and transfers — wherever they were entered, the bank feed included. Where the two
 * differ the difference is split into what only Xero holds, what Xero lacks, and what both hold
 * with other amounts, so that it can be explained (bank-words.ts).
 *
 * @module
 */
import { formatUnits, toUnits } from '../ledger/decimal.js';
import type { BankLeg } from './bank-ledger.js';
import { bankTransactionUnits, paymentUnits } from './bank-movement.js';
import { explainBankAccount, type Part } from './bank-words.js';
import type { XeroSummary } from './model.js';

export interface BankAccountRef {
  readonly code: string;
  readonly name: string;
}

/** One part of a difference: how many documents, and the money they move (signed, + in). */
export interface BankPart {
  readonly count: number;
  readonly amount: string;
}

export interface BankAccountCheck {
  readonly code: string;
  readonly name: string;
  /** Signed decimals with two places: the practice's ledger, Xero, and Xero less the ledger. */
  readonly ledger: string;
  readonly xero: string;
  readonly difference: string;
  readonly agrees: boolean;
  /** Xero's documents Ledgerbridge did not post (entered in Xero, e.g. from the bank feed). */
  readonly enteredInXero: BankPart & { readonly kinds: Readonly<Record<string, number>> };
  /** Ours that Xero does not hold (not synced, refused, deleted there). */
  readonly notInXero: BankPart & { readonly kinds: Readonly<Record<string, number>> };
  /** Ours that Xero holds with another amount (or on another account). */
  readonly changedInXero: BankPart;
  readonly explanation?: string;
  readonly cause?: string;
  readonly fix?: string;
}

/** One of Xero's movements on an account; `owner` is the document we would have linked. */
interface XeroMove {
  readonly owner: string;
  /** The account's code. */
  readonly code: string;
  readonly units: bigint;
  readonly date: string | undefined;
  readonly kind: string;
}

const PAYMENT_KINDS: Record<string, string> = { ACCRECPAYMENT: 'payment', ACCPAYPAYMENT: 'payment' }; // prettier-ignore

/** Xero's live movements on bank accounts. Transfer legs are read as their transfer. */
export function xeroMoves(summaries: readonly XeroSummary[]): XeroMove[] {
  const out: XeroMove[] = [];
  for (const s of summaries) {
    if (s.status !== 'AUTHORISED' || !s.accountCode) continue;
    const base = { owner: s.id, date: s.date };
    if (s.collection === 'Payments')
      out.push({ ...base, code: s.accountCode, units: paymentUnits(s.paymentType, s.amount), kind: PAYMENT_KINDS[s.paymentType ?? ''] ?? 'refund' }); // prettier-ignore
    else if (s.collection === 'BankTransactions' && !s.type?.endsWith('TRANSFER'))
      out.push({ ...base, code: s.accountCode, units: bankTransactionUnits(s.type, s.total), kind: transactionKind(s.type) }); // prettier-ignore
    else if (s.collection === 'BankTransfers' && s.toAccountCode) {
      const amount = toUnits(s.amount ?? '0');
      out.push({ ...base, code: s.accountCode, units: -amount, kind: 'transfer' });
      out.push({ ...base, code: s.toAccountCode, units: amount, kind: 'transfer' });
    }
  }
  return out;
}

function transactionKind(type: string | undefined): string {
  if (type?.endsWith('OVERPAYMENT')) return 'overpayment';
  if (type?.endsWith('PREPAYMENT')) return 'prepayment';
  return type === 'SPEND' ? 'spend money' : 'receive money';
}

const within = (date: string | undefined, asOf: string | undefined) =>
  asOf === undefined || (date !== undefined && date <= asOf);

export interface BankCheckInput {
  readonly accounts: readonly BankAccountRef[];
  readonly legs: readonly BankLeg[];
  readonly xero: readonly XeroSummary[];
  /** Every Xero id Ledgerbridge linked in this organisation: what is not among them was entered in Xero. */
  readonly ours: ReadonlySet<string>;
  readonly asOf?: string;
}

export function checkBankAccounts(input: BankCheckInput): BankAccountCheck[] {
  const moves = xeroMoves(input.xero);
  const inXero = new Set(moves.map((m) => m.owner));
  return input.accounts.map((account) => {
    const legs = input.legs.filter((l) => l.code === account.code && within(l.date, input.asOf));
    const here = moves.filter((m) => m.code === account.code && within(m.date, input.asOf)); // prettier-ignore
    const held = (l: BankLeg) => l.xeroId !== null && inXero.has(l.xeroId);
    const missing = legs.filter((l) => !held(l));
    const entered = here.filter((m) => !input.ours.has(m.owner));
    const changed = changedOwners(legs.filter(held), here.filter((m) => input.ours.has(m.owner))); // prettier-ignore
    const ledger = sum(legs.map((l) => l.units));
    const xero = sum(here.map((m) => m.units));
    const parts: Part[] = [
      partOf('entered', entered),
      partOf('missing', missing),
      { part: 'changed', count: changed.count, units: changed.units, kinds: new Map() },
    ];
    const agrees = parts.every((p) => p.count === 0) && ledger === xero;
    const money = (u: bigint) => formatUnits(u, 2);
    const part = (p: Part) => ({ count: p.count, amount: money(p.units) });
    return {
      code: account.code,
      name: account.name,
      ledger: money(ledger),
      xero: money(xero),
      difference: money(xero - ledger),
      agrees,
      enteredInXero: { ...part(parts[0]!), kinds: counts(parts[0]!) },
      notInXero: { ...part(parts[1]!), kinds: counts(parts[1]!) },
      changedInXero: part(parts[2]!),
      ...(!agrees && explainBankAccount(account, xero - ledger, parts, input.asOf)),
    };
  });
}

/** Our documents on the account whose movement differs in Xero: how many, and by how much. */
function changedOwners(legs: readonly BankLeg[], moves: readonly XeroMove[]) {
  const by = new Map<string, bigint>();
  for (const l of legs) by.set(l.xeroId!, (by.get(l.xeroId!) ?? 0n) - l.units);
  for (const m of moves) by.set(m.owner, (by.get(m.owner) ?? 0n) + m.units);
  const differing = [...by.values()].filter((u) => u !== 0n);
  return { count: differing.length, units: sum(differing) };
}

const sum = (units: readonly bigint[]) => units.reduce((a, b) => a + b, 0n);
const partOf = (part: Part['part'], items: readonly { kind: string; units: bigint }[]): Part => ({
  part,
  count: items.length,
  units: sum(items.map((i) => i.units)),
  kinds: byKind(items),
});

function byKind(items: readonly { kind: string; units: bigint }[]): Part['kinds'] {
  const out = new Map<string, { count: number; units: bigint }>();
  for (const { kind, units } of items) {
    const k = out.get(kind) ?? { count: 0, units: 0n };
    out.set(kind, { count: k.count + 1, units: k.units + units });
  }
  return out;
}

const counts = (p: Part) => Object.fromEntries([...p.kinds].map(([kind, k]) => [kind, k.count]));
