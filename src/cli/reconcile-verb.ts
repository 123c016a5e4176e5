/** The reconcile verb and its fix / accept subcommands (issue 20, docs/reconcile.md). */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { bindAction } from './bind-action.js';
import type { Runner } from './main.js';
import type { Format, ReconcileOptions } from './commands/reconcile.js';
import type { TrustReportOptions } from './commands/trust-report.js';

const FORMATS: readonly Format[] = ['table', 'json', 'csv', 'html'];

const isoDay = (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) throw new InvalidArgumentError('expected YYYY-MM-DD');
  return v;
};

/** `trust-report`: the three-way trust reconciliation (docs/reconcile.md "Trust money"). */
export function registerTrustReportVerb(program: Command, run: Runner): void {
  program
    .command('trust-report')
    .description('three-way trust reconciliation: Xero trust bank = trust ledger = client ledgers')
    .option('--org <org>', 'only this organisation (name or tenant id)')
    .option('--as-of <date>', 'balances at the end of this day (YYYY-MM-DD; default today)', isoDay)
    .addOption(new Option('--format <format>', 'report format').choices(['table', 'json', 'csv']))
    .action(
      bindAction(run)(async (ctx, [o]) => {
        const { runTrustReport } = await import('./commands/trust-report.js');
        return runTrustReport(ctx, o as TrustReportOptions);
      }),
    );
}

export function registerReconcileVerb(program: Command, run: Runner): void {
  const bind = bindAction(run);
  const verb = program
    .command('reconcile')
    .description('compare the practice ledger with Xero and explain every difference')
    .option('--org <org>', 'only this organisation (name or tenant id)')
    .option('--entity <entity>', 'only this entity’s documents')
    .option('--as-of <date>', 'contact balances as of this day (YYYY-MM-DD)', isoDay)
    .addOption(new Option('--format <format>', 'report format').choices(FORMATS))
    .option('--out <file>', 'write the report to this file')
    .action(
      bind(async (ctx, [o]) => {
        const { runReconcile } = await import('./commands/reconcile.js');
        return runReconcile(ctx, o as ReconcileOptions);
      }),
    );
  verb
    .command('fix')
    .description('apply the fix a report offered for a difference, on the next sync')
    .argument('<id>')
    .option('--repush', 'push the practice system’s version again')
    .option('--remove', 'remove from Xero what Ledgerbridge created')
    .action(
      bind(async (ctx, [id, o]) => {
        const { runReconcileFix } = await import('./commands/reconcile.js');
        return runReconcileFix(ctx, id as string, o as { repush?: boolean; remove?: boolean });
      }),
    );
  verb
    .command('accept')
    .description('accept a difference with a reason (kept in the audit log)')
    .argument('<id>')
    .requiredOption('--reason <text>', 'why the difference is right')
    .action(
      bind(async (ctx, [id, o]) => {
        const { runReconcileAccept } = await import('./commands/reconcile.js');
        return runReconcileAccept(ctx, id as string, o as { reason?: string });
      }),
    );
}
