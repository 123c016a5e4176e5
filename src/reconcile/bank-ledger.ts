/**
 * The money the practice's ledger moves on each bank and clearing account (pure): one leg per
 * account a document we push (or should have pushed) moves, signed (+ in, − out), with the Xero
 * document that makes it. The accounts are the sync's own mappings (src/sync/mapping-context.ts)
 * and the amounts what the sync sends (src/sync/map/): a payment on its method's account, a
 * refund and an overpayment on their bank account, a bank transaction's total as Xero computes it,
 * a transfer out of one account and into another, a payout's net out of the method's clearing
 * account into the bank and its fees out of the clearing account, a trust movement on the trust
 * bank account. Documents deleted or void at the source move nothing; ones whose account is not
 * mapped are left to the sync's errors.
 *
 * @module
 */
import {
  TRUST_BANK_SIGN,
  toUnits,
  type BankTransactionDoc,
  type LedgerDocument,
} from '../ledger/index.js';
import type { MappingContext, Resolved } from '../sync/mapping-context.js';
import { undiscounted } from '../sync/map/line-items.js';
import { xeroTotalUnits } from '../sync/map/xero-totals.js';
import type { OurDocument } from './model.js';

export interface BankLeg {
  /** The Xero account code it moves. */
  readonly code: string;
  /** Signed units (1/10,000): + into the account, − out of it. */
  readonly units: bigint;
  /** The Xero document that makes the movement; null while it is not in Xero. */
  readonly xeroId: string | null;
  readonly date: string;
  /** What it is, as the report names it: "payment", "spend money", "transfer", "payout" … */
  readonly kind: string;
}

type Leg = Omit<BankLeg, 'xeroId' | 'date' | 'kind'>;

const KIND_NAMES: Readonly<Record<string, string>> = {
  bank_transfer: 'transfer',
  trust_movement: 'trust movement',
};
const code = (r: Resolved<string>) => (r.ok ? r.value : undefined);
const leg = (c: string | undefined, units: bigint): Leg[] => (c ? [{ code: c, units }] : []);

/** The kinds that move money on a bank or clearing account. */
const MOVES_MONEY: ReadonlySet<string> = new Set([
  'payment',
  'refund',
  'overpayment',
  'bank_transaction',
  'bank_transfer',
  'payout',
  'trust_movement',
]);

/** Whether the document moves money now: live at the source, of a kind that moves money. */
export function movesMoney(o: OurDocument): boolean {
  const d = o.document;
  return !o.deleted && MOVES_MONEY.has(d.kind) && 'status' in d && d.status === 'active';
}

export function ledgerLegs(
  ours: readonly OurDocument[],
  mapping: (source: string) => MappingContext,
): BankLeg[] {
  const byKey = new Map(ours.map((o) => [`${o.source}/${o.document.kind}/${o.document.sourceId}`, o.document])); // prettier-ignore
  const typeOf = (o: OurDocument, kind: string, id: string) => {
    const d = byKey.get(`${o.source}/${kind}/${id}`);
    return d && 'type' in d ? d.type : undefined;
  };
  const out: BankLeg[] = [];
  for (const o of ours) {
    const d = o.document;
    if (!movesMoney(o)) continue;
    const ctx = mapping(o.source);
    const kind = d.kind === 'bank_transaction' ? `${d.type} money` : (KIND_NAMES[d.kind] ?? d.kind);
    const at = (legs: Leg[], xeroId = o.xeroId) =>
      legs.forEach((l) => out.push({ ...l, xeroId, kind, date: 'date' in d ? d.date : '' }));
    if (d.kind === 'payout') {
      const clearing = code(ctx.paymentAccount(d.method));
      at([...leg(clearing, -toUnits(d.net)), ...leg(code(ctx.bankAccount(d.bankAccount)), toUnits(d.net))]); // prettier-ignore
      if (toUnits(d.fees) !== 0n) at(leg(clearing, -toUnits(d.fees)), o.feesXeroId ?? null);
    } else at(legsOf(d, ctx, (kind, id) => typeOf(o, kind, id)));
  }
  return out;
}

/** The legs of one document other than a payout; `typeOf` finds a linked document's type. */
function legsOf(
  d: LedgerDocument,
  ctx: MappingContext,
  typeOf: (kind: string, sourceId: string) => string | undefined,
): Leg[] {
  switch (d.kind) {
    case 'payment': {
      const bill = typeOf('invoice', d.invoiceId) === 'bill';
      return leg(code(ctx.paymentAccount(d.method)), bill ? -toUnits(d.amount) : toUnits(d.amount)); // prettier-ignore
    }
    case 'refund': {
      // A client is paid back (out); a supplier pays the firm back (in).
      const bill = typeOf(d.creditKind, d.creditId) === 'bill';
      return leg(code(ctx.bankAccount(d.bankAccount)), bill ? toUnits(d.amount) : -toUnits(d.amount)); // prettier-ignore
    }
    case 'overpayment':
      return leg(code(ctx.bankAccount(d.bankAccount)), d.type === 'bill' ? -toUnits(d.amount) : toUnits(d.amount)); // prettier-ignore
    case 'bank_transaction': {
      const total = transactionTotal(d, ctx);
      return leg(code(ctx.bankAccount(d.bankAccount)), d.type === 'spend' ? -total : total);
    }
    case 'bank_transfer':
      return [
        ...leg(code(ctx.bankAccount(d.fromBankAccount)), -toUnits(d.amount)),
        ...leg(code(ctx.bankAccount(d.toBankAccount)), toUnits(d.amount)),
      ];
    case 'trust_movement':
      return TRUST_BANK_SIGN[d.type] === 0
        ? []
        : leg(code(ctx.trustBankAccount()), BigInt(TRUST_BANK_SIGN[d.type]) * toUnits(d.amount));
    default:
      return [];
  }
}

/**
 * The total Xero computes for the bank transaction the sync sends (map/bank-payloads.ts): lines
 * without discounts, a spend's tax codes looked up as on bills, tax per line rounded to the cent.
 */
function transactionTotal(d: BankTransactionDoc, ctx: MappingContext): bigint {
  const side = d.type === 'spend' ? 'bill' : 'sales';
  const lines = d.lines.map((line) => {
    const tax = ctx.taxType(line.taxCode, side);
    return { ...undiscounted(line), rate: ctx.taxRate(tax.ok ? tax.value : undefined) };
  });
  return xeroTotalUnits(lines, d.lineAmountType);
}
