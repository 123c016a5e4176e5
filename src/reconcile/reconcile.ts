/**
 * One reconciliation of one organisation: read Xero's side (read-xero.ts), our side from the
 * store, compare (compare.ts, pure), store the run and its differences, return the result value.
 * The service's daily job calls this; the CLI renders its result.
 *
 * @module
 */
import type { Database } from '../store/database.js';
import { saveDifferences } from '../store/reconcile-differences-repo.js';
import { listAccepted, listReconcileLedger } from '../store/reconcile-repo.js';
import { finishRun, startRun } from '../store/runs-repo.js';
import type { Clock } from '../time/clock.js';
import type { XeroApi } from '../xero/api-client.js';
import type { SettingsCache } from '../xero/organisation-settings.js';
import type { BankAccountCheck } from './bank-accounts.js';
import { bankSection } from './bank-section.js';
import { findChangedBy } from './changed-by.js';
import { compare, totalsDiffer } from './compare.js';
import {
  COLLECTION_OF_KIND,
  type Comparison,
  type OurDocument,
  type ReconciledCollection,
  type XeroLine,
  type XeroSummary,
} from './model.js';
import { readXeroLines, readXeroSide, type XeroReadStats } from './read-xero.js';
import { hasOpenDifferences } from './summary.js';

export interface ReconcileDeps {
  readonly db: Database;
  readonly api: XeroApi;
  readonly clock: Clock;
  /**
   * The organisation's chart and tax rates, for the bank accounts' section (which accounts, and
   * what the sync would post there); without it the section is left out.
   */
  readonly settings?: SettingsCache;
}

export interface ReconcileOptions {
  readonly tenantId: string;
  /** Only this entity's documents (a business inside a source). */
  readonly entity?: string;
  /** `YYYY-MM-DD`: contact balances as of this day. */
  readonly asOf?: string;
}

export interface ReconcileResult extends Comparison {
  readonly runId: number;
  readonly tenantId: string;
  readonly entity?: string;
  readonly asOf?: string;
  readonly reads: XeroReadStats & {
    /** Documents whose lines were read by `IDs` (their totals differ). */
    readonly lines: number;
    /** Documents whose history was read to name who changed them in Xero. */
    readonly history?: number;
  };
  /** Whether any difference is open (not accepted): the command exits non-zero then. */
  readonly open: boolean;
  /** Each bank and clearing account we post to: the ledger's movement against Xero's. */
  readonly banks?: readonly BankAccountCheck[];
}

export async function reconcile(
  deps: ReconcileDeps,
  options: ReconcileOptions,
): Promise<ReconcileResult> {
  const { db, tenantId } = { db: deps.db, tenantId: options.tenantId };
  // Every read in the read lane: it yields to a waiting sync (src/xero/read-lane.ts).
  const reads: ReconcileDeps = {
    ...deps,
    api: { request: (req) => deps.api.request({ ...req, lane: 'read' }) },
  };
  const runId = await startRun(db, 'reconcile', undefined, tenantId);
  try {
    const ours: OurDocument[] = (await listReconcileLedger(db, tenantId, options.entity)).map(
      (r) => ({ ...r, pushedAt: r.pushedAt ? new Date(r.pushedAt).getTime() : null }),
    );
    const xero = await readXeroSide(reads, tenantId, linkedIds(ours));
    const lines = await readLinesWhereTotalsDiffer(reads, tenantId, ours, xero.summaries);
    const input = {
      ours,
      xero: xero.summaries,
      ...(options.asOf && { asOf: options.asOf }),
      accepted: await listAccepted(db, tenantId),
      lines: lines.lines,
    };
    let comparison = compare(input);
    // Who made each change inside Xero: then the words name them (compare is pure and cheap).
    const who = await findChangedBy(reads, { tenantId, runId }, comparison.differences);
    if (who.changedBy.size > 0) comparison = compare({ ...input, changedBy: who.changedBy });
    const counts = { ...xero.stats, lines: lines.read, history: who.reads };
    const banks = deps.settings
      ? await bankSection({ db, settings: deps.settings }, tenantId, { ...input, ours })
      : undefined;
    await saveDifferences(db, runId, tenantId, comparison.differences.map(toRow));
    const open = hasOpenDifferences(comparison.summary);
    await finishRun(db, runId, 'succeeded', {
      summary: comparison.summary,
      reads: counts,
      ...(banks && { banks }),
    });
    return {
      ...comparison,
      runId,
      tenantId,
      ...(options.entity && { entity: options.entity }),
      ...(options.asOf && { asOf: options.asOf }),
      reads: counts,
      open,
      ...(banks && { banks }),
    };
  } catch (error) {
    await finishRun(
      db,
      runId,
      'failed',
      {},
      error instanceof Error ? error.message : String(error),
    );
    throw error;
  }
}

/** The Xero ids we linked, per collection. */
function linkedIds(ours: readonly OurDocument[]): Map<ReconciledCollection, string[]> {
  const out = new Map<ReconciledCollection, string[]>();
  for (const o of ours) {
    const collection = COLLECTION_OF_KIND[o.document.kind];
    if (!o.xeroId || !collection) continue;
    const ids = out.get(collection) ?? [];
    ids.push(o.xeroId);
    out.set(collection, ids);
  }
  return out;
}

/** Lines only where totals differ: the listing is read without them (issue 20, cheap reads). */
async function readLinesWhereTotalsDiffer(
  deps: ReconcileDeps,
  tenantId: string,
  ours: readonly OurDocument[],
  xero: readonly XeroSummary[],
): Promise<{ lines: Map<string, XeroLine[]>; read: number }> {
  const ids = new Set(totalsDiffer(ours, xero));
  const lines = new Map<string, XeroLine[]>();
  for (const collection of ['Invoices', 'CreditNotes'] as const) {
    const of = xero.filter((s) => s.collection === collection && ids.has(s.id)).map((s) => s.id);
    for (const [id, l] of await readXeroLines(deps.api, tenantId, collection, of)) lines.set(id, l);
  }
  return { lines, read: ids.size };
}

const toRow = (d: ReconcileResult['differences'][number]) => ({
  ref: d.ref,
  state: d.state,
  category: d.category,
  amount: d.amount,
  accepted: d.accepted,
  detail: { ...d },
});
