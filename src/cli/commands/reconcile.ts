/**
 * `ledgerbridge reconcile [--org ORG] [--entity E] [--as-of DATE] [--format table|json|csv|html]
 * [--out FILE]`, and `reconcile fix ID --repush|--remove`, `reconcile accept ID --reason TEXT`.
 * The report goes to stdout or FILE; the exit status is 0 when everything agrees and 4
 * (LB_RECONCILE_DIFFERENCES) when differences are open (docs/reconcile.md).
 *
 * @module
 */
import { writeFile } from 'node:fs/promises';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { acceptDifferenceById, fixDifference } from '../../reconcile/fixes.js';
import { reconcile } from '../../reconcile/reconcile.js';
import { trustJson } from '../../reconcile/render-trust.js';
import { trustReport } from '../../reconcile/trust-report.js';
import { renderCsv } from '../../reconcile/render-csv.js';
import { renderHtml } from '../../reconcile/render-html.js';
import { renderTable } from '../../reconcile/render-table.js';
import type { OrganisationReport } from '../../reconcile/report.js';
import type { Database } from '../../store/database.js';
import { openStore } from '../../store/index.js';
import { listOrganisations } from '../../store/organisations-repo.js';
import { differenceTrend } from '../../store/reconcile-differences-repo.js';
import { makeXeroRuntime } from '../../xero/xero-runtime.js';
import type { CommandContext } from '../context.js';

export const FORMATS = ['table', 'json', 'csv', 'html'] as const;
export type Format = (typeof FORMATS)[number];

export interface ReconcileOptions {
  readonly org?: string;
  readonly entity?: string;
  readonly asOf?: string;
  readonly format?: Format;
  readonly out?: string;
}

export async function runReconcile(
  ctx: CommandContext,
  options: ReconcileOptions,
): Promise<unknown> {
  const { db } = await openStore(ctx.config, 'existing');
  try {
    const reports = await reconcileAll(ctx, db, options);
    const format = options.format ?? (ctx.flags.json ? 'json' : 'table');
    const text = render(format, reports, new Date());
    if (options.out) {
      await writeFile(options.out, text);
      ctx.out.note(`Report written to ${options.out}`);
      // Under --json the result is the JSON document whatever --format says.
    } else ctx.out.result(reports, () => text.trimEnd());
    const open = reports.filter((r) => r.result.open);
    if (open.length > 0)
      throw new LedgerbridgeError(
        'LB_RECONCILE_DIFFERENCES',
        `Differences are open in ${open.map((r) => r.organisation).join(', ')}`,
      );
    return reports;
  } finally {
    await db.close();
  }
}

async function reconcileAll(
  ctx: CommandContext,
  db: Database,
  options: ReconcileOptions,
): Promise<OrganisationReport[]> {
  const organisations = (await listOrganisations(db)).filter(
    (o) =>
      o.status === 'connected' &&
      (!options.org || o.tenantId === options.org || o.name === options.org),
  );
  if (organisations.length === 0)
    throw new LedgerbridgeError(
      'LB_USAGE',
      options.org ? `No connected organisation ${options.org}` : 'No connected organisation',
      {
        fix: 'See `ledgerbridge status` for the organisations (by name or tenant id); `ledgerbridge connect xero` adds one.',
      },
    );
  const xero = await makeXeroRuntime(ctx.config, db);
  const reports: OrganisationReport[] = [];
  for (const org of organisations) {
    const result = await reconcile(
      { db, api: xero.api, clock: xero.clock, settings: xero.settings },
      {
        tenantId: org.tenantId,
        ...(options.entity && { entity: options.entity }),
        ...(options.asOf && { asOf: options.asOf }),
      },
    );
    const trend = (await differenceTrend(db, org.tenantId)).map((t) => ({
      at: new Date(t.at).toISOString(),
      open: t.open,
    }));
    const trust = await trustReport(
      {
        db,
        api: xero.api,
        tenantId: org.tenantId,
        settings: () => xero.settings.get(org.tenantId),
      },
      options.asOf ?? new Date(xero.clock.now()).toISOString().slice(0, 10),
    );
    reports.push({
      organisation: org.name,
      result,
      trend,
      ...(trust && { trust: trustJson(trust) }),
    });
  }
  return reports;
}

function render(format: Format, reports: readonly OrganisationReport[], at: Date): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(reports, null, 2)}\n`;
    case 'csv':
      return renderCsv(reports);
    case 'html':
      return renderHtml(reports, at);
    case 'table':
      return `${renderTable(reports)}\n`;
  }
}

export async function runReconcileFix(
  ctx: CommandContext,
  id: string,
  options: { repush?: boolean; remove?: boolean },
): Promise<unknown> {
  if (Boolean(options.repush) === Boolean(options.remove))
    throw new LedgerbridgeError('LB_USAGE', 'Say which fix: --repush or --remove', {
      fix: 'Use the command the report offers for this difference.',
    });
  const { db } = await openStore(ctx.config, 'existing');
  try {
    const done = await fixDifference(db, id, options.repush ? 'repush' : 'remove');
    ctx.out.result(done, (d) => `Difference ${d.id}: marked for --${d.action}. ${d.next}`);
    return done;
  } finally {
    await db.close();
  }
}

export async function runReconcileAccept(
  ctx: CommandContext,
  id: string,
  options: { reason?: string },
): Promise<unknown> {
  const { db } = await openStore(ctx.config, 'existing');
  try {
    const done = await acceptDifferenceById(db, id, options.reason ?? '');
    ctx.out.result(
      done,
      (d) => `Difference ${d.id} accepted; later reports leave it out until the document changes.`,
    );
    return done;
  } finally {
    await db.close();
  }
}
