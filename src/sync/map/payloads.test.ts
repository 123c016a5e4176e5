import { describe, expect, it } from 'vitest';
import {
  exampleContact,
  exampleCreditNote,
  exampleInvoice,
  examplePayment,
} from '../../ledger/test-support/examples.js';
import {
  validateDocument,
  type Contact,
  type CreditNote,
  type Invoice,
  type LedgerDocument,
  type Payment,
} from '../../ledger/index.js';
import { SPEC_PRESENT, specValidator } from '../../sandbox/xero/test-support/conformance.js';
import { makeMappingContext } from '../mapping-context.js';
import { DEFAULT_SYNC_SETTINGS } from '../sync-settings.js';
import { auSettings, mappingRow } from '../test-support/au-settings.js';
import { contactPayload } from './contact-payload.js';
import { creditNotePayload, invoicePayload } from './invoice-payload.js';
import { paymentPayload } from './payment-payload.js';

const doc = <T extends LedgerDocument>(input: unknown): T => {
  const r = validateDocument(input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.document as T;
};
const row = mappingRow;
/** Contact naming as a new install has it: the PMS id appended, privacy mode off. */
const NAMED = DEFAULT_SYNC_SETTINGS;
/** Privacy mode (FEATURES X6): contact-payload.test.ts has its behaviour; here, its schema. */
const PRIVATE = { ...DEFAULT_SYNC_SETTINGS, privacyMode: true };
const MAPPINGS = [
  row('line_kind_account', 'time', '200'),
  row('line_kind_account', 'product', '200'),
  row('line_kind_account', 'other', '260'),
  row('category_account', 'Initial consult', '201'),
  row('tax_code', 'GST', 'OUTPUT'),
  row('payment_method_account', 'card', '091'),
];
const ctx = (settings = auSettings(), mappings = MAPPINGS) =>
  makeMappingContext(mappings, 'clinic', settings);

describe('Xero payloads', () => {
  it('maps an inclusive invoice: category beats kind, tax code mapped, no rounding needed', () => {
    const out = invoicePayload(doc<Invoice>(exampleInvoice), 'C-1', ctx(), DEFAULT_SYNC_SETTINGS);
    if (!out.ok) throw new Error(out.message);
    expect(out.rounding).toBeNull();
    expect(out.payload).toMatchObject({
      Type: 'ACCREC',
      Contact: { ContactID: 'C-1' },
      InvoiceNumber: 'INV-1001',
      Reference: 'INV-ID-77',
      Date: '2026-11-02',
      DueDate: '2026-11-16',
      Status: 'AUTHORISED',
      LineAmountTypes: 'Inclusive',
      CurrencyCode: 'AUD',
    });
    expect(out.payload.LineItems.map((l) => [l.AccountCode, l.TaxType, l.UnitAmount])).toEqual([
      ['201', 'OUTPUT', 110],
      ['200', 'OUTPUT', 12.3456],
    ]);
  });

  it('adds a rounding line when Xero’s per-line tax misses the PMS total (11.44 vs 11.45 at 15 %)', () => {
    const lines = ['25.06', '25.61', '25.63'].map((u) => ({
      kind: 'time',
      description: 'x',
      quantity: '1',
      unitAmount: u,
      taxCode: 'NZOUTPUT15',
    }));
    // The PMS taxed the total: 76.30 × 15 % = 11.445 → 11.45; Xero taxes each line: 11.44.
    const invoice = doc<Invoice>({
      ...exampleInvoice,
      lineAmountType: 'exclusive',
      lines,
      total: '87.75',
      taxTotal: '11.45',
    });
    const out = invoicePayload(invoice, 'C-1', ctx(), DEFAULT_SYNC_SETTINGS);
    if (!out.ok) throw new Error(out.message);
    expect(out.rounding).toBe('0.01');
    expect(out.payload.LineItems.at(-1)).toEqual({
      Description: 'Rounding',
      Quantity: 1,
      UnitAmount: 0.01,
      AccountCode: '860',
      TaxType: 'BASEXCLUDED',
    });
  });

  it('summarises lines per account when asked', () => {
    const lines = [1, 2, 3].map((n) => ({
      kind: 'time',
      description: `visit ${n}`,
      quantity: '1',
      unitAmount: '33.3333',
      taxCode: 'GST',
    }));
    const invoice = doc<Invoice>({ ...exampleInvoice, lines, total: '100.00' });
    const out = invoicePayload(invoice, 'C-1', ctx(), {
      ...DEFAULT_SYNC_SETTINGS,
      summariseLines: true,
    });
    if (!out.ok) throw new Error(out.message);
    // Each line is 33.33 to the cent (as Xero rounds it), so 99.99 in all; the PMS says 100.00.
    expect(out.payload.LineItems).toEqual([
      {
        Description: '3 lines summarised (account 200)',
        Quantity: 1,
        UnitAmount: 99.99,
        AccountCode: '200',
        TaxType: 'OUTPUT',
      },
      {
        Description: 'Rounding',
        Quantity: 1,
        UnitAmount: 0.01,
        AccountCode: '860',
        TaxType: 'BASEXCLUDED',
      },
    ]);
    expect(out.rounding).toBe('0.01');
  });

  it('names what is missing or unusable', () => {
    const noMap = invoicePayload(
      doc<Invoice>({
        ...exampleInvoice,
        lines: [{ kind: 'interest', description: 'x', quantity: '1', unitAmount: '134.69' }],
      }),
      'C',
      ctx(),
      DEFAULT_SYNC_SETTINGS,
    );
    expect(noMap).toMatchObject({
      ok: false,
      code: 'LB_MAPPING_MISSING',
      message: 'No Xero account is mapped for interest lines',
    });
    const archived = invoicePayload(
      doc<Invoice>(exampleInvoice),
      'C',
      ctx(auSettings(), [
        ...MAPPINGS.filter((m) => m.key !== 'Initial consult'),
        row('category_account', 'Initial consult', '399'),
      ]),
      DEFAULT_SYNC_SETTINGS,
    );
    expect(archived).toMatchObject({
      ok: false,
      code: 'LB_MAPPING_INVALID',
      fix: expect.stringContaining(
        'Account 399 is archived in Xero — choose another in Mappings',
      ) as unknown,
    });
    const badTax = invoicePayload(
      doc<Invoice>({
        ...exampleInvoice,
        lines: [{ ...exampleInvoice.lines[0], taxCode: 'VAT20' }],
        total: '110.00',
      }),
      'C',
      ctx(),
      DEFAULT_SYNC_SETTINGS,
    );
    expect(badTax).toMatchObject({
      ok: false,
      code: 'LB_MAPPING_MISSING',
      message: 'No Xero tax rate is mapped for tax code "VAT20"',
    });
  });

  it('refuses a document in a locked period, or moves it to the first open day', () => {
    const locked = ctx(auSettings({ periodLockDate: '2026-11-02' }));
    expect(
      invoicePayload(doc<Invoice>(exampleInvoice), 'C', locked, DEFAULT_SYNC_SETTINGS),
    ).toMatchObject({
      ok: false,
      code: 'LB_SYNC_PERIOD_LOCKED',
      message: expect.stringContaining('lock date 2026-11-02') as unknown,
    });
    const moved = invoicePayload(doc<Invoice>(exampleInvoice), 'C', locked, {
      ...DEFAULT_SYNC_SETTINGS,
      moveLockedToFirstOpenDate: true,
    });
    expect(moved).toMatchObject({
      ok: true,
      movedFrom: '2026-11-02',
      payload: { Date: '2026-11-03', DueDate: '2026-11-16' },
    });
  });

  it('maps payments to the account of their method, and contacts with the source id appended', () => {
    const pay = paymentPayload(doc<Payment>(examplePayment), 'INV-X', ctx(), DEFAULT_SYNC_SETTINGS);
    expect(pay).toMatchObject({
      ok: true,
      payload: {
        Invoice: { InvoiceID: 'INV-X' },
        Account: { Code: '091' },
        Date: '2026-11-04',
        Amount: 119.69,
        Reference: 'PAY-9',
      },
    });
    expect(
      paymentPayload(
        doc<Payment>({ ...examplePayment, method: 'cash' }),
        'I',
        ctx(),
        DEFAULT_SYNC_SETTINGS,
      ),
    ).toMatchObject({ ok: false, code: 'LB_MAPPING_MISSING' });
    const contact = contactPayload(doc<Contact>(exampleContact), NAMED);
    expect(contact).toMatchObject({
      Name: 'Alex Morgan (P-1001)',
      ContactNumber: 'P-1001',
      EmailAddress: 'alex@example.com',
      TaxNumber: '51 824 753 556',
      Addresses: [{ AddressType: 'POBOX', AddressLine1: '1 George St', City: 'Sydney' }],
    });
    expect(
      contactPayload(doc<Contact>(exampleContact), {
        ...NAMED,
        appendSourceIdToContactNames: false,
      }).Name,
    ).toBe('Alex Morgan');
  });

  it.skipIf(!SPEC_PRESENT)('every payload is valid against Xero’s official OpenAPI schemas', () => {
    const spec = specValidator();
    const invoice = invoicePayload(
      doc<Invoice>(exampleInvoice),
      '7a2ff7ad-2c3b-4c7b-8d36-b1a3b5f0a001',
      ctx(),
      DEFAULT_SYNC_SETTINGS,
    );
    const credit = creditNotePayload(
      doc<CreditNote>(exampleCreditNote),
      '7a2ff7ad-2c3b-4c7b-8d36-b1a3b5f0a001',
      ctx(),
      DEFAULT_SYNC_SETTINGS,
    );
    const payment = paymentPayload(
      doc<Payment>(examplePayment),
      '7a2ff7ad-2c3b-4c7b-8d36-b1a3b5f0a002',
      ctx(),
      DEFAULT_SYNC_SETTINGS,
    );
    if (!invoice.ok || !credit.ok || !payment.ok) throw new Error('payload refused');
    expect(spec.validateSchema('accounting', 'Invoice', invoice.payload)).toEqual([]);
    expect(spec.validateSchema('accounting', 'CreditNote', credit.payload)).toEqual([]);
    expect(spec.validateSchema('accounting', 'Payment', payment.payload)).toEqual([]);
    for (const naming of [NAMED, PRIVATE])
      expect(
        spec.validateSchema(
          'accounting',
          'Contact',
          contactPayload(doc<Contact>(exampleContact), naming),
        ),
      ).toEqual([]);
    expect(
      spec.validateSchema('accounting', 'Allocation', {
        Invoice: { InvoiceID: '7a2ff7ad-2c3b-4c7b-8d36-b1a3b5f0a003' },
        Amount: 15,
        Date: '2026-11-03',
      }),
    ).toEqual([]);
  });
});

describe('tracking on lines', () => {
  const tracked = (option: string) =>
    doc<Invoice>({
      ...exampleInvoice,
      lines: [{ ...exampleInvoice.lines[0], tracking: [{ category: 'Practitioner', option }] }],
      total: '110.00',
    });
  const settings = auSettings({
    trackingCategories: [
      {
        name: 'Region',
        status: 'ACTIVE',
        options: [{ name: 'North', status: 'ACTIVE' }],
      },
      {
        name: 'Practitioner',
        status: 'ACTIVE',
        options: [{ name: 'Dr Okafor', status: 'ACTIVE' }],
      },
    ],
  });

  it('an option Xero lacks is a missing mapping naming `map tracking`, not a Xero refusal', () => {
    const out = invoicePayload(tracked('Dr Lee'), 'C-1', ctx(settings), DEFAULT_SYNC_SETTINGS);
    expect(out).toMatchObject({ ok: false, code: 'LB_MAPPING_MISSING' });
    if (out.ok) return;
    expect(out.fix).toContain('ledgerbridge map tracking "Practitioner=Dr Lee" "CATEGORY=OPTION"');
  });

  it('a mapped option goes to Xero by its Xero names; an option Xero has is used as is', () => {
    const mapped = [...MAPPINGS, row('tracking', 'Practitioner=Dr Lee', 'region=NORTH')];
    const out = invoicePayload(
      tracked('Dr Lee'),
      'C-1',
      ctx(settings, mapped),
      DEFAULT_SYNC_SETTINGS,
    );
    if (!out.ok) throw new Error(out.message);
    expect(out.payload.LineItems[0]?.Tracking).toEqual([{ Name: 'Region', Option: 'North' }]);
    const same = invoicePayload(tracked('dr okafor'), 'C-1', ctx(settings), DEFAULT_SYNC_SETTINGS);
    if (!same.ok) throw new Error(same.message);
    expect(same.payload.LineItems[0]?.Tracking).toEqual([
      { Name: 'Practitioner', Option: 'Dr Okafor' },
    ]);
  });
});
