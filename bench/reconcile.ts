/**
 * Reconciling 100,000 invoices over 2,000 contacts read from the Xero sandbox (issue 20): our
 * own time on top of the time spent inside the Xero client (reads and the waits the 60-a-minute
 * budget imposes), and the read calls against the minimum, ⌈100,000/100⌉ + ⌈2,000/100⌉ + 1
 * (credit notes, none) + 1 (payments, none) + 1 (bank transactions, none) + 1 (bank transfers,
 * none) = 1,024. Then a second reconciliation with nothing changed (target: ≤ 1 read per
 * collection, 6). Then a bookkeeper edits 1 % of the invoices in Xero and a third
 * reconciliation reads only those: the changed pages, then their lines by `IDs`, and who edited
 * them from Xero's history (one read each, at most 25 a run). Xero's real limits are on, on a clock sped up 120×
 * that the sandbox shares, so a 17-minute read passes in seconds; the call counts do not depend
 * on the speed-up. Seeding (documents made in Xero directly, the store's copy with its links) is
 * not timed.
 *
 * Targets (issue 20): ≤ 60 s of our own time; first ≤ 1.1 × the minimum calls; second ≤ 6.
 * Run: `npm run bench -- reconcile` (RECONCILE_BENCH_INVOICES=5000 for a quick look).
 */
import { pathToFileURL } from 'node:url';
import { validateDocument } from '../src/ledger/index.js';
import { HISTORY_READS_PER_RUN } from '../src/reconcile/changed-by.js';
import { RECONCILED_COLLECTIONS } from '../src/reconcile/model.js';
import { reconcile } from '../src/reconcile/reconcile.js';
import type { Database } from '../src/store/database.js';
import { upsertDocuments } from '../src/store/documents-repo.js';
import { saveLinks, type LinkWrite } from '../src/store/links-repo.js';
import { migrate } from '../src/store/migrator.js';
import { openPgliteDatabase } from '../src/store/pglite-database.js';
import { ensureSource, routeEntity } from '../src/store/sources-repo.js';
import { makeScaledClock } from '../src/time/clock.js';
import type { XeroApi } from '../src/xero/api-client.js';
import type { BenchResult } from './bench-result.js';
import { connectedOrg, type BenchOrg } from './support.js';

const INVOICES = Number(process.env.RECONCILE_BENCH_INVOICES ?? 100_000);
const CONTACTS = 2_000;
/** One listing call per collection besides invoices and contacts (RECONCILED_COLLECTIONS). */
const OTHER_COLLECTIONS = RECONCILED_COLLECTIONS.length - 2;
const MINIMUM = Math.ceil(INVOICES / 100) + Math.ceil(CONTACTS / 100) + OTHER_COLLECTIONS;
const SOURCE = 'bench';
/** Invoices a bookkeeper edits in Xero before the third reconciliation (1 %). */
const EDITS = Math.max(1, Math.floor(INVOICES / 100));
/**
 * The third pass's minimum: the changed invoices listed in pages of 100, one call for each other
 * collection, the edited invoices' lines by `IDs`, 50 a call, and who edited them: one history
 * read per difference, at most HISTORY_READS_PER_RUN (changed-by.ts).
 */
const EDITED_MINIMUM =
  Math.ceil(EDITS / 100) +
  (RECONCILED_COLLECTIONS.length - 1) +
  Math.ceil(EDITS / 50) +
  Math.min(EDITS, HISTORY_READS_PER_RUN);

/** Documents made in Xero directly (a bookkeeper's path: no API calls) and our copy of them. */
async function seed(db: Database, org: BenchOrg): Promise<string[]> {
  await ensureSource(db, SOURCE, 'file');
  await routeEntity(db, SOURCE, 'default', org.tenantId);
  const k = org.sandbox.control.bookkeeper;
  const contactIds: string[] = [];
  const docs = [];
  const links: LinkWrite[] = [];
  const invoiceIds: string[] = [];
  for (let c = 0; c < CONTACTS; c++) {
    const made = k.createContact(org.tenantId, { Name: `Patient ${c}` });
    contactIds.push(String(made.ContactID));
    docs.push(ledger({ kind: 'contact', sourceId: `c-${c}`, name: `Patient ${c}` }));
    links.push(link('contact', `c-${c}`, String(made.ContactID)));
  }
  for (let n = 0; n < INVOICES; n++) {
    const made = k.createInvoice(org.tenantId, {
      Type: 'ACCREC',
      Contact: { ContactID: contactIds[n % CONTACTS] },
      InvoiceNumber: `INV-${n}`,
      Status: 'AUTHORISED',
      Date: '2026-11-02',
      DueDate: '2026-11-16',
      LineAmountTypes: 'Inclusive',
      LineItems: [
        {
          Description: 'Consult',
          Quantity: 1,
          UnitAmount: 110,
          AccountCode: '200',
          TaxType: 'OUTPUT',
        },
      ],
    });
    invoiceIds.push(String(made.InvoiceID));
    docs.push(ledger(invoice(n)));
    links.push(link('invoice', `inv-${n}`, String(made.InvoiceID), `INV-${n}`));
  }
  for (let i = 0; i < docs.length; i += 1_000) {
    await upsertDocuments(db, docs.slice(i, i + 1_000));
    await saveLinks(
      db,
      links.slice(i, i + 1_000).map((l) => ({ ...l, tenantId: org.tenantId })),
    );
  }
  return invoiceIds;
}

/** A bookkeeper raises the unit amount of `EDITS` invoices spread over the organisation. */
function editInXero(org: BenchOrg, invoiceIds: readonly string[]): void {
  const step = Math.floor(invoiceIds.length / EDITS);
  for (let e = 0; e < EDITS; e++)
    org.sandbox.control.bookkeeper.editInvoice(org.tenantId, invoiceIds[e * step]!, {
      LineAmountTypes: 'Inclusive',
      LineItems: [
        {
          Description: 'Consult',
          Quantity: 1,
          UnitAmount: 120,
          AccountCode: '200',
          TaxType: 'OUTPUT',
        },
      ],
    });
}

const invoice = (n: number) => ({
  kind: 'invoice',
  sourceId: `inv-${n}`,
  number: `INV-${n}`,
  status: 'awaiting_payment',
  contactId: `c-${n % CONTACTS}`,
  issueDate: '2026-11-02',
  currency: 'AUD',
  lineAmountType: 'inclusive',
  lines: [
    { kind: 'time', description: 'Consult', quantity: '1', unitAmount: '110.00', taxCode: 'GST' },
  ],
  total: '110.00',
});

function ledger(record: Record<string, unknown>) {
  const v = validateDocument({ updatedAt: '2026-11-02T10:00:00Z', ...record }, { source: SOURCE });
  if (!v.ok) throw new Error(JSON.stringify(v.error));
  return v.value;
}

const link = (
  kind: LinkWrite['kind'],
  sourceId: string,
  xeroId: string,
  xeroNumber?: string,
): LinkWrite => ({
  source: SOURCE,
  kind,
  sourceId,
  tenantId: '',
  xeroId,
  ...(xeroNumber && { xeroNumber }),
  pushedHash: 'bench',
});

/** The client with the real time spent inside it summed (reads and budget waits). */
function timedApi(api: XeroApi): { api: XeroApi; inside: () => number } {
  let ms = 0;
  return {
    inside: () => ms,
    api: {
      async request(req) {
        const t0 = performance.now();
        try {
          return await api.request(req);
        } finally {
          ms += performance.now() - t0;
        }
      },
    },
  };
}

async function once(db: Database, org: BenchOrg, clock: ReturnType<typeof makeScaledClock>) {
  const timed = timedApi(org.api);
  org.sandbox.control.resetStats();
  const t0 = performance.now();
  const result = await reconcile({ db, api: timed.api, clock }, { tenantId: org.tenantId });
  const total = (performance.now() - t0) / 1000;
  const reads = Object.entries(org.sandbox.control.stats().byEndpoint)
    .filter(([e]) => e.startsWith('GET /'))
    .reduce((n, [, s]) => n + Object.values(s).reduce((a, b) => a + b, 0), 0);
  return { result, total, inside: timed.inside() / 1000, reads };
}

export async function benchReconcile(): Promise<BenchResult> {
  const clock = makeScaledClock(120);
  const db = await openPgliteDatabase({ create: true });
  await migrate(db);
  const org = await connectedOrg(db, { clock });
  try {
    const invoiceIds = await seed(db, org);
    const first = await once(db, org, clock);
    if (first.result.summary.agree.count !== INVOICES || first.result.open)
      throw new Error(
        `expected ${INVOICES} agreeing invoices: ${JSON.stringify(first.result.summary)}`,
      );
    const second = await once(db, org, clock);
    editInXero(org, invoiceIds);
    const third = await once(db, org, clock);
    if (third.result.differences.length !== EDITS || third.result.reads.lines !== EDITS)
      throw new Error(
        `expected ${EDITS} edits found with their lines: ${third.result.reads.lines}`,
      );
    const own = first.total - first.inside;
    return {
      name: 'reconcile',
      metrics: {
        invoices: INVOICES,
        first_seconds: round(first.total),
        first_inside_client_seconds: round(first.inside),
        first_own_seconds: round(own),
        first_read_calls: first.reads,
        minimum_read_calls: MINIMUM,
        first_calls_ratio: round(first.reads / MINIMUM),
        second_read_calls: second.reads,
        second_own_seconds: round(second.total - second.inside),
        edited_in_xero: EDITS,
        third_read_calls: third.reads,
        third_minimum_read_calls: EDITED_MINIMUM,
      },
      target:
        '≤ 60 s own time; first ≤ 1.1 × minimum reads; second ≤ 1 read per collection; after 1 % edited in Xero ≤ 1.1 × its minimum (lines and history only for those)',
      pass:
        own <= 60 &&
        first.reads <= 1.1 * MINIMUM &&
        second.reads <= RECONCILED_COLLECTIONS.length &&
        third.reads <= 1.1 * EDITED_MINIMUM,
    };
  } finally {
    await db.close();
    await org.sandbox.stop();
  }
}

const round = (n: number) => Math.round(n * 100) / 100;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  console.log(JSON.stringify(await benchReconcile(), null, 2));
