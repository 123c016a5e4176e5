/**
 * Xero sandbox throughput: invoices per second accepted through batched `PUT /Invoices` of 50,
 * over real HTTP from the same process (so the client's JSON work shares the one core), with the
 * rate limits switched off. Target: ≥ 2,000 invoices/s, so the sandbox is never the bottleneck of
 * a benchmark. Run directly with `npx tsx bench/sandbox-throughput.ts`.
 */
import { pathToFileURL } from 'node:url';
import { startXeroSandbox } from '../src/sandbox/xero/index.js';
import type { XeroSandbox } from '../src/sandbox/xero/index.js';
import type { BenchResult } from './bench-result.js';

const BATCH = 50;
const TARGET_PER_SECOND = 2000;

interface Client {
  put(body: string): Promise<number>;
}

async function connect(sandbox: XeroSandbox): Promise<Client> {
  const tenantId = sandbox.control.organisations()[0]?.tenantId ?? '';
  const app = sandbox.control.registerCustomConnection({ tenantId });
  const res = await fetch(sandbox.urls.token, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret}`).toString('base64')}`,
    },
    body: 'grant_type=client_credentials&scope=accounting.transactions',
  });
  const token = ((await res.json()) as { access_token: string }).access_token;
  const url = `${sandbox.urls.api}/Invoices?summarizeErrors=false`;
  return {
    put: async (body) => {
      const r = await fetch(url, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          'content-type': 'application/json',
        },
        body,
      });
      const answer = (await r.json()) as { Invoices?: { StatusAttributeString?: string }[] };
      if (r.status !== 200) throw new Error(`PUT /Invoices answered ${r.status}`);
      return (answer.Invoices ?? []).filter((i) => i.StatusAttributeString === 'OK').length;
    },
  };
}

/** A batch of 50 invoices of 2 lines each, for 50 recurring patients, with unique numbers. */
function batchBody(batch: number): string {
  const invoices = Array.from({ length: BATCH }, (_, i) => ({
    Type: 'ACCREC',
    Contact: { Name: `Patient ${i}` },
    InvoiceNumber: `B-${batch}-${i}`,
    Reference: `appt-${batch}-${i}`,
    Date: '2026-03-02',
    DueDate: '2026-03-16',
    Status: 'AUTHORISED',
    LineAmountTypes: 'Inclusive',
    LineItems: [
      {
        Description: 'Standard consultation',
        Quantity: 1,
        UnitAmount: 95,
        AccountCode: '200',
        TaxType: 'EXEMPTOUTPUT',
      },
      { Description: 'Strapping tape', Quantity: 2, UnitAmount: 7.45, AccountCode: '200' },
    ],
  }));
  return JSON.stringify({ Invoices: invoices });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

async function run(client: Client, batches: number, concurrency: number, offset: number) {
  const latencies: number[] = [];
  let accepted = 0;
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < batches) {
      const body = batchBody(offset + next++);
      const t0 = performance.now();
      const ok = await client.put(body); // read before adding: `accepted += await …` would lose updates
      accepted += ok;
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    accepted,
    seconds,
    perSecond: accepted / seconds,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
  };
}

export async function benchSandboxThroughput(): Promise<BenchResult> {
  const sandbox = await startXeroSandbox({
    limits: { enabled: false },
    organisations: [{ name: 'Bench Physio', region: 'AU' }],
  });
  try {
    const client = await connect(sandbox);
    await run(client, 20, 1, 0); // warm-up: JIT, contacts created
    const sequential = await run(client, 200, 1, 1000);
    const parallel = await run(client, 200, 4, 2000);
    const stored = sandbox.control.stats().calls;
    return {
      name: 'sandbox-throughput',
      metrics: {
        invoicesPerSecondSequential: Math.round(sequential.perSecond),
        invoicesPerSecondConcurrency4: Math.round(parallel.perSecond),
        batchMsP50: Number(sequential.p50.toFixed(1)),
        batchMsP95: Number(sequential.p95.toFixed(1)),
        invoicesAccepted: sequential.accepted + parallel.accepted,
        apiCalls: stored,
      },
      target: `>= ${TARGET_PER_SECOND} invoices/s through PUT /Invoices batches of ${BATCH}, limits off, one core`,
      pass: sequential.perSecond >= TARGET_PER_SECOND,
      notes:
        'Client and sandbox share one Node process (one core); pass is judged on one sequential client. ' +
        'Each invoice: 2 lines (one GST, one GST-free), Inclusive, contact by name, unique number.',
    };
  } finally {
    await sandbox.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  benchSandboxThroughput().then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
