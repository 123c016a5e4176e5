import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeManualClock } from '../../../time/clock.js';
import { runXeroSandboxCommand } from '../command.js';
import { startXeroSandbox } from '../sandbox.js';
import type { XeroSandbox } from '../sandbox.js';
import { REDIRECT_URI, connectApp, list, pick, str } from '../test-support/harness.js';

let sandbox: XeroSandbox;
let headers: Record<string, string>;
beforeAll(async () => {
  sandbox = await startXeroSandbox({ clock: makeManualClock(Date.UTC(2026, 4, 1)) });
  headers = {
    authorization: `Bearer ${sandbox.controlToken}`,
    accept: 'application/json',
    'content-type': 'application/json',
  };
});
afterAll(() => sandbox.stop());

async function control(method: string, path: string, body?: unknown, h = headers) {
  const res = await fetch(`${sandbox.urls.control}${path}`, {
    method,
    headers: h,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe('control routes (HTTP)', () => {
  it('need the control token', async () => {
    expect((await control('GET', '/organisations', undefined, {})).status).toBe(401);
    expect(
      (
        await control('GET', '/organisations', undefined, {
          'x-sandbox-token': sandbox.controlToken,
        })
      ).status,
    ).toBe(200);
  });

  it('create organisations with a region chart, and validate the body', async () => {
    const org = await control('POST', '/organisations', { name: 'Kiwi Law', region: 'NZ' });
    expect(org.body).toMatchObject({
      name: 'Kiwi Law',
      region: 'NZ',
      baseCurrency: 'NZD',
      dailyLimit: 5000,
    });
    const bad = await control('POST', '/organisations', { name: 'No Region' });
    expect(bad.status).toBe(400);
    const accounts = sandbox.control.listDocuments(str(org.body, 'tenantId'), 'Accounts');
    expect(accounts.find((a) => a.Code === '200')).toMatchObject({
      Name: 'Sales',
      TaxType: 'OUTPUT2',
    });
  });

  it('set lock dates, the daily-limit tier and consent', async () => {
    const tenantId = str(
      (await control('POST', '/organisations', { name: 'Locked', region: 'AU' })).body,
      'tenantId',
    );
    const locked = await control('PUT', `/organisations/${tenantId}/lock-dates`, {
      periodLockDate: '2026-03-31',
    });
    expect(pick(locked.body, 'periodLockDate')).toBe('2026-03-31');
    const tier = await control('PUT', `/organisations/${tenantId}/daily-limit`, {
      tier: 'starter',
    });
    expect(pick(tier.body, 'dailyLimit')).toBe(1000);
    expect((await control('PUT', '/consent', { tenantIds: [tenantId] })).status).toBe(204);
    const client = await control('POST', '/clients', { redirectUris: [REDIRECT_URI] });
    const tokens = await connectApp(
      sandbox,
      { clientId: str(client.body, 'clientId'), clientSecret: str(client.body, 'clientSecret') },
      'accounting.transactions',
    );
    const connections = await fetch(sandbox.urls.connections, {
      headers: { authorization: `Bearer ${String(tokens.access_token)}` },
    });
    expect(((await connections.json()) as unknown[]).map((c) => pick(c, 'tenantId'))).toEqual([
      tenantId,
    ]);
    await control('PUT', '/consent', {});
  });

  it('act as a bookkeeper and read documents directly', async () => {
    const tenantId = str(
      (await control('POST', '/organisations', { name: 'Books', region: 'UK' })).body,
      'tenantId',
    );
    const contact = await control('POST', `/organisations/${tenantId}/bookkeeper/create-contact`, {
      contact: { Name: 'Walk In' },
    });
    const contactId = str(contact.body, 'ContactID');
    const read = await control('GET', `/organisations/${tenantId}/Contacts/${contactId}`);
    expect(pick(read.body, 'Name')).toBe('Walk In');
    const archived = await control(
      'POST',
      `/organisations/${tenantId}/bookkeeper/archive-contact`,
      { contactId },
    );
    expect(pick(archived.body, 'ContactStatus')).toBe('ARCHIVED');
    const [a, b] = await Promise.all(
      ['Sam Lee', 'Samuel Lee'].map(async (Name) =>
        str(
          (await control('POST', `/organisations/${tenantId}/bookkeeper/create-contact`, { contact: { Name } })).body, // prettier-ignore
          'ContactID',
        ),
      ),
    );
    const merged = await control('POST', `/organisations/${tenantId}/bookkeeper/merge-contacts`, {
      contactId: a,
      intoContactId: b,
    });
    expect(merged.body).toMatchObject({ ContactStatus: 'ARCHIVED', MergedToContactID: b });
    const again = await control('POST', `/organisations/${tenantId}/bookkeeper/merge-contacts`, {
      contactId: a,
      intoContactId: b,
    });
    expect(again.status).toBe(400);
    const refused = await control('POST', `/organisations/${tenantId}/bookkeeper/update-contact`, {
      contactId: '00000000-0000-4000-8000-000000000000',
      patch: { Name: 'x' },
    });
    expect(refused.status).toBe(400);
    expect(pick(refused.body, 'validationErrors')).toEqual([
      'An existing Contact with the specified ContactID could not be found',
    ]);
    expect((await control('GET', `/organisations/${tenantId}/Invoices/nope`)).status).toBe(404);
  });

  it('create an invoice as a bookkeeper, against an existing contact', async () => {
    const tenantId = str(
      (await control('POST', '/organisations', { name: 'Walk-ins', region: 'AU' })).body,
      'tenantId',
    );
    const contact = await control('POST', `/organisations/${tenantId}/bookkeeper/create-contact`, {
      contact: { Name: 'Alex Morgan' },
    });
    const contactId = str(contact.body, 'ContactID');
    const created = await control('POST', `/organisations/${tenantId}/bookkeeper/create-invoice`, {
      invoice: {
        Type: 'ACCREC',
        Contact: { ContactID: contactId },
        Status: 'AUTHORISED',
        Date: '2026-11-05',
        DueDate: '2026-11-19',
        LineAmountTypes: 'Exclusive',
        LineItems: [
          {
            Description: 'Walk-in',
            Quantity: 1,
            UnitAmount: 80,
            AccountCode: '200',
            TaxType: 'OUTPUT',
          },
        ],
      },
    });
    expect(created.status).toBe(200);
    const invoiceId = str(created.body, 'InvoiceID');
    const read = await control('GET', `/organisations/${tenantId}/Invoices/${invoiceId}`);
    expect(read.body).toMatchObject({
      Status: 'AUTHORISED',
      Total: 88,
      Contact: { ContactID: contactId },
    });
    const refused = await control('POST', `/organisations/${tenantId}/bookkeeper/create-invoice`, {
      invoice: { Type: 'ACCREC', LineItems: [] },
    });
    expect(refused.status).toBe(400);
  });

  it('pay an invoice reconciled, or match a payment to a bank line later; allocations refused by Xero’s rules', async () => {
    const tenantId = str(
      (await control('POST', '/organisations', { name: 'Bank lines', region: 'AU' })).body,
      'tenantId',
    );
    const at = (action: string, body: unknown) =>
      control('POST', `/organisations/${tenantId}/bookkeeper/${action}`, body);
    const contactId = str((await at('create-contact', { contact: { Name: 'Sam' } })).body, 'ContactID'); // prettier-ignore
    const invoice = await at('create-invoice', {
      invoice: {
        Type: 'ACCREC',
        Contact: { ContactID: contactId },
        Status: 'AUTHORISED',
        Date: '2026-11-05',
        DueDate: '2026-11-19',
        LineItems: [{ Description: 'Visit', Quantity: 1, UnitAmount: 80, AccountCode: '200', TaxType: 'OUTPUT' }], // prettier-ignore
      },
    });
    const invoiceId = str(invoice.body, 'InvoiceID');
    const pay = (reconciled: boolean) =>
      at('pay-invoice', { invoiceId, amount: '10.00', accountCode: '090', reconciled });
    expect(pick((await pay(true)).body, 'IsReconciled')).toBe(true);
    const later = str((await pay(false)).body, 'PaymentID');
    const matched = await at('reconcile-payment', { paymentId: later });
    expect(pick(matched.body, 'IsReconciled')).toBe(true);
    const read = await control('GET', `/organisations/${tenantId}/Payments/${later}`);
    expect(pick(read.body, 'IsReconciled')).toBe(true);
    expect((await at('reconcile-payment', { paymentId: 'nope' })).status).toBe(404);
    const nowhere = { creditNoteId: '00000000-0000-4000-8000-000000000000', invoiceId, amount: '5.00' }; // prettier-ignore
    const refused = await at('allocate-credit', nowhere);
    expect(refused.status).toBe(400);
    expect(pick(refused.body, 'validationErrors')).toEqual([
      'An existing Credit Note with the specified CreditNoteID could not be found',
    ]);
    expect((await at('remove-allocation', { ...nowhere, allocationId: 'nope' })).status).toBe(404);
  });

  it('report stats and reset everything', async () => {
    expect(pick((await control('GET', '/stats')).body, 'calls')).toBeGreaterThan(0);
    expect((await control('POST', '/reset')).status).toBe(204);
    expect((await control('GET', '/organisations')).body).toEqual([]);
  });
});

describe('regions (charts and tax rates)', () => {
  it('AU, NZ, UK and US start with realistic codes and tax types', () => {
    const expectations = {
      AU: { sales: 'OUTPUT', purchases: 'INPUT', rate: 10, tax: 'GST' },
      NZ: { sales: 'OUTPUT2', purchases: 'INPUT2', rate: 15, tax: 'GST' },
      UK: { sales: 'OUTPUT2', purchases: 'INPUT2', rate: 20, tax: 'VAT' },
      US: { sales: 'TAX001', purchases: 'INPUT', rate: 8.875, tax: 'Sales Tax' },
    } as const;
    for (const [region, e] of Object.entries(expectations)) {
      const org = sandbox.control.createOrganisation({
        name: `Region ${region}`,
        region: region as keyof typeof expectations,
      });
      const accounts = sandbox.control.listDocuments(org.tenantId, 'Accounts');
      const byCode = (code: string) => accounts.find((a) => a.Code === code);
      expect(byCode('200')).toMatchObject({ Name: 'Sales', Type: 'REVENUE', TaxType: e.sales });
      expect(byCode('090')).toMatchObject({ Type: 'BANK', Class: 'ASSET' });
      expect(byCode('400')).toMatchObject({ Name: 'Advertising', TaxType: e.purchases });
      expect(byCode('610')).toMatchObject({ SystemAccount: 'DEBTORS' });
      expect(byCode('800')).toMatchObject({ SystemAccount: 'CREDITORS' });
      expect(byCode('820')).toMatchObject({ Name: e.tax, SystemAccount: 'GST' });
      expect(byCode('860')).toMatchObject({ Name: 'Rounding', SystemAccount: 'ROUNDING' });
      const rates = sandbox.control.listDocuments(org.tenantId, 'TaxRates');
      expect(rates.find((r) => r.TaxType === e.sales)).toMatchObject({ EffectiveRate: e.rate });
    }
    const uk = sandbox.control.organisations().find((o) => o.region === 'UK');
    const ukRates = sandbox.control
      .listDocuments(uk?.tenantId ?? '', 'TaxRates')
      .map((r) => r.TaxType);
    expect(ukRates).toEqual(
      expect.arrayContaining(['OUTPUT2', 'INPUT2', 'ZERORATEDOUTPUT', 'EXEMPTOUTPUT', 'NONE']),
    );
  });
});

describe('state file', () => {
  it('saves on stop and loads at start: organisations, documents and tokens survive', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xero-sandbox-'));
    const stateFile = join(dir, 'state.json');
    try {
      const clock = makeManualClock(Date.UTC(2026, 4, 1));
      const first = await startXeroSandbox({
        clock,
        stateFile,
        organisations: [{ name: 'Persisted', region: 'AU' }],
      });
      const tenantId = first.control.organisations()[0]?.tenantId ?? '';
      const app = first.control.registerClient({ redirectUris: [REDIRECT_URI] });
      const tokens = await connectApp(first, app, 'offline_access accounting.transactions');
      first.control.bookkeeper.createContact(tenantId, { Name: 'Survivor' });
      await first.stop();
      const second = await startXeroSandbox({
        clock,
        stateFile,
        organisations: [{ name: 'Ignored', region: 'NZ' }],
      });
      try {
        expect(second.control.organisations().map((o) => o.name)).toEqual(['Persisted']);
        const res = await fetch(`${second.urls.api}/Contacts`, {
          headers: {
            authorization: `Bearer ${String(tokens.access_token)}`,
            accept: 'application/json',
            'xero-tenant-id': tenantId,
          },
        });
        expect(list(await res.json(), 'Contacts').map((c) => pick(c, 'Name'))).toEqual([
          'Survivor',
        ]);
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('runXeroSandboxCommand', () => {
  it('prints the URLs and the control token and resolves a stop handle', async () => {
    const lines: string[] = [];
    const handle = await runXeroSandboxCommand({
      port: 0,
      print: (l) => lines.push(l),
      controlToken: 'tok-123',
    });
    try {
      const text = lines.join('\n');
      expect(text).toContain(handle.url);
      expect(text).toContain(`${handle.url}/connect/token`);
      expect(text).toContain(`${handle.url}/api.xro/2.0`);
      expect(text).toContain('tok-123');
      expect(handle.control.organisations()).toHaveLength(1);
    } finally {
      await handle.stop();
    }
  });
});
