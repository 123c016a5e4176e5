/**
 * `ledgerbridge errors`: every document that cannot be pushed now, grouped by cause, with Xero's
 * own words and the fix (FEATURES R2); `ledgerbridge retry` (retry.ts) tries them again.
 *
 * @module
 */
import { openStore, type Database } from '../../store/index.js';
import { listOpenSyncErrors, type SyncErrorRow } from '../../store/sync-errors-repo.js';
import type { CommandContext } from '../context.js';
import { pickTenant } from './pick-tenant.js';

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
  const lines = [`${errors.length} open sync error${errors.length === 1 ? '' : 's'}:`];
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

/** --tenant must name an organisation the store knows: a typo is an error, not "No sync errors". */
export async function tenantFilter(
  db: Database,
  tenant: string | undefined,
): Promise<{ tenantId?: string }> {
  return tenant === undefined ? {} : { tenantId: await pickTenant(db, tenant) };
}
