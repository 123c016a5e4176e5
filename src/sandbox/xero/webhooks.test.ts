import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SPEC_PRESENT, specValidator } from './test-support/conformance.js';
import { conformanceTest } from './test-support/conformance.js';
import { createInvoice, pick, startTestSandbox, str } from './test-support/harness.js';
import type { TestSandbox } from './test-support/harness.js';

const KEY = 'webhook-signing-key-0123456789';

interface Received {
  body: string;
  signature: string;
  valid: boolean;
}

/** A webhook receiver that checks signatures as Xero asks (200 good, 401 bad), or misbehaves. */
class Receiver {
  received: Received[] = [];
  mode: 'honest' | 'always200' | 'fail' = 'honest';
  failuresLeft = 0;
  private server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signature = String(req.headers['x-xero-signature'] ?? '');
      const valid = createHmac('sha256', KEY).update(body).digest('base64') === signature;
      this.received.push({ body, signature, valid });
      if (this.mode === 'fail' || this.failuresLeft > 0) {
        this.failuresLeft = Math.max(0, this.failuresLeft - 1);
        res.statusCode = 500;
      } else {
        res.statusCode = this.mode === 'always200' || valid ? 200 : 401;
      }
      res.end();
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/xero/webhooks`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The real deliveries (not intent-to-receive checks). */
  deliveries(): Record<string, unknown>[] {
    return this.received
      .map((r) => JSON.parse(r.body) as Record<string, unknown>)
      .filter((p) => Array.isArray(p.events) && p.events.length > 0);
  }
}

let t: TestSandbox;
let receiver: Receiver;
let url: string;
beforeAll(async () => {
  t = await startTestSandbox();
  receiver = new Receiver();
  url = await receiver.start();
});
afterAll(async () => {
  await t.stop();
  await receiver.stop();
});
beforeEach(() => {
  receiver.received = [];
  receiver.mode = 'honest';
  receiver.failuresLeft = 0;
});

describe('intent to receive (reference §13)', () => {
  it('activates only when good signatures get 200 and bad ones 401', async () => {
    const status = await t.sandbox.control.configureWebhook({ url, key: KEY });
    expect(status.active).toBe(true);
    expect(status.intentChecks.filter((c) => c.correctlySigned)).toHaveLength(2);
    expect(status.intentChecks.filter((c) => !c.correctlySigned)).toHaveLength(2);
    expect(status.intentChecks.every((c) => c.passed)).toBe(true);
    const payload = JSON.parse(receiver.received[0]?.body ?? '{}') as Record<string, unknown>;
    expect(payload).toMatchObject({ events: [], firstEventSequence: 0, lastEventSequence: 0 });
    expect(typeof payload.entropy).toBe('string');
  });

  it('stays inactive for a receiver that answers 200 to everything', async () => {
    receiver.mode = 'always200';
    const status = await t.sandbox.control.configureWebhook({ url, key: KEY });
    expect(status.active).toBe(false);
    expect(status.intentChecks.some((c) => !c.passed)).toBe(true);
    t.sandbox.control.bookkeeper.createContact(t.tenantId, { Name: 'Nobody Hears' });
    await t.sandbox.control.webhooksIdle();
    expect(receiver.deliveries()).toHaveLength(0);
  });
});

describe('deliveries', () => {
  beforeEach(async () => {
    await t.sandbox.control.configureWebhook({ url, key: KEY });
    receiver.received = [];
  });

  it('a bookkeeper editing, paying and voiding in Xero, signed and shaped per the spec', async () => {
    const invoiceId = await createInvoice(t);
    await t.sandbox.control.webhooksIdle();
    receiver.received = [];
    t.sandbox.control.bookkeeper.editInvoice(t.tenantId, invoiceId, {
      Reference: 'edited in Xero',
    });
    const payment = t.sandbox.control.bookkeeper.payInvoice(t.tenantId, invoiceId, {
      amount: '110.00',
      date: '2026-03-14',
    });
    t.sandbox.control.bookkeeper.deletePayment(t.tenantId, str(payment, 'PaymentID'));
    t.sandbox.control.bookkeeper.voidInvoice(t.tenantId, invoiceId);
    const contact = t.sandbox.control.bookkeeper.createContact(t.tenantId, {
      Name: 'Walk-in Client',
    });
    await t.sandbox.control.webhooksIdle();
    expect(receiver.received.every((r) => r.valid)).toBe(true);
    const events = receiver.deliveries().flatMap((p) => p.events as Record<string, unknown>[]);
    expect(events.filter((e) => e.resourceId === invoiceId).map((e) => e.eventType)).toEqual([
      'UPDATE',
      'UPDATE',
      'UPDATE',
      'UPDATE',
    ]);
    const created = events.find((e) => e.resourceId === pick(contact, 'ContactID'));
    expect(created).toMatchObject({
      eventCategory: 'CONTACT',
      eventType: 'CREATE',
      tenantId: t.tenantId,
      tenantType: 'ORGANISATION',
    });
    expect(created?.resourceUrl).toBe(
      `${t.sandbox.url}/api.xro/2.0/Contacts/${String(created?.resourceId)}`,
    );
    expect(String(created?.eventDateUtc)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/);
    if (SPEC_PRESENT) {
      for (const payload of receiver.deliveries())
        expect(specValidator().validateSchema('webhooks', 'WebhookEvent', payload)).toEqual([]);
    }
  });

  it('credit note events carry Type and Status', async () => {
    await t.api('PUT', '/CreditNotes', {
      CreditNotes: [
        {
          Type: 'ACCPAYCREDIT',
          Contact: { Name: 'Supplier' },
          Status: 'DRAFT',
          LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 5, AccountCode: '400' }],
        },
      ],
    });
    await t.sandbox.control.webhooksIdle();
    const payload = receiver
      .deliveries()
      .find((p) =>
        (p.events as Record<string, unknown>[]).some((e) => e.eventCategory === 'CREDITNOTE'),
      );
    const event = (payload?.events as Record<string, unknown>[]).find(
      (e) => e.eventCategory === 'CREDITNOTE',
    );
    expect(event?.data).toEqual({ Type: 'ACCPAYCREDIT', Status: 'DRAFT' });
    if (SPEC_PRESENT)
      expect(specValidator().validateSchema('webhooks', 'CreditNoteWebhookEvent', payload)).toEqual(
        [],
      );
  });

  it('retries failed deliveries with back-off on the clock, in sequence', async () => {
    receiver.failuresLeft = 2;
    const before = t.sandbox.control.webhookStatus().lastSequence;
    t.sandbox.control.bookkeeper.createContact(t.tenantId, { Name: 'Retry Me' });
    await t.sandbox.control.webhooksIdle();
    expect(receiver.received).toHaveLength(1);
    t.clock.advance(5_000);
    await t.sandbox.control.webhooksIdle();
    expect(receiver.received).toHaveLength(2);
    t.clock.advance(30_000);
    await t.sandbox.control.webhooksIdle();
    expect(receiver.received).toHaveLength(3);
    const delivered = receiver.deliveries().at(-1);
    expect(delivered?.firstEventSequence).toBe(before + 1);
    expect(t.sandbox.control.webhookStatus().pending).toBe(0);
    expect(t.sandbox.control.stats().webhooks.failedAttempts).toBeGreaterThanOrEqual(2);
  });

  it('disables the webhook after 24 hours of failures', async () => {
    receiver.mode = 'fail';
    t.sandbox.control.bookkeeper.createContact(t.tenantId, { Name: 'Never Arrives' });
    for (let i = 0; i < 20 && t.sandbox.control.webhookStatus().active; i += 1) {
      await t.sandbox.control.webhooksIdle();
      t.clock.advance(4 * 3_600_000);
    }
    await t.sandbox.control.webhooksIdle();
    expect(t.sandbox.control.webhookStatus()).toMatchObject({
      active: false,
      disabledReason: 'deliveries failed for 24 hours',
    });
  });

  it('can leave out changes made through the API', async () => {
    await t.sandbox.control.configureWebhook({ url, key: KEY, includeApiChanges: false });
    receiver.received = [];
    await t.api('PUT', '/Contacts', { Contacts: [{ Name: 'Made By App' }] });
    t.sandbox.control.bookkeeper.createContact(t.tenantId, { Name: 'Made By Bookkeeper' });
    await t.sandbox.control.webhooksIdle();
    expect(receiver.deliveries().flatMap((p) => p.events as unknown[])).toHaveLength(1);
  });
});

conformanceTest(() => t.exchanges);
