import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceTest } from '../test-support/conformance.js';
import { createInvoice, list, pick, startTestSandbox, str } from '../test-support/harness.js';
import type { TestSandbox } from '../test-support/harness.js';
import { writeInvoice } from './invoices.js';

let t: TestSandbox;
const ids: string[] = [];
let acmeId = '';
beforeAll(async () => {
  t = await startTestSandbox({ region: 'AU' });
  acmeId = str(
    (
      await t.api('PUT', '/Contacts', {
        Contacts: [{ Name: 'Acme Legal', EmailAddress: 'accounts@acme.example' }],
      })
    ).body,
    'Contacts.0.ContactID',
  );
  const elements = Array.from({ length: 120 }, (_, i) => ({
    Type: i % 4 === 0 ? 'ACCPAY' : 'ACCREC',
    Contact: i % 3 === 0 ? { ContactID: acmeId } : { Name: `Patient ${i}` },
    Date: i < 60 ? '2025-12-20' : '2026-01-05',
    Reference: `REF-${i}`,
    InvoiceNumber: `R-${String(i).padStart(3, '0')}`,
    Status: i % 2 === 0 ? 'AUTHORISED' : 'DRAFT',
    LineItems: [
      {
        Description: 'x',
        Quantity: 1,
        UnitAmount: 10 + i,
        AccountCode: i % 4 === 0 ? '400' : '200',
      },
    ],
  }));
  const res = await t.api('PUT', '/Invoices?summarizeErrors=false&unitdp=4', {
    Invoices: elements,
  });
  ids.push(...list(res.body, 'Invoices').map((i) => str(i, 'InvoiceID')));
});
afterAll(() => t.stop());

const count = (body: unknown) => list(body, 'Invoices').length;
const where = (expr: string) => `/Invoices?where=${encodeURIComponent(expr)}`;

describe('paging (reference §5)', () => {
  it('pages of 100 by default, with the pagination object', async () => {
    const res = await t.api('GET', '/Invoices?page=1');
    expect(count(res.body)).toBe(100);
    expect(pick(res.body, 'pagination')).toEqual({
      page: 1,
      pageSize: 100,
      pageCount: 2,
      itemCount: 120,
    });
    expect(count((await t.api('GET', '/Invoices?page=2')).body)).toBe(20);
  });

  it('takes pageSize up to 1000', async () => {
    const res = await t.api('GET', '/Invoices?page=3&pageSize=50');
    expect(pick(res.body, 'pagination')).toEqual({
      page: 3,
      pageSize: 50,
      pageCount: 3,
      itemCount: 120,
    });
    const big = await t.api('GET', '/Invoices?page=1&pageSize=5000');
    expect(pick(big.body, 'pagination.pageSize')).toBe(1000);
  });

  it('includes line items only when paging (or for one invoice)', async () => {
    expect(pick((await t.api('GET', '/Invoices')).body, 'Invoices.0.LineItems')).toBeUndefined();
    expect(
      list((await t.api('GET', '/Invoices?page=1')).body, 'Invoices.0.LineItems'),
    ).toHaveLength(1);
    expect(
      list((await t.api('GET', `/Invoices/${ids[0]}`)).body, 'Invoices.0.LineItems'),
    ).toHaveLength(1);
  });
});

describe('filters (reference §5)', () => {
  it('IDs, InvoiceNumbers, Statuses, ContactIDs', async () => {
    expect(count((await t.api('GET', `/Invoices?IDs=${ids[0]},${ids[1]}`)).body)).toBe(2);
    expect(count((await t.api('GET', '/Invoices?InvoiceNumbers=R-001,R-002,R-999')).body)).toBe(2);
    expect(count((await t.api('GET', '/Invoices?Statuses=DRAFT')).body)).toBe(60);
    expect(count((await t.api('GET', `/Invoices?ContactIDs=${acmeId}`)).body)).toBe(40);
  });

  it('If-Modified-Since', async () => {
    t.clock.advance(60_000);
    const since = new Date(t.clock.now()).toISOString();
    t.clock.advance(1_000);
    await t.api('POST', `/Invoices/${ids[1]}`, { Invoices: [{ Reference: 'touched' }] });
    const res = await t.api('GET', '/Invoices', undefined, { 'If-Modified-Since': since });
    expect(list(res.body, 'Invoices').map((i) => pick(i, 'InvoiceID'))).toEqual([ids[1]]);
  });

  it('where: equality, &&, ||, guid(), DateTime, Contains, StartsWith, null checks', async () => {
    expect(count((await t.api('GET', where('Type=="ACCREC" && Status=="AUTHORISED"'))).body)).toBe(
      30,
    );
    expect(count((await t.api('GET', where('InvoiceNumber=="R-007"'))).body)).toBe(1);
    expect(count((await t.api('GET', where('Reference=="REF-8"'))).body)).toBe(1);
    expect(
      count((await t.api('GET', where(`Contact.ContactID==guid("${acmeId.toUpperCase()}")`))).body),
    ).toBe(40);
    expect(count((await t.api('GET', where('Date >= DateTime(2026,01,01)'))).body)).toBe(60);
    expect(count((await t.api('GET', where('Reference.StartsWith("REF-11")'))).body)).toBe(11);
    expect(count((await t.api('GET', where('Reference.Contains("-10")'))).body)).toBe(11);
    expect(count((await t.api('GET', where('Status=="DRAFT" || Type=="ACCPAY"'))).body)).toBe(90);
    expect(count((await t.api('GET', where('Url!=null'))).body)).toBe(0);
    expect(count((await t.api('GET', where('AmountDue > 125'))).body)).toBeGreaterThan(0);
  });

  it('where on contacts: Name and EmailAddress', async () => {
    const byName = await t.api(
      'GET',
      `/Contacts?where=${encodeURIComponent('Name=="Acme Legal"')}`,
    );
    expect(list(byName.body, 'Contacts')).toHaveLength(1);
    const byEmail = await t.api(
      'GET',
      `/Contacts?where=${encodeURIComponent('EmailAddress!=null && EmailAddress.StartsWith("accounts@")')}`,
    );
    expect(list(byEmail.body, 'Contacts').map((c) => pick(c, 'ContactID'))).toEqual([acmeId]);
  });

  it('a where clause it cannot read is a 400', async () => {
    const res = await t.api('GET', where('Status=="DRAFT" &&'));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ Type: 'QueryParseException' });
  });

  it('unitdp=4 keeps 4-dp unit amounts; otherwise they are rounded to 2', async () => {
    const id = await createInvoice(t, {
      LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 12.3456, AccountCode: '200' }],
    });
    expect(
      pick((await t.api('GET', `/Invoices/${id}`)).body, 'Invoices.0.LineItems.0.UnitAmount'),
    ).toBe(12.35);
    const precise = await t.api('PUT', '/Invoices?unitdp=4', {
      Invoices: [
        {
          Type: 'ACCREC',
          Contact: { Name: 'Precise' },
          LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 12.3456, AccountCode: '200' }],
        },
      ],
    });
    const pid = str(precise.body, 'Invoices.0.InvoiceID');
    expect(
      pick(
        (await t.api('GET', `/Invoices/${pid}?unitdp=4`)).body,
        'Invoices.0.LineItems.0.UnitAmount',
      ),
    ).toBe(12.3456);
    expect(
      pick((await t.api('GET', `/Invoices/${pid}`)).body, 'Invoices.0.LineItems.0.UnitAmount'),
    ).toBe(12.35);
  });

  it('searchTerm, createdByMyApp and summaryOnly', async () => {
    expect(count((await t.api('GET', '/Invoices?searchTerm=ref-11')).body)).toBe(11);
    expect(
      count((await t.api('GET', '/Invoices?createdByMyApp=true')).body),
    ).toBeGreaterThanOrEqual(120);
    const byBookkeeper = t.sandbox.control.bookkeeper.run(
      t.tenantId,
      (ctx, e) => writeInvoice(ctx, e, 'put'),
      { Type: 'ACCREC', Contact: { Name: 'Walk-in' }, LineItems: [] },
    );
    const mine = list((await t.api('GET', '/Invoices?createdByMyApp=true')).body, 'Invoices').map(
      (i) => pick(i, 'InvoiceID'),
    );
    expect(mine).not.toContain(pick(byBookkeeper, 'InvoiceID'));
    expect(
      pick((await t.api('GET', '/Invoices?page=1&summaryOnly=true')).body, 'Invoices.0.LineItems'),
    ).toBeUndefined();
  });

  it('foreign currencies must be enabled first', async () => {
    const usd = {
      Type: 'ACCREC',
      Contact: { Name: 'US Client' },
      CurrencyCode: 'USD',
      CurrencyRate: 0.65,
      LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 10, AccountCode: '200' }],
    };
    const refused = await t.api('PUT', '/Invoices?summarizeErrors=false', { Invoices: [usd] });
    expect(pick(refused.body, 'Invoices.0.ValidationErrors.0.Message')).toBe(
      'The currency USD is not enabled for this organisation.',
    );
    await t.api('PUT', '/Currencies', { Code: 'USD' });
    const accepted = await t.api('PUT', '/Invoices?summarizeErrors=false', { Invoices: [usd] });
    expect(pick(accepted.body, 'Invoices.0.CurrencyCode')).toBe('USD');
    expect(pick(accepted.body, 'Invoices.0.CurrencyRate')).toBe(0.65);
  });

  it('order by a field', async () => {
    const res = await t.api('GET', '/Invoices?page=1&pageSize=3&order=InvoiceNumber DESC');
    expect(list(res.body, 'Invoices').map((i) => pick(i, 'InvoiceNumber'))).toEqual([
      'R-119',
      'R-118',
      'R-117',
    ]);
  });
});

describe('settings reads', () => {
  it('Organisation, Accounts, TaxRates, Currencies, TrackingCategories', async () => {
    expect(pick((await t.api('GET', '/Organisation')).body, 'Organisations.0.BaseCurrency')).toBe(
      'AUD',
    );
    const accounts = list((await t.api('GET', '/Accounts')).body, 'Accounts');
    expect(accounts.find((a) => pick(a, 'Code') === '860')).toMatchObject({
      Name: 'Rounding',
      SystemAccount: 'ROUNDING',
    });
    const gst = await t.api('GET', `/TaxRates?where=${encodeURIComponent('TaxType=="OUTPUT"')}`);
    expect(pick(gst.body, 'TaxRates.0.EffectiveRate')).toBe(10);
    expect(list((await t.api('GET', '/Currencies')).body, 'Currencies')).toContainEqual({
      Code: 'AUD',
      Description: 'Australian Dollar',
    });
    const category = await t.api('PUT', '/TrackingCategories', { Name: 'Practitioner' });
    const categoryId = str(category.body, 'TrackingCategories.0.TrackingCategoryID');
    await t.api('PUT', `/TrackingCategories/${categoryId}/Options`, { Name: 'Dr Lee' });
    const tracked = await t.api('PUT', '/Invoices?summarizeErrors=false', {
      Invoices: [
        {
          Type: 'ACCREC',
          Contact: { Name: 'Tracked' },
          LineItems: [
            {
              Description: 'x',
              Quantity: 1,
              UnitAmount: 1,
              AccountCode: '200',
              Tracking: [{ Name: 'Practitioner', Option: 'Dr Lee' }],
            },
          ],
        },
      ],
    });
    expect(pick(tracked.body, 'Invoices.0.LineItems.0.Tracking.0.Option')).toBe('Dr Lee');
  });
});

conformanceTest(() => t.exchanges);
