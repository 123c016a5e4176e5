/**
 * `ledgerbridge trust-report [--org ORG] [--as-of DATE] [--format table|json|csv]`: the three-way
 * trust reconciliation of each connected organisation with a trust bank account mapped
 * (src/reconcile/trust-report.ts). Exit 0 when bank = trust ledger = Σ client ledgers and no
 * client is overdrawn; 4 (LB_TRUST_UNBALANCED) otherwise (docs/reconcile.md).
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { renderTrust, trustJson, type TrustFormat } from '../../reconcile/render-trust.js';
import { trustReport, type TrustReport } from '../../reconcile/trust-report.js';
import { openStore } from '../../store/index.js';
import { listOrganisations } from '../../store/organisations-repo.js';
import { makeXeroRuntime } from '../../xero/xero-runtime.js';
import type { CommandContext } from '../context.js';

export interface TrustReportOptions {
  readonly org?: string;
  readonly asOf?: string;
  readonly format?: TrustFormat;
}

export async function runTrustReport(
  ctx: CommandContext,
  options: TrustReportOptions,
): Promise<unknown> {
  const { db } = await openStore(ctx.config, 'existing');
  try {
    const organisations = (await listOrganisations(db)).filter(
      (o) =>
        o.status === 'connected' &&
        (!options.org || o.tenantId === options.org || o.name === options.org),
    );
    const xero = await makeXeroRuntime(ctx.config, db);
    const asOf = options.asOf ?? new Date(xero.clock.now()).toISOString().slice(0, 10);
    const reports: TrustReport[] = [];
    for (const org of organisations) {
      const settings = () => xero.settings.get(org.tenantId);
      const report = await trustReport(
        { db, api: xero.api, tenantId: org.tenantId, settings },
        asOf,
      );
      if (report) reports.push(report);
    }
    if (reports.length === 0)
      throw new LedgerbridgeError(
        'LB_USAGE',
        'No connected organisation has a trust bank account mapped',
        {
          fix: 'Map one: `ledgerbridge map trust-bank ACCOUNT_CODE --tenant ORG` and `ledgerbridge map trust-liability ACCOUNT_CODE --tenant ORG`.',
        },
      );
    const text = renderTrust(options.format ?? (ctx.flags.json ? 'json' : 'table'), reports);
    ctx.out.result(reports.map(trustJson), () => text.trimEnd());
    const unbalanced = reports.filter((r) => r.problems.length > 0);
    if (unbalanced.length > 0)
      throw new LedgerbridgeError(
        'LB_TRUST_UNBALANCED',
        `The trust account does not balance three ways in ${unbalanced.map((r) => r.organisation).join(', ')}`,
      );
    return reports;
  } finally {
    await db.close();
  }
}
