import { describe, expect, it } from 'vitest';
import { validateDocument, type LedgerDocument } from '../../ledger/index.js';
import { makeMappingContext } from '../mapping-context.js';
import { DEFAULT_SYNC_SETTINGS } from '../sync-settings.js';
import { auSettings, mappingRow as row } from '../test-support/au-settings.js';
import { payloadHash } from './payload-hash.js';
import { planBanking, type BankingPlanInput } from './plan-banking.js';
import type { LinkInfo, PlanContext } from './plan-input.js';

const doc = (input: Record<string, unknown>) => {
  const r = validateDocument({ source: 'firm', updatedAt: '2026-11-04T10:00:00Z', ...input });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.document as Extract<LedgerDocument, BankingPlanInput['doc']>;
};
const spend = doc({
  kind: 'bank_transaction',
  sourceId: 'DISB-1',
  type: 'spend',
  bankAccount: 'operating',
  contactId: 'V-1',
  date: '2026-11-04',
  currency: 'AUD',
  reference: 'Filing fee',
  lines: [
    {
      kind: 'disbursement',
      category: 'fees',
      description: 'Fee',
      quantity: '1',
      unitAmount: '350',
    },
  ],
});
const transfer = doc({
  kind: 'bank_transfer',
  sourceId: 'T-1',
  fromBankAccount: 'operating',
  toBankAccount: 'savings',
  date: '2026-11-04',
  amount: '5000',
  currency: 'AUD',
});
const journal = doc({
  kind: 'journal',
  sourceId: 'J-1',
  date: '2026-11-30',
  narration: 'Accrue rent',
  currency: 'AUD',
  lines: [
    { category: 'fees', amount: '2500.00' },
    { accountCode: '200', amount: '-2500.00' },
  ],
});

const mappings = [row('bank_account', 'operating', '090'), row('category_account', 'fees', '310')];
const ctx = (extra: Partial<PlanContext['settings']> = {}, rows = mappings): PlanContext => ({
  settings: { ...DEFAULT_SYNC_SETTINGS, ...extra },
  mapping: makeMappingContext(rows, 'firm', auSettings()),
});
const link = (state: Record<string, unknown> = {}): LinkInfo => ({
  xeroId: 'x-1',
  pushedHash: 'old',
  locked: false,
  state,
});
const contactLink = link();
const plan = (d: BankingPlanInput['doc'], more: Partial<BankingPlanInput> = {}, c = ctx()) =>
  planBanking({ doc: d, hash: 'h', deleted: false, link: undefined, contactLink, ...more }, c);

describe('planning bank transactions', () => {
  it('creates a SPEND into the mapped bank account with our id in the Reference', () => {
    expect(plan(spend)).toMatchObject({
      op: 'create',
      kind: 'bank_transaction',
      payload: {
        Type: 'SPEND',
        Contact: { ContactID: 'x-1' },
        BankAccount: { Code: '090' },
        Reference: 'Filing fee (DISB-1)',
        LineItems: [{ AccountCode: '310', Quantity: 1, UnitAmount: 350 }],
      },
    });
  });

  it('names the missing bank account mapping with the command that adds it', () => {
    const op = plan(spend, {}, ctx({}, [row('category_account', 'fees', '310')]));
    expect(op).toMatchObject({ op: 'reject', code: 'LB_MAPPING_MISSING' });
    expect(op.op === 'reject' && op.fix).toContain('ledgerbridge map bank-account "operating"');
  });

  it('waits on a contact not yet in Xero', () => {
    expect(plan(spend, { contactLink: undefined })).toMatchObject({ code: 'LB_SYNC_BLOCKED' });
  });

  it('leaves out what is dated before bankingDateFrom', () => {
    expect(plan(spend, {}, ctx({ bankingDateFrom: '2026-12-01' }))).toMatchObject({
      op: 'skip',
      reason: 'dated 2026-11-04, before bankingDateFrom 2026-12-01',
    });
  });

  it('pushes an edit, but refuses one Xero has reconciled, saying what differs', () => {
    expect(plan(spend, { link: link() })).toMatchObject({ op: 'update', xeroId: 'x-1' });
    const op = plan(spend, {
      link: link({ isReconciled: true, date: '2026-11-03', total: '300.00' }),
    });
    expect(op).toMatchObject({
      op: 'reject',
      code: 'LB_SYNC_RECONCILED',
      message:
        'changed in the PMS (date 2026-11-03 → 2026-11-04; lines total 300.00 → 350.00), but Xero has it reconciled',
    });
  });

  it('refuses to turn money received into money spent, which Xero cannot change', () => {
    expect(plan(spend, { link: link({ type: 'SPEND' }) })).toMatchObject({ op: 'update' });
    expect(plan(spend, { link: link({ type: 'RECEIVE' }) })).toMatchObject({
      op: 'reject',
      code: 'LB_SYNC_BANK_TYPE_CHANGED',
      message:
        'changed from money received to money spent after it was sent, and Xero cannot change that',
    });
  });

  it('deletes what the PMS deleted; refuses when reconciled', () => {
    expect(plan(spend, { deleted: true, link: link() })).toMatchObject({
      op: 'remove',
      status: 'DELETED',
    });
    expect(plan(spend, { deleted: true, link: link({ isReconciled: true }) })).toMatchObject({
      code: 'LB_SYNC_RECONCILED',
    });
    expect(plan(spend, { deleted: true })).toMatchObject({ op: 'skip' });
  });
});

describe('planning transfers and journals', () => {
  const both = ctx({}, [...mappings, row('bank_account', 'savings', '090')]);

  it('creates a transfer, and refuses an edit Xero cannot make', () => {
    const created = plan(transfer, {}, both);
    expect(created).toMatchObject({ op: 'create', payload: { Amount: 5000, Reference: 'T-1' } });
    const sent =
      created.op === 'create' && 'payload' in created ? payloadHash(created.payload) : '';
    expect(plan(transfer, { link: link({ payloadHash: sent }) }, both)).toMatchObject({
      op: 'skip',
    });
    expect(plan(transfer, { link: link({ payloadHash: 'other' }) }, both)).toMatchObject({
      op: 'reject',
      code: 'LB_SYNC_TRANSFER_CHANGED',
    });
  });

  it('creates a posted journal with our id in the narration; a deletion voids it', () => {
    expect(plan(journal)).toMatchObject({
      op: 'create',
      payload: {
        Narration: 'Accrue rent (J-1)',
        Status: 'POSTED',
        JournalLines: [
          { AccountCode: '310', LineAmount: 2500 },
          { AccountCode: '200', LineAmount: -2500 },
        ],
      },
    });
    expect(plan(journal, { deleted: true, link: link() })).toMatchObject({
      op: 'remove',
      status: 'VOIDED',
    });
  });
});
