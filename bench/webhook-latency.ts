/**
 * A PMS edit reaching Xero by its webhook (issue 18, "Performance": within 60 s p95 when the
 * source sends webhooks). A law firm in the Clio emulator subscribed through the service's own
 * route and renew-webhooks job; no scheduler runs, so only the webhook can carry an edit. Each of
 * EDITS edits moves an approved bill's due date in Clio (the practice user's action, which fires the `bill`
 * webhook); its latency runs from the edit until the Xero sandbox holds the new due date. Xero's
 * limits on (60 calls a minute), real time, embedded store.
 *
 * Run: `npx tsx bench/webhook-latency.ts` (or `npm run bench -- webhook-latency`).
 */
import { pathToFileURL } from 'node:url';
import { CLIO_SOURCE, clioServiceWorld, until } from '../test/support/clio-service-world.js';
import { disposeWorlds } from '../test/support/xero-world.js';
import type { BenchResult } from './bench-result.js';

const EDITS = 20;

export async function benchWebhookLatency(): Promise<BenchResult> {
  const world = await clioServiceWorld('pglite', { limits: true });
  try {
    const { w, clio, firm, queue } = world;
    await queue.send('pull-source', { source: CLIO_SOURCE, full: false });
    await until(async () => (await world.syncsDone()) >= 1, 120_000);
    await queue.send('renew-webhooks', { source: CLIO_SOURCE });
    await until(world.allEnabled);
    const draft = clio.control.list(firm, 'bills').find((b) => b.state === 'draft')!;
    const billId = draft.id as number;
    clio.control.practice(firm).approveBill({ billId, issuedAt: '2026-03-02' });
    const invoice = async () => {
      const [link] = await w.db.query<{ xero_id: string | null }>(
        `SELECT xero_id FROM links WHERE kind = 'invoice' AND source = $1 AND source_id = $2`,
        [CLIO_SOURCE, String(billId)],
      );
      return w.xero('Invoices').find((i) => link?.xero_id && i.InvoiceID === link.xero_id);
    };
    await until(async () => (await invoice()) !== undefined, 120_000);
    const seconds: number[] = [];
    for (let i = 1; i <= EDITS; i++) {
      const dueAt = `2026-05-${String(i).padStart(2, '0')}`;
      const started = Date.now();
      clio.control.practice(firm).editBill({ billId, dueAt });
      await until(async () => {
        const due = (await invoice())?.DueDateString;
        return typeof due === 'string' && due.startsWith(dueAt);
      }, 120_000);
      seconds.push((Date.now() - started) / 1000);
    }
    seconds.sort((a, b) => a - b);
    const p95 = seconds[Math.ceil(0.95 * seconds.length) - 1]!;
    const rateLimited = Object.values(w.sandbox.control.stats().rateLimited).reduce(
      (a, b) => a + b,
      0,
    );
    return {
      name: 'webhook-latency',
      metrics: {
        edits: EDITS,
        'median seconds, edit → Xero': seconds[Math.floor(seconds.length / 2)]!,
        'p95 seconds, edit → Xero': p95,
        'max seconds, edit → Xero': seconds.at(-1)!,
        'webhook deliveries accepted': world.counted.accepted,
        'Xero 429s': rateLimited,
      },
      target: 'p95 ≤ 60 s from a Clio edit to Xero with webhooks (issue 18); no 429',
      pass: p95 <= 60 && rateLimited === 0,
      notes: 'debounce 2 s, queue polled every 0.5 s; each edit waits for the one before',
    };
  } finally {
    await world.stop();
    await disposeWorlds();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchWebhookLatency();
  console.log(JSON.stringify(result, null, 2));
}
