import { describe, expect, it } from 'vitest';
import { validateDocument } from './validate.js';

const spend = {
  kind: 'bank_transaction',
  source: 'firm',
  sourceId: 'DISB-1',
  updatedAt: '2026-11-04T10:00:00Z',
  type: 'spend',
  bankAccount: 'operating',
  contactId: 'V-1',
  date: '2026-11-04',
  currency: 'AUD',
  lines: [{ kind: 'disbursement', description: 'Filing fee', quantity: '1', unitAmount: '350' }],
};

const journal = {
  kind: 'journal',
  source: 'firm',
  sourceId: 'J-1',
  updatedAt: '2026-11-04T10:00:00Z',
  date: '2026-11-30',
  narration: 'Accrual',
  currency: 'AUD',
  lines: [
    { category: 'rent', amount: '2500.00' },
    { accountCode: '820', amount: '-2500.00' },
  ],
};

const issuesOf = (input: unknown) => {
  const result = validateDocument(input);
  return result.ok ? [] : result.error.map((i) => `${i.field}: ${i.message}`);
};

describe('banking documents', () => {
  it('accepts a spend with its defaults filled in', () => {
    const result = validateDocument(spend);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.document).toMatchObject({
      status: 'active',
      lineAmountType: 'exclusive',
      entity: 'default',
    });
  });

  it('refuses a bank transaction whose lines come to zero or less', () => {
    const negative = { ...spend, lines: [{ ...spend.lines[0], unitAmount: '-5' }] };
    expect(issuesOf(negative)).toEqual([
      'lines: come to -5.00; the total must be above zero (money the other way is type "receive")',
    ]);
  });

  it('refuses a journal that is out by a cent, naming the difference', () => {
    const off = {
      ...journal,
      lines: [journal.lines[0], { ...journal.lines[1], amount: '-2499.99' }],
    };
    expect(issuesOf(off)).toEqual([
      'lines: do not balance: debits (positive) exceed credits (negative) by 0.01; they must sum to 0.00',
    ]);
    expect(issuesOf(journal)).toEqual([]);
  });

  it('refuses a journal line with no account and a zero line', () => {
    const bad = { ...journal, lines: [{ amount: '0.00' }, ...journal.lines] };
    expect(issuesOf(bad)).toEqual([
      'lines[0]: needs a category (mapped to a Xero account) or an accountCode',
      'lines[0].amount: must not be zero',
    ]);
  });

  it('refuses a transfer to the same account or of nothing', () => {
    const transfer = {
      kind: 'bank_transfer',
      source: 'firm',
      sourceId: 'T-1',
      updatedAt: '2026-11-04T10:00:00Z',
      fromBankAccount: 'operating',
      toBankAccount: 'operating',
      date: '2026-11-04',
      amount: '0',
      currency: 'AUD',
    };
    expect(issuesOf(transfer)).toEqual([
      'amount: must be greater than zero',
      'toBankAccount: is the same account as fromBankAccount: a transfer moves money between two',
    ]);
  });
});
