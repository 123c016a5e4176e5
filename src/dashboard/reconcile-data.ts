/**
 * What the reconciliation page shows per organisation: its latest reconciliation, its bank and
 * clearing accounts, a page of its open differences (PAGE_SIZE, by key: a reconciliation may find
 * thousands) and the trend.
 */
import type { BankAccountCheck } from '../reconcile/bank-accounts.js';
import type { Difference, Summary } from '../reconcile/model.js';
import type { Database } from '../store/database.js';
import { listOrganisations } from '../store/organisations-repo.js';
import {
  countOpenDifferences,
  differenceTrend,
  openDifferencesPage,
  type DifferenceKey,
} from '../store/reconcile-differences-repo.js';
import { latestReconciliation, type LatestReconciliation } from '../store/reconcile-repo.js';

/** Differences shown at once: a page of 100 renders in ~15 ms and ~130 KB of HTML. */
export const PAGE_SIZE = 100;

/** Which page of one organisation's differences to show; the others show their first. */
export interface DifferencesAt {
  readonly tenantId: string;
  readonly after?: DifferenceKey;
  readonly before?: DifferenceKey;
}

export interface DifferencesPage {
  /** Open differences of the latest reconciliation, in all. */
  readonly open: number;
  /** How many come before this page (0 on the first). */
  readonly skipped: number;
  readonly items: readonly Difference[];
  /** Keys for the pages either side, when there are any. */
  readonly previous?: DifferenceKey;
  readonly next?: DifferenceKey;
}

export interface OrganisationReconciliation {
  readonly tenantId: string;
  readonly name: string;
  /** The query of the page shown (`tenant=…&after=…`), or '' for the first: where actions return. */
  readonly pageQuery: string;
  readonly latest: LatestReconciliation | undefined;
  readonly summary: Summary | undefined;
  /** Each bank and clearing account we post to, the ledger's movement against Xero's. */
  readonly banks: readonly BankAccountCheck[];
  readonly differences: DifferencesPage;
  readonly trend: readonly { readonly at: string; readonly open: number }[];
}

const NONE: DifferencesPage = { open: 0, skipped: 0, items: [] };

export async function readReconciliations(
  db: Database,
  at?: DifferencesAt,
): Promise<OrganisationReconciliation[]> {
  const organisations = await listOrganisations(db);
  const out: OrganisationReconciliation[] = [];
  for (const o of organisations) {
    const latest = await latestReconciliation(db, o.tenantId);
    const page: Omit<DifferencesAt, 'tenantId'> = at?.tenantId === o.tenantId ? at : {};
    out.push({
      tenantId: o.tenantId,
      name: o.name,
      pageQuery:
        page.after || page.before ? differencesQuery({ tenantId: o.tenantId, ...page }) : '',
      latest,
      summary: latest?.stats.summary as Summary | undefined,
      banks: (latest?.stats.banks as BankAccountCheck[] | undefined) ?? [],
      differences: latest ? await differencesPage(db, latest.runId, page) : NONE,
      trend: (await differenceTrend(db, o.tenantId)).map((t) => ({
        at: t.at.toISOString(),
        open: t.open,
      })),
    });
  }
  return out;
}

async function differencesPage(
  db: Database,
  runId: number,
  at: Omit<DifferencesAt, 'tenantId'>,
): Promise<DifferencesPage> {
  const rows = await openDifferencesPage(db, runId, at, PAGE_SIZE);
  const first = rows[0];
  const last = rows.at(-1);
  const { open, before } = await countOpenDifferences(db, runId, first);
  const skipped = first ? before : at.before ? 0 : open;
  const keyOf = (d: { category: string; ref: string }) => ({ category: d.category, ref: d.ref });
  return {
    open,
    skipped,
    items: rows.map((d) => d.detail as unknown as Difference),
    ...(first && skipped > 0 && { previous: keyOf(first) }),
    ...(last && skipped + rows.length < open && { next: keyOf(last) }),
  };
}

/** The query naming a page of an organisation's differences: `tenant=…&after=CATEGORY:REF`. */
export function differencesQuery(at: DifferencesAt): string {
  const key = at.before ?? at.after;
  const dir = at.before ? 'before' : 'after';
  return new URLSearchParams({
    tenant: at.tenantId,
    ...(key && { [dir]: `${key.category}:${key.ref}` }),
  }).toString();
}

/** The page a query names (`differencesQuery`'s), if it names one. */
export function parseDifferencesQuery(q: Record<string, string>): DifferencesAt | undefined {
  if (!q.tenant) return undefined;
  const key = (text: string | undefined) => {
    const at = text?.indexOf(':') ?? -1;
    return at > 0 ? { category: text!.slice(0, at), ref: text!.slice(at + 1) } : undefined;
  };
  const after = key(q.after);
  const before = key(q.before);
  return { tenantId: q.tenant, ...(before ? { before } : after && { after }) };
}
