/**
 * The law firm's second source, "Harbour Law payables & banking (file drop)": what Clio does not
 * keep, exported as JSON Lines in the published ledger format (docs/ledger-format.md) and imported
 * through the file drop, routed to the same Xero organisation as Clio.
 *
 * - Supplier bills: Clio has no accounts payable. The office rent, paid by transfer, and a legal
 *   research subscription, paid by cheque 100245.
 * - The bounced cheque: Clio's API has no returned-payment state (a voided allocation is a
 *   deletion, not a return). A ledger payment is matched to its invoice within its own source
 *   (links are kept per source: src/sync/execute/candidates.ts `linksFor`), so a file-drop payment
 *   cannot name a Clio bill. The returned cheque is therefore the firm's own cheque to LexisNexis,
 *   which the bank returned unpaid after the first sync: the later file sends that payment again
 *   with `status: "returned"`, Xero's payment is removed, and the supplier's bill is owing again.
 *
 * @module
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPath } from '../sources/file-drop/index.js';
import type { ImportReport } from '../sources/file-drop/index.js';
import type { Database } from '../store/database.js';
import { LAW_FIRM_PAYABLES } from './demo-practice.js';

const AT = '2026-03-06T09:00:00+11:00';

const supplier = (sourceId: string, name: string, email: string) => ({
  kind: 'contact',
  sourceId,
  updatedAt: AT,
  name,
  email,
  isSupplier: true,
});

function supplierBill(sourceId: string, number: string, contactId: string, line: Line) {
  return {
    kind: 'invoice',
    type: 'bill',
    sourceId,
    number,
    updatedAt: AT,
    status: 'awaiting_payment',
    contactId,
    issueDate: line.date,
    dueDate: line.due,
    currency: 'AUD',
    lineAmountType: 'exclusive',
    lines: [
      {
        kind: 'other',
        category: line.category,
        description: line.description,
        quantity: '1',
        unitAmount: line.amount,
        taxCode: 'GST on expenses',
      },
    ],
    taxTotal: line.gst,
    total: line.total,
  };
}

interface Line {
  readonly date: string;
  readonly due: string;
  readonly category: string;
  readonly description: string;
  readonly amount: string;
  /** 10% GST on `amount`, and the bill's total, as the supplier's bill shows them. */
  readonly gst: string;
  readonly total: string;
}

const chequeToLexis = (status: 'active' | 'returned', updatedAt: string) => ({
  kind: 'payment',
  sourceId: 'CHQ-100245',
  updatedAt,
  status,
  invoiceId: 'BILL-LN-884512',
  method: 'cheque',
  date: '2026-03-06',
  amount: '1089.00',
  currency: 'AUD',
  reference: 'Cheque 100245',
});

/** What the first export holds: two suppliers, their bills, the rent paid, the cheque written. */
export const FIRST_EXPORT: readonly Record<string, unknown>[] = [
  supplier('SUP-HPG', 'Harbour Property Group Pty Ltd', 'rent@hpg.example'),
  supplier('SUP-LN', 'LexisNexis Australia', 'billing@lexisnexis.example'),
  supplierBill('BILL-HPG-0326', 'HPG-2026-03', 'SUP-HPG', {
    date: '2026-03-01',
    due: '2026-03-07',
    category: 'Rent',
    description: 'Office rent, Level 4, 1 Harbour St — March 2026',
    amount: '4000.00',
    gst: '400.00',
    total: '4400.00',
  }),
  supplierBill('BILL-LN-884512', 'LN-884512', 'SUP-LN', {
    date: '2026-03-02',
    due: '2026-03-31',
    category: 'Subscriptions',
    description: 'Legal research subscription, Q1 2026',
    amount: '990.00',
    gst: '99.00',
    total: '1089.00',
  }),
  {
    kind: 'payment',
    sourceId: 'EFT-0305',
    updatedAt: AT,
    invoiceId: 'BILL-HPG-0326',
    method: 'eft',
    date: '2026-03-05',
    amount: '4400.00',
    currency: 'AUD',
    reference: 'March rent',
  },
  chequeToLexis('active', AT),
];

/** The later export: the bank returned cheque 100245 unpaid. */
export const LATER_EXPORT: readonly Record<string, unknown>[] = [
  chequeToLexis('returned', '2026-03-12T10:00:00+11:00'),
];

/** The first export imported; what the demo prints. */
export async function addPayables(db: Database): Promise<string> {
  const report = await importPayables(db, 'harbour-law-payables', FIRST_EXPORT);
  return `Imported harbour-law-payables.jsonl into ${LAW_FIRM_PAYABLES.label}: ${report.totals.added} records (two suppliers, their bills, the rent paid by transfer, cheque 100245 to LexisNexis)`;
}

/** The later export imported; what the demo prints. */
export async function returnCheque(db: Database): Promise<string> {
  await importPayables(db, 'harbour-law-payables-later', LATER_EXPORT);
  return 'Harbour Law (payables): the bank returned cheque 100245 to LexisNexis unpaid; the next export marks that payment returned';
}

/** Writes `records` as one export file and imports it through the file drop. */
export async function importPayables(
  db: Database,
  name: string,
  records: readonly Record<string, unknown>[],
): Promise<ImportReport> {
  const folder = await mkdtemp(join(tmpdir(), 'ledgerbridge-demo-'));
  try {
    const file = join(folder, `${name}.jsonl`);
    await writeFile(file, records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    return await importPath(db, file, { source: LAW_FIRM_PAYABLES.source });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
