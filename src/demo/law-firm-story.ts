/**
 * What the law firm's Xero organisation holds after the demo, said the way a lawyer reads their
 * books: the trust receipts, the transfer from trust to office, the disbursement, the supplier
 * bills and the bounced cheque. Read from the Xero sandbox's books (what Xero shows), one line
 * each; the three-way trust report beside it is the product's own (reconcile/trust-report.ts).
 *
 * @module
 */
import { money } from '../reconcile/trust-report.js';
import type { BankTransaction } from '../sandbox/xero/accounting/model.js';
import type { Organisation } from '../sandbox/xero/accounting/organisation.js';

const dollars = (units: bigint) => `$${money(units)}`;

export function lawFirmStory(org: Organisation, trustCode: string, officeCode: string): string[] {
  const accountOf = (code: string) => [...org.accounts.values()].find((a) => a.code === code)?.id;
  const contact = (id: string | undefined) => (id && org.contacts.get(id)?.name) || 'no contact';
  const live = [...org.bankTransactions.values()].filter((t) => t.status !== 'DELETED');
  const on = (code: string, type: string) =>
    live.filter((t) => t.bankAccountId === accountOf(code) && t.type === type);
  const each = (ts: readonly BankTransaction[], say: (t: BankTransaction) => string) =>
    ts.length === 0 ? 'none' : ts.map(say).join('; ');
  const bills = [...org.invoices.values()].filter((i) => i.type === 'ACCPAY');
  const bounced = [...org.payments.values()].filter(
    (p) => p.status === 'DELETED' && bills.some((b) => b.id === p.targetId),
  );
  return [
    `Trust receipts (Receive Money into the trust account ${trustCode}): ${each(on(trustCode, 'RECEIVE'), (t) => `${dollars(t.total)} from ${contact(t.contactId)}`)}`,
    `Trust to office (Spend Money out of trust; the bill's own payment lands in the office account): ${each(on(trustCode, 'SPEND'), (t) => `${dollars(t.total)} of ${contact(t.contactId)}'s trust money — ${t.reference ?? ''}`)}`,
    `Disbursement paid by the firm (Spend Money from the office account ${officeCode}): ${each(on(officeCode, 'SPEND'), (t) => `${dollars(t.total)} to ${contact(t.contactId)}, ${t.reference ?? ''}`)}`,
    `Supplier bills (Xero bills to pay): ${bills.map((b) => `${b.number} from ${contact(b.contactId)}, ${dollars(b.total)}, ${b.total - b.amountPaid - b.amountCredited === 0n ? 'paid' : `${dollars(b.total - b.amountPaid - b.amountCredited)} owing`}`).join('; ')}`,
    `Bounced cheque: ${
      bounced.length === 0
        ? 'none'
        : bounced
            .map((p) => {
              const bill = bills.find((b) => b.id === p.targetId);
              return `${p.reference ?? 'a payment'} of ${dollars(p.amount)} came back unpaid: removed in Xero, so ${bill?.number ?? 'its bill'} is owing again`;
            })
            .join('; ')
    }`,
  ];
}
