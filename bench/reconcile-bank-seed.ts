/**
 * The money side of the reconciliation bench (bench/reconcile.ts): a practice's real mix, seeded
 * into the sandbox as the sync would have pushed it and into the store with its links, and the
 * movement each mapped account should show, worked out here from the seed itself — not by the
 * code under test — so the bench can check the report's bank lines.
 *
 * Invoice n is paid in full (110.00) when n % 10 < 6 (60 %): by EFT into the Business Bank
 * Account (090), or, for n % 10 = 5, by card through Stripe into its clearing account (093),
 * paid out to the bank in payouts of 150 payments less 1.75 % fees (a transfer of the net and a
 * Spend Money of the fees). Bank transactions (3 per 100 invoices, Receive and Spend Money) are
 * on 090; transfers (1 per 2,000 invoices) move 1,000.00 from 090 to the savings account (091).
 *
 * @module
 */
import { formatUnits, toUnits } from '../src/ledger/decimal.js';
import { createBankTransfer } from '../src/sandbox/xero/accounting/transfers.js';
import type { Database } from '../src/store/database.js';
import { upsertDocuments } from '../src/store/documents-repo.js';
import type { LinkWrite } from '../src/store/links-repo.js';
import { saveLinks } from '../src/store/links-repo.js';
import { putMapping } from '../src/store/mappings-repo.js';
import type { BenchOrg } from './support.js';

export const OPERATING = '090';
export const SAVINGS = '091';
export const CLEARING = '093';
const FEES_ACCOUNT = '404';
const PER_PAYOUT = 150;
const PAYMENT = toUnits('110.00');
const PAYOUT_GROSS = PAYMENT * BigInt(PER_PAYOUT);
const PAYOUT_FEES = (PAYOUT_GROSS * 175n) / 10_000n; // 1.75 %, 288.75 on 16,500.00
const TRANSFER = toUnits('1000.00');

/** Invoice n is paid, and how. */
export const paidBy = (n: number): 'eft' | 'stripe' | undefined =>
  n % 10 < 5 ? 'eft' : n % 10 === 5 ? 'stripe' : undefined;

export interface BankMix {
  readonly payments: number;
  readonly stripePayments: number;
  readonly payouts: number;
  readonly bankTransactions: number;
  readonly transfers: number;
  /** Bank transactions Xero lists: ours, the payouts' fees, and each transfer's two legs. */
  readonly listedBankTransactions: number;
  /** Each mapped account's movement, signed decimals, as the seed made it. */
  readonly expected: Readonly<Record<string, string>>;
}

type Ledger = (record: Record<string, unknown>) => unknown;
type Link = (kind: LinkWrite['kind'], sourceId: string, xeroId: string) => LinkWrite;

/** The vendor the practice's Spend Money is paid to (one contact more in Xero and the store). */
export const VENDOR = { kind: 'contact', sourceId: 'v-1', name: 'Court Registry' };

/** What the seeding writes as it goes: the store's documents and links, each account's movement. */
interface Seeding {
  readonly k: BenchOrg['sandbox']['control']['bookkeeper'];
  readonly tenantId: string;
  readonly vendorId: string;
  readonly ledger: Ledger;
  readonly link: Link;
  readonly docs: unknown[];
  readonly links: LinkWrite[];
  readonly move: Record<string, bigint>;
}

export async function seedBank(
  db: Database,
  org: BenchOrg,
  input: { invoiceIds: readonly string[]; vendorId: string; ledger: Ledger; link: Link },
): Promise<BankMix> {
  const { tenantId } = org;
  const k = org.sandbox.control.bookkeeper;
  k.createAccount(tenantId, { Code: CLEARING, Name: 'Stripe clearing', Type: 'BANK', BankAccountNumber: '000000 00000093' }); // prettier-ignore
  for (const [type, key, value] of [
    ['payment_method_account', 'eft', OPERATING],
    ['payment_method_account', 'stripe', CLEARING],
    ['bank_account', 'operating', OPERATING],
    ['bank_account', 'savings', SAVINGS],
    ['processor_fee_account', '*', FEES_ACCOUNT],
  ] as const)
    await putMapping(db, { tenantId, source: '*', type, key, value });
  const move = { [OPERATING]: 0n, [SAVINGS]: 0n, [CLEARING]: 0n } as Record<string, bigint>;
  const s: Seeding = { ...input, k, tenantId, docs: [], links: [], move };
  const stripe = payments(s, input.invoiceIds);
  const payoutCount = Math.floor(stripe / PER_PAYOUT);
  for (let p = 0; p < payoutCount; p++) payout(s, p);
  const bankTransactions = Math.floor((input.invoiceIds.length * 3) / 100);
  for (let t = 0; t < bankTransactions; t++) bankMoney(s, t);
  const transfers = Math.max(1, Math.floor(input.invoiceIds.length / 2_000));
  for (let t = 0; t < transfers; t++) transfer(s, t);
  // Set-based, 1,000 rows a statement, as the invoices are (a payout has two links).
  for (let i = 0; i < s.docs.length; i += 1_000)
    await upsertDocuments(db, s.docs.slice(i, i + 1_000) as Parameters<typeof upsertDocuments>[1]);
  for (let i = 0; i < s.links.length; i += 1_000)
    await saveLinks(
      db,
      s.links.slice(i, i + 1_000).map((l) => ({ ...l, tenantId })),
    );
  return {
    payments: s.links.filter((l) => l.kind === 'payment').length,
    stripePayments: stripe,
    payouts: payoutCount,
    bankTransactions,
    transfers,
    listedBankTransactions: bankTransactions + payoutCount + 2 * (payoutCount + transfers),
    expected: Object.fromEntries(Object.entries(move).map(([c, u]) => [c, formatUnits(u, 2)])),
  };
}

/** Each paid invoice's payment, in Xero and linked; returns how many went through Stripe. */
function payments(s: Seeding, invoiceIds: readonly string[]): number {
  let stripe = 0;
  invoiceIds.forEach((invoiceId, n) => {
    const method = paidBy(n);
    if (!method) return;
    const account = method === 'eft' ? OPERATING : CLEARING;
    const paid = s.k.payInvoice(s.tenantId, invoiceId, { amount: '110.00', accountCode: account, date: '2026-11-05', reference: `PAY-${n}` }); // prettier-ignore
    s.docs.push(s.ledger({ kind: 'payment', sourceId: `pay-${n}`, invoiceId: `inv-${n}`, method, date: '2026-11-05', amount: '110.00', currency: 'AUD', reference: `PAY-${n}` })); // prettier-ignore
    s.links.push(s.link('payment', `pay-${n}`, String(paid.PaymentID)));
    s.move[account]! += PAYMENT;
    if (method === 'stripe') stripe++;
  });
  return stripe;
}

/** A payout as the sync pushes it (plan-payout.ts): the net transferred, the fees spent. */
function payout(s: Seeding, p: number): void {
  const net = PAYOUT_GROSS - PAYOUT_FEES;
  const date = '2026-11-09';
  const made = s.k.run(s.tenantId, createBankTransfer, { FromBankAccount: { Code: CLEARING }, ToBankAccount: { Code: OPERATING }, Amount: formatUnits(net, 2), Date: date }); // prettier-ignore
  const fees = s.k.createBankTransaction(s.tenantId, spend(s.vendorId, CLEARING, PAYOUT_FEES, FEES_ACCOUNT, date)); // prettier-ignore
  s.docs.push(s.ledger({ kind: 'payout', sourceId: `po-${p}`, method: 'stripe', date, gross: formatUnits(PAYOUT_GROSS, 2), fees: formatUnits(PAYOUT_FEES, 2), net: formatUnits(net, 2), currency: 'AUD', bankAccount: 'operating', processorReference: `po_${p}` })); // prettier-ignore
  s.links.push(s.link('payout', `po-${p}`, String(made.BankTransferID)));
  s.links.push(s.link('payout', `po-${p}#fees`, String(fees.BankTransactionID)));
  s.move[CLEARING]! -= PAYOUT_GROSS;
  s.move[OPERATING]! += net;
}

/** Receive Money (one in three) or Spend Money t on the bank account. */
function bankMoney(s: Seeding, t: number): void {
  const type = t % 3 === 0 ? 'receive' : 'spend';
  const units = toUnits(`${10 + (t % 90)}.50`);
  const wire = spend(s.vendorId, OPERATING, units, type === 'spend' ? '429' : '260', '2026-11-06'); // prettier-ignore
  const made = s.k.createBankTransaction(s.tenantId, { ...wire, Type: type.toUpperCase() });
  s.docs.push(s.ledger(bankTransaction(t, type, formatUnits(units, 2))));
  s.links.push(s.link('bank_transaction', `bt-${t}`, String(made.BankTransactionID)));
  s.move[OPERATING]! += type === 'spend' ? -units : units;
}

function transfer(s: Seeding, t: number): void {
  const made = s.k.run(s.tenantId, createBankTransfer, { FromBankAccount: { Code: OPERATING }, ToBankAccount: { Code: SAVINGS }, Amount: '1000.00', Date: '2026-11-07' }); // prettier-ignore
  s.docs.push(s.ledger({ kind: 'bank_transfer', sourceId: `tr-${t}`, fromBankAccount: 'operating', toBankAccount: 'savings', date: '2026-11-07', amount: '1000.00', currency: 'AUD' })); // prettier-ignore
  s.links.push(s.link('bank_transfer', `tr-${t}`, String(made.BankTransferID)));
  s.move[OPERATING]! -= TRANSFER;
  s.move[SAVINGS]! += TRANSFER;
}

/** A Spend Money of `units` on `bankCode` to the vendor, no tax (Xero's total is the amount). */
export const spend = (
  vendorId: string,
  bankCode: string,
  units: bigint,
  accountCode: string,
  date: string,
) => ({
  Type: 'SPEND',
  Contact: { ContactID: vendorId },
  BankAccount: { Code: bankCode },
  Date: date,
  LineAmountTypes: 'NoTax',
  LineItems: [
    { Description: 'Movement', Quantity: 1, UnitAmount: formatUnits(units, 2), AccountCode: accountCode }, // prettier-ignore
  ],
});

const bankTransaction = (t: number, type: string, amount: string) => ({
  kind: 'bank_transaction',
  sourceId: `bt-${t}`,
  type,
  bankAccount: 'operating',
  contactId: VENDOR.sourceId,
  date: '2026-11-06',
  currency: 'AUD',
  lineAmountType: 'no_tax',
  reference: `Bank ${t}`,
  lines: [
    { kind: 'other', description: 'Movement', quantity: '1', unitAmount: amount, accountCode: type === 'spend' ? '429' : '260' }, // prettier-ignore
  ],
});
