/**
 * The benchmark generator: `count` approved bills, each with a service line and an expense line,
 * written straight into the books (no activities), seeded so the same seed gives the same bills.
 *
 * @module
 */
import { mulberry32 } from '../xero/faults.js';
import { recomputeBill } from './bills.js';
import type { FirmBooks, Row } from './firm.js';
import { PracticeUser } from './practice.js';

const BENCH_BILL = {
  start_at: null,
  end_at: null,
  paid_at: null,
  last_sent_at: null,
  purchase_order: null,
  memo: null,
  type: 'MatterBill',
  kind: 'revenue_kind',
  state: 'awaiting_payment',
  secondary_tax_rate: 0,
  discount: { rate: 0, type: 'percentage', note: null },
  discount_services_only: false,
  interest: { balance: 0, period: 30, rate: 0, total: 0, type: 'simple' },
  shared: false,
};

/** One approved bench bill with a service line and an expense line. */
function benchBill(books: FirmBooks, matter: Row, n: number, draw: () => number): number {
  const s = books.firm.settings;
  const issued = new Date(Date.UTC(2026, 0, 1) + Math.floor(draw() * 300) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const bill = books.insert(
    'bills',
    {
      ...BENCH_BILL,
      number: String(books.next('bill')),
      issued_at: issued,
      due_at: issued,
      subject: `Bench bill ${n}`,
      tax_rate: s.taxRate ?? 0,
      user: s.user ?? null,
      client: matter.client,
      matters: [matter.id],
      currency: s.currency ?? null,
      destination_account: s.bankAccount ?? null,
    },
    true,
  );
  const line = (kind: string, description: string, price: number, quantity: number) =>
    books.insert(
      'line_items',
      {
        type: 'LineItem',
        kind,
        description,
        date: issued,
        note: null,
        group_ordering: kind === 'Service' ? 1 : 2,
        price,
        quantity,
        discount: null,
        taxable: true,
        secondary_taxable: false,
        bill: bill.id,
        activity: null,
        matter: matter.id,
        user: s.user ?? null,
      },
      true,
    );
  line(
    'Service',
    'Professional services',
    150 + Math.floor(draw() * 300),
    Math.ceil(draw() * 40) / 4,
  );
  line('Expense', 'Disbursement', Math.round(draw() * 50_000) / 100, 1);
  return recomputeBill(books, bill.id).id;
}

/**
 * `count` approved bills for benchmarks, spread over the firm's matters (one new client and
 * matter when it has none). The new bills' ids.
 */
export function generateBills(books: FirmBooks, count: number, seed = 1): number[] {
  const draw = mulberry32(seed);
  let matters = books.all('matters');
  if (matters.length === 0) {
    const user = new PracticeUser(books);
    const client = user.createContact({
      type: 'Company',
      name: 'Bench Client Pty Ltd',
      email: 'bench@example.com',
    });
    matters = [
      books.require(
        'matters',
        user.createMatter({ clientId: client, description: 'Bench matter' }),
      ),
    ];
  }
  const ids: number[] = [];
  for (let i = 0; i < count; i++)
    ids.push(benchBill(books, matters[i % matters.length] as Row, i + 1, draw));
  return ids;
}
