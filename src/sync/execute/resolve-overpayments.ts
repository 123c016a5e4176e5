/**
 * A lost batch of overpayments or prepayments found again (resolve-intents.ts). Xero keeps no
 * Reference on these bank transaction types, so each carries the PMS id in its line's
 * description (overpayment-payload.ts); the batch's contacts are read with their transactions of
 * the type — paged reads, which carry the line items — and matched on that description.
 * Deleted ones are not ours any more: created again.
 *
 * @module
 */
import type { IntentDocument } from '../../store/intents-repo.js';
import { readPages } from '../../xero/reader.js';
import { text } from '../../xero/wire.js';
import { parseXeroDate } from '../../xero/xero-dates.js';
import type { RunContext } from './run-context.js';

export type OverpaymentFound = { xeroId: string; state: Record<string, unknown> } | undefined;

const CONTACTS_PER_READ = 20;

export async function lookUpOverpayments(
  rc: RunContext,
  docs: readonly IntentDocument[],
): Promise<OverpaymentFound[]> {
  const found = new Map<string, Record<string, unknown>>();
  for (const type of new Set(docs.map((d) => d.lookup.Type ?? ''))) {
    const contacts = [
      ...new Set(docs.filter((d) => d.lookup.Type === type).map((d) => d.lookup.ContactID ?? '')),
    ];
    for (let i = 0; i < contacts.length; i += CONTACTS_PER_READ) {
      const any = contacts
        .slice(i, i + CONTACTS_PER_READ)
        .map((id) => `Contact.ContactID==guid(${JSON.stringify(id)})`)
        .join(' OR ');
      const where = `Type==${JSON.stringify(type)} AND (${any})`;
      for await (const page of readPages(rc.api, {
        tenantId: rc.tenantId,
        collection: 'BankTransactions',
        where,
      }))
        for (const txn of page)
          if (txn.Status !== 'DELETED' && txn.Status !== 'VOIDED')
            found.set(`${type}\0${descriptionOf(txn)}`, txn);
    }
  }
  return docs.map((d) => {
    const txn = found.get(`${d.lookup.Type ?? ''}\0${d.lookup.Description ?? ''}`);
    const id = txn?.BankTransactionID;
    if (!txn || typeof id !== 'string') return undefined;
    return { xeroId: id, state: overpaymentState(txn) };
  });
}

function descriptionOf(txn: Record<string, unknown>): string {
  const lines = Array.isArray(txn.LineItems) ? (txn.LineItems as Record<string, unknown>[]) : [];
  return text(lines[0]?.Description);
}

/** What the link keeps of a created overpayment: the credit's id and what an edit compares. */
export function overpaymentState(txn: Record<string, unknown>): Record<string, unknown> {
  const contact = (txn.Contact ?? {}) as Record<string, unknown>;
  const bank = (txn.BankAccount ?? {}) as Record<string, unknown>;
  return {
    xeroStatus: text(txn.Status),
    prepayId: text(txn.OverpaymentID ?? txn.PrepaymentID),
    type: text(txn.Type),
    contact: text(contact.ContactID),
    bankAccount: text(bank.Code),
    date: parseXeroDate(txn.Date) ?? '',
    amount: text(txn.Total),
  };
}
