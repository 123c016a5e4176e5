/**
 * `ledgerbridge errors`: every document that cannot be pushed now, grouped by cause, with Xero's
 * own words and the fix (FEATURES R2). `ledgerbridge retry [ID | --all]`: try them again now.
 *
 * @module
 */
import { openStore, type Database } from '../../store/index.js';
import { listOpenSyncErrors, type SyncErrorRow } from '../../store/sync-errors-repo.js';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type { CommandContext } from '../context.js';
import { pickTenant } from './pick-tenant.js';
import { assertComplete, syncOnce } from './sync.js';

export interface ErrorsOptions {
  /** Only the errors of this organisation (its tenant id). */
  readonly tenant?: string;
}

export async function runErrors(
  ctx: CommandContext,
  options: ErrorsOptions = {},
): Promise<SyncErrorRow[]> {
  const { db } = await openStore(ctx.config, 'existing');
  try {
    const errors = await listOpenSyncErrors(db, await tenantFilter(db, options.tenant));
    ctx.out.result(errors, renderErrors);
    return errors;
  } finally {
    await db.close();
  }
}

export function renderErrors(errors: readonly SyncErrorRow[]): string {
  if (errors.length === 0) return 'No sync errors.';
  const groups = new Map<string, SyncErrorRow[]>();
  for (const e of errors) groups.set(e.code, [...(groups.get(e.code) ?? []), e]);
  const lines = [`${errors.length} document${errors.length === 1 ? '' : 's'} cannot be pushed:`];
  for (const [code, rows] of groups) {
    lines.push('', `${code} (${rows.length}) — fix: ${rows[0]!.fix}`);
    for (const e of rows) {
      lines.push(`  #${e.id} ${e.message}`);
      if (e.xeroMessage) lines.push(`       Xero said: ${e.xeroMessage}`);
      if (e.blocks && e.blocks.length > 0) lines.push(`       blocks: ${e.blocks.join(', ')}`);
    }
  }
  lines.push('', 'After fixing, run `ledgerbridge retry --all` (or `ledgerbridge retry ID`).');
  return lines.join('\n');
}

export async function runRetry(
  ctx: CommandContext,
  id: string | undefined,
  options: ErrorsOptions & { all?: boolean },
): Promise<unknown> {
  if (!id && !options.all)
    throw new LedgerbridgeError('LB_USAGE', 'Say which error to retry', {
      fix: 'Use `ledgerbridge retry ID` (see `ledgerbridge errors`) or `ledgerbridge retry --all`.',
    });
  const { db } = await openStore(ctx.config, 'existing');
  try {
    const open = await listOpenSyncErrors(db, {
      ...(id && { id: Number(id) }),
      ...(await tenantFilter(db, options.tenant)),
    });
    if (id && open.length === 0)
      throw new LedgerbridgeError('LB_USAGE', `No open sync error #${id}`, {
        fix: 'See `ledgerbridge errors` for the open ones.',
      });
    // A refused document has no link for its version, so the next pass plans it again; retrying
    // also forgets remembered skips of these documents in case a setting changed.
    for (const e of open)
      await db.query(
        'DELETE FROM links WHERE source = $1 AND kind = $2 AND source_id = $3 AND xero_id IS NULL',
        [e.source, e.kind, e.sourceId],
      );
    const sources = [...new Set(open.map((e) => e.source))];
    const reports = [];
    for (const source of sources)
      reports.push(
        await syncOnce(ctx, db, { source, ...(options.tenant && { tenant: options.tenant }) }),
      );
    for (const report of reports) assertComplete(report, false);
    return reports;
  } finally {
    await db.close();
  }
}

/** --tenant must name an organisation the store knows: a typo is an error, not "No sync errors". */
async function tenantFilter(
  db: Database,
  tenant: string | undefined,
): Promise<{ tenantId?: string }> {
  return tenant === undefined ? {} : { tenantId: await pickTenant(db, tenant) };
}
