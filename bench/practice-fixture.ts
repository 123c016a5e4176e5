/**
 * A practice's documents for the sync benches: contacts, invoices (two lines, 4-dp unit amount),
 * credit notes each allocated to an invoice, and payments; stored in a fresh embedded store routed
 * and mapped to one connected sandbox organisation.
 */
import { validateDocument } from '../src/ledger/index.js';
import type { Database } from '../src/store/database.js';
import { upsertDocuments } from '../src/store/documents-repo.js';
import { putMapping, type MappingType } from '../src/store/mappings-repo.js';
import { migrate } from '../src/store/migrator.js';
import { openPgliteDatabase } from '../src/store/pglite-database.js';
import { ensureSource, routeEntity } from '../src/store/sources-repo.js';
import type { Clock } from '../src/time/clock.js';
import type { BudgetLimits } from '../src/xero/budget.js';
import type { XeroSandboxOptions } from '../src/sandbox/xero/index.js';
import { connectedOrg, type BenchOrg } from './support.js';

export interface PracticeSize {
  readonly contacts: number;
  readonly invoices: number;
  readonly creditNotes: number;
  /** Payments of the invoices after the first 200 (one each). */
  readonly payments: number;
}

const AT = '2026-11-01T00:00:00Z';

export function* practiceDocuments(size: PracticeSize): Generator<unknown> {
  for (let c = 1; c <= size.contacts; c++)
    yield {
      kind: 'contact',
      sourceId: `c${c}`,
      updatedAt: AT,
      name: `Client ${c}`,
      email: `client${c}@example.com`,
    };
  for (let i = 1; i <= size.invoices; i++) yield invoice(i, size.contacts);
  for (let n = 1; n <= size.creditNotes; n++) yield creditNote(n, size.contacts);
  for (let p = 1; p <= size.payments; p++)
    yield {
      kind: 'payment',
      sourceId: `p${p}`,
      updatedAt: AT,
      invoiceId: `i${p + 200}`,
      method: 'card',
      date: '2026-11-04',
      amount: '134.69',
      currency: 'AUD',
    };
}

function invoice(i: number, contacts: number): unknown {
  return {
    kind: 'invoice',
    sourceId: `i${i}`,
    number: `B-${i}`,
    updatedAt: AT,
    status: 'awaiting_payment',
    contactId: `c${1 + (i % contacts)}`,
    issueDate: '2026-11-02',
    currency: 'AUD',
    lineAmountType: 'inclusive',
    lines: [
      {
        kind: 'time',
        description: 'Consultation',
        quantity: '1',
        unitAmount: '110.00',
        taxCode: 'GST',
      },
      {
        kind: 'product',
        description: 'Theraband',
        quantity: '2',
        unitAmount: '12.3456',
        taxCode: 'GST',
      },
    ],
    total: '134.69',
  };
}

function creditNote(n: number, contacts: number): unknown {
  return {
    kind: 'credit_note',
    sourceId: `n${n}`,
    number: `CN-${n}`,
    updatedAt: AT,
    status: 'authorised',
    contactId: `c${1 + (n % contacts)}`,
    issueDate: '2026-11-03',
    currency: 'AUD',
    lineAmountType: 'inclusive',
    lines: [
      {
        kind: 'other',
        description: 'Goodwill',
        quantity: '1',
        unitAmount: '10.00',
        taxCode: 'GST',
      },
    ],
    total: '10.00',
    allocations: [{ invoiceId: `i${n}`, amount: '10.00', date: '2026-11-03' }],
  };
}

/** A fresh embedded store holding the practice, routed and mapped to one sandbox organisation. */
export async function practiceStore(
  size: PracticeSize,
  options: { clock?: Clock; sandbox?: XeroSandboxOptions; limits?: BudgetLimits },
): Promise<{ db: Database; org: BenchOrg }> {
  return documentStore(practiceDocuments(size), PRACTICE_MAPPINGS, options);
}

export type BenchMapping = readonly [MappingType, string, string];

const PRACTICE_MAPPINGS: readonly BenchMapping[] = [
  ['line_kind_account', 'time', '200'],
  ['line_kind_account', 'product', '200'],
  ['line_kind_account', 'other', '200'],
  ['tax_code', 'GST', 'OUTPUT'],
  ['payment_method_account', 'card', '090'],
];

/**
 * A fresh embedded store holding `documents` (validated as an import would), routed and mapped to
 * one sandbox organisation; `prepare` runs against the organisation first (e.g. to add accounts
 * to its chart that the mappings name).
 */
export async function documentStore(
  documents: Iterable<unknown>,
  mappings: readonly BenchMapping[],
  options: { clock?: Clock; sandbox?: XeroSandboxOptions; limits?: BudgetLimits },
  prepare: (org: BenchOrg) => void = () => undefined,
): Promise<{ db: Database; org: BenchOrg }> {
  const db = await openPgliteDatabase({ create: true });
  await migrate(db);
  const org = await connectedOrg(db, options);
  prepare(org);
  await ensureSource(db, 'bench', 'file');
  await routeEntity(db, 'bench', 'default', org.tenantId);
  for (const [type, key, value] of mappings)
    await putMapping(db, { tenantId: org.tenantId, source: '*', type, key, value });
  const page = [];
  for (const raw of documents) {
    const v = validateDocument(raw, { source: 'bench' });
    if (!v.ok) throw new Error(JSON.stringify(v.error));
    page.push(v.value);
  }
  await upsertDocuments(db, page);
  return { db, org };
}
