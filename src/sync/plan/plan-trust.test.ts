import { describe, expect, it } from 'vitest';
import { validateDocument, type TrustMovementDoc } from '../../ledger/index.js';
import { makeMappingContext } from '../mapping-context.js';
import { DEFAULT_SYNC_SETTINGS } from '../sync-settings.js';
import { auSettings, mappingRow as row } from '../test-support/au-settings.js';
import { planBanking } from './plan-banking.js';
import type { LinkInfo, PlanContext } from './plan-input.js';

const move = (extra: Record<string, unknown> = {}) => {
  const r = validateDocument({
    kind: 'trust_movement',
    source: 'firm',
    sourceId: 'TR-1',
    updatedAt: '2026-11-04T10:00:00Z',
    type: 'receipt',
    contactId: 'CL-1',
    matter: '1042',
    date: '2026-11-04',
    amount: '2000.00',
    currency: 'AUD',
    ...extra,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.document as TrustMovementDoc;
};

const base = auSettings();
const settings = auSettings({
  accounts: [
    ...base.accounts,
    { ...base.accounts[3]!, accountId: 'acc-092', code: '092', name: 'Trust' },
    { ...base.accounts[7]!, accountId: 'acc-855', code: '855', name: 'Trust liability', systemAccount: undefined, accountClass: 'LIABILITY' }, // prettier-ignore
  ],
});
const ctx = (bank = '092', liability = '855'): PlanContext => ({
  settings: DEFAULT_SYNC_SETTINGS,
  mapping: makeMappingContext(
    [row('trust_bank_account', '*', bank), row('trust_liability_account', '*', liability)],
    'firm',
    settings,
  ),
});
const link = (state: Record<string, unknown> = {}): LinkInfo => ({
  xeroId: 'x-1',
  pushedHash: 'old',
  locked: false,
  state,
});
const plan = (doc: TrustMovementDoc, linked?: LinkInfo, c = ctx()) =>
  planBanking({ doc, hash: 'h', deleted: false, link: linked, contactLink: link() }, c);

describe('planning trust movements', () => {
  it('sends money in as Receive Money and money out as Spend Money on the trust bank, coded to the liability', () => {
    expect(plan(move({ reference: 'Deposit' }))).toMatchObject({
      op: 'create',
      kind: 'trust_movement',
      payload: {
        Type: 'RECEIVE',
        BankAccount: { Code: '092' },
        LineAmountTypes: 'NoTax',
        LineItems: [
          { Description: 'Trust receipt, matter 1042', UnitAmount: 2000, AccountCode: '855', TaxType: 'BASEXCLUDED' }, // prettier-ignore
        ],
        Reference: 'Deposit (trust TR-1)',
      },
    });
    const out = plan(move({ type: 'to_office', invoiceId: 'INV-7', amount: '110.00' }));
    expect(out).toMatchObject({
      payload: {
        Type: 'SPEND',
        LineItems: [{ Description: 'Trust to office, matter 1042 — invoice INV-7' }],
        Reference: 'Matter 1042, invoice INV-7 (trust TR-1)',
      },
    });
  });

  it('sends nothing for a transfer between matters, and takes one that was sent out of Xero', () => {
    const between = move({ type: 'matter_transfer', toMatter: '1043' });
    expect(plan(between)).toMatchObject({ op: 'skip', remember: true });
    expect(plan(between, link())).toMatchObject({ op: 'remove', xeroId: 'x-1', status: 'DELETED' });
  });

  it('refuses money in turned into money out, an edit of a reconciled one, and wrong mappings', () => {
    const payment = move({ type: 'payment', payee: 'Land Titles Office' });
    expect(plan(payment, link({ type: 'RECEIVE' }))).toMatchObject({
      op: 'reject',
      code: 'LB_SYNC_BANK_TYPE_CHANGED',
    });
    expect(plan(move(), link({ type: 'RECEIVE', isReconciled: true }))).toMatchObject({
      op: 'reject',
      code: 'LB_SYNC_RECONCILED',
    });
    expect(plan(move(), undefined, ctx('090', '090'))).toMatchObject({
      op: 'reject',
      code: 'LB_MAPPING_INVALID',
      message: 'Account 090 (trust liability account) is a BANK account, not a liability in Xero',
    });
    expect(plan(move(), undefined, ctx('855'))).toMatchObject({
      message: 'Account 855 (trust bank account) is not a bank account in Xero',
    });
  });
});
