import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { invoice, newSyncWorld } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { exampleContact } from '../ledger/test-support/examples.js';
import { makeLogger } from '../log/logger.js';
import type { JobQueue } from '../queue/job-queue.js';
import { openJobQueue } from '../queue/pg-boss-queue.js';
import { signature } from '../reconcile/alert.js';
import { reconcileCron, reconcileJob } from './reconcile-job.js';

/** A webhook receiver: every POST's headers and body. */
async function webhook() {
  const posts: { headers: Record<string, unknown>; body: string }[] = [];
  const server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      posts.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { posts, url: `http://127.0.0.1:${port}/alerts`, close: () => server.close() };
}

/** A tiny SMTP listener (RFC 5321's plain dialogue, no TLS offered): every message's data. */
async function smtp() {
  const messages: string[] = [];
  const server = createTcpServer((socket) => {
    let data: string | undefined;
    let buffer = '';
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let at: number;
      while ((at = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        if (data !== undefined) {
          if (line === '.') {
            messages.push(data);
            data = undefined;
            socket.write('250 queued\r\n');
          } else data += `${line}\n`;
        } else if (/^(EHLO|HELO)/i.test(line)) socket.write('250 test\r\n');
        else if (/^DATA/i.test(line)) {
          data = '';
          socket.write('354 go on\r\n');
        } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { messages, url: `smtp://127.0.0.1:${port}`, close: () => server.close() };
}

describe('the daily reconcile job (embedded store)', () => {
  let queue: JobQueue | undefined;
  const closers: (() => void)[] = [];
  afterEach(async () => {
    await queue?.stop();
    queue = undefined;
    closers.splice(0).forEach((c) => c());
    await disposeWorlds();
  });

  it('runs at the configured time of day (UTC)', () => {
    expect(reconcileCron('06:00')).toBe('0 6 * * *');
    expect(reconcileCron('23:45')).toBe('45 23 * * *');
  });

  it('fans out per organisation, and alerts by webhook and e-mail only on a new difference', async () => {
    const w = await newSyncWorld({ backend: 'pglite' });
    await w.ingest(exampleContact, invoice(1));
    await w.sync();
    queue = await openJobQueue({ db: w.db, schedules: false });
    const [hook, mail] = [await webhook(), await smtp()];
    closers.push(hook.close, mail.close);
    const secret = 'a-secret-of-sixteen-or-more';
    const run = reconcileJob(
      queue,
      () => Promise.resolve({ db: w.db, api: w.api, clock: w.clock }),
      {
        time: '06:00',
        alertWebhookUrl: hook.url,
        alertWebhookSecret: secret,
        smtpUrl: mail.url,
        alertEmailTo: 'books@example.com',
        alertEmailFrom: 'ledgerbridge@example.com',
      },
      makeLogger({}, 'silent'),
    );
    const job = (data: Record<string, string>) => ({ id: 'j', name: 'reconcile' as const, data });

    await run(job({})); // the schedule's job: one per connected organisation
    const key = { singletonKey: `reconcile:${w.tenantId}` };
    expect(await queue.send('reconcile', { tenantId: w.tenantId }, key)).toBeNull();

    await run(job({ tenantId: w.tenantId })); // everything agrees: no alert
    expect([hook.posts.length, mail.messages.length]).toEqual([0, 0]);

    const inv = w.xero('Invoices')[0]!;
    w.sandbox.control.bookkeeper.payInvoice(w.tenantId, String(inv.InvoiceID), {
      amount: '20.00',
      accountCode: '090',
    });
    await run(job({ tenantId: w.tenantId }));
    expect(hook.posts).toHaveLength(1);
    const [post] = hook.posts;
    expect(post!.headers['x-ledgerbridge-signature']).toBe(signature(post!.body, secret));
    const body = JSON.parse(post!.body) as { open: number; new: { kind: string; fix: string }[] };
    expect(body.open).toBe(1);
    expect(body.new.map((d) => d.kind)).toEqual(['payment_added']);
    expect(body.new[0]!.fix).toBe('Record the payment in the file drop, or delete it in Xero.');
    expect(mail.messages).toHaveLength(1);
    expect(mail.messages[0]).toContain('Subject: Reconciliation: 1 new difference in');
    expect(mail.messages[0]).toContain('To: books@example.com');
    // The body is quoted-printable: soft line breaks and =XX escapes undone.
    const text = mail.messages[0]!.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) =>
      String.fromCharCode(parseInt(h, 16)),
    );
    expect(text).toMatch(/A \$20\.00 payment on invoice INV-1 was added in Xero/);

    await run(job({ tenantId: w.tenantId })); // still open, but not new: no second alert
    expect([hook.posts.length, mail.messages.length]).toEqual([1, 1]);
  });
});
