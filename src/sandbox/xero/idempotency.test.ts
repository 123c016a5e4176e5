import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceTest } from './test-support/conformance.js';
import {
  connectApp,
  invoiceElement,
  list,
  pick,
  startTestSandbox,
} from './test-support/harness.js';
import type { TestSandbox } from './test-support/harness.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.stop());

const body = (n: string) => ({ Invoices: [invoiceElement({ InvoiceNumber: n })] });
const key = (k: string) => ({ 'Idempotency-Key': k });

async function invoicesNumbered(n: string): Promise<number> {
  return list((await t.api('GET', `/Invoices?InvoiceNumbers=${n}`)).body, 'Invoices').length;
}

describe('Idempotency-Key (reference §4)', () => {
  it('replays the first answer for the same key and request, without acting again', async () => {
    const first = await t.api(
      'PUT',
      '/Invoices?summarizeErrors=false',
      body('IK-1'),
      key('inv-ik-1'),
    );
    const second = await t.api(
      'PUT',
      '/Invoices?summarizeErrors=false',
      body('IK-1'),
      key('inv-ik-1'),
    );
    expect(second.status).toBe(first.status);
    expect(second.text).toBe(first.text);
    expect(await invoicesNumbered('IK-1')).toBe(1);
    expect(t.sandbox.control.stats().idempotentReplays).toBe(1);
  });

  it('refuses the same key with a different request, with Xero text', async () => {
    await t.api('PUT', '/Invoices', body('IK-2'), key('inv-ik-2'));
    const other = await t.api('PUT', '/Invoices', body('IK-3'), key('inv-ik-2'));
    expect(other.status).toBe(400);
    expect(pick(other.body, 'Message')).toBe(
      'Idempotency Key: inv-ik-2 is used with a different request.',
    );
    const otherUrl = await t.api('POST', '/Invoices', body('IK-2'), key('inv-ik-2'));
    expect(otherUrl.status).toBe(400);
    expect(await invoicesNumbered('IK-3')).toBe(0);
  });

  it('replays errors too', async () => {
    const bad = { Invoices: [invoiceElement({ InvoiceNumber: 'IK-4', Contact: {} })] };
    const first = await t.api('PUT', '/Invoices', bad, key('inv-ik-4'));
    const second = await t.api('PUT', '/Invoices', bad, key('inv-ik-4'));
    expect(first.status).toBe(400);
    expect(second.text).toBe(first.text);
  });

  it('forgets a key after 6 minutes on the clock', async () => {
    await t.api('PUT', '/Invoices', body('IK-5'), key('inv-ik-5'));
    t.clock.advance(5 * 60_000 + 59_000);
    const stillReplayed = await t.api('PUT', '/Invoices', body('IK-5'), key('inv-ik-5'));
    expect(stillReplayed.status).toBe(200);
    t.clock.advance(1_000);
    const actsAgain = await t.api(
      'PUT',
      '/Invoices?summarizeErrors=false',
      body('IK-5'),
      key('inv-ik-5'),
    );
    expect(pick(actsAgain.body, 'Invoices.0.ValidationErrors.0.Message')).toBe(
      'Invoice # must be unique.',
    );
  });

  it('keys are at most 128 characters', async () => {
    const res = await t.api('PUT', '/Invoices', body('IK-6'), key('k'.repeat(129)));
    expect(res.status).toBe(400);
    expect(await invoicesNumbered('IK-6')).toBe(0);
    const ok = await t.api('PUT', '/Invoices', body('IK-6'), key('k'.repeat(128)));
    expect(ok.status).toBe(200);
  });

  it('keys belong to one organisation', async () => {
    const other = t.sandbox.control.createOrganisation({ name: 'Other', region: 'AU' });
    await t.api('PUT', '/Contacts', { Contacts: [{ Name: 'Same Key' }] }, key('shared-key'));
    const tokens = await connectApp(
      t.sandbox,
      { clientId: t.clientId, clientSecret: t.clientSecret },
      'accounting.contacts',
    );
    const res = await fetch(`${t.sandbox.urls.api}/Contacts`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${String(tokens.access_token)}`,
        accept: 'application/json',
        'xero-tenant-id': other.tenantId,
        'content-type': 'application/json',
        'Idempotency-Key': 'shared-key',
      },
      body: JSON.stringify({ Contacts: [{ Name: 'Same Key' }] }),
    });
    expect(res.status).toBe(200);
    expect(t.sandbox.control.listDocuments(other.tenantId, 'Contacts')).toHaveLength(1);
  });
});

describe('a retry while the first call is still running', () => {
  it('waits for the first answer and replays it', async () => {
    const slow = await startTestSandbox({ latencyMs: 2_000 });
    try {
      const a = slow.api('PUT', '/Invoices', body('IK-9'), key('inv-ik-9'));
      const b = slow.api('PUT', '/Invoices', body('IK-9'), key('inv-ik-9'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      slow.clock.advance(2_000);
      const [ra, rb] = await Promise.all([a, b]);
      expect(ra.text).toBe(rb.text);
      expect(slow.sandbox.control.listDocuments(slow.tenantId, 'Invoices')).toHaveLength(1);
    } finally {
      await slow.stop();
    }
  });
});

conformanceTest(() => t.exchanges);
