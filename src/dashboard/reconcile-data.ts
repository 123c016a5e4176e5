/** What the reconciliation page shows per organisation: its latest reconciliation and the trend. */
import type { BankAccountCheck } from '../reconcile/bank-accounts.js';
import type { Summary } from '../reconcile/model.js';
import type { Database } from '../store/database.js';
import { listOrganisations } from '../store/organisations-repo.js';
import {
  differenceTrend,
  latestReconciliation,
  type LatestReconciliation,
} from '../store/reconcile-repo.js';
import type { Difference } from '../reconcile/model.js';

export interface OrganisationReconciliation {
  readonly tenantId: string;
  readonly name: string;
  readonly latest: LatestReconciliation | undefined;
  readonly summary: Summary | undefined;
  /** Each bank and clearing account we post to, the ledger's movement against Xero's. */
  readonly banks: readonly BankAccountCheck[];
  /** Open differences first, then the accepted ones. */
  readonly differences: readonly Difference[];
  readonly trend: readonly { readonly at: string; readonly open: number }[];
}

export async function readReconciliations(db: Database): Promise<OrganisationReconciliation[]> {
  const organisations = await listOrganisations(db);
  const out: OrganisationReconciliation[] = [];
  for (const o of organisations) {
    const latest = await latestReconciliation(db, o.tenantId);
    const differences = (latest?.differences ?? []).map((d) => d.detail as unknown as Difference);
    out.push({
      tenantId: o.tenantId,
      name: o.name,
      latest,
      summary: latest?.stats.summary as Summary | undefined,
      banks: (latest?.stats.banks as BankAccountCheck[] | undefined) ?? [],
      differences: [
        ...differences.filter((d) => !d.accepted),
        ...differences.filter((d) => d.accepted),
      ],
      trend: (await differenceTrend(db, o.tenantId)).map((t) => ({
        at: t.at.toISOString(),
        open: t.open,
      })),
    });
  }
  return out;
}
