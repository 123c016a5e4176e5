/**
 * `ledgerbridge retry [ID | --all] [--tenant T]`: the documents of open sync errors are planned
 * again now, in one pass per source they belong to.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { openStore } from '../../store/index.js';
import { forgetSkips } from '../../store/links-repo.js';
import { documentsOf, listOpenSyncErrors } from '../../store/sync-errors-repo.js';
import { requestWorkingPass } from '../../sync/idle/pass-mark.js';
import type { CommandContext } from '../context.js';
import { tenantFilter, type ErrorsOptions } from './errors.js';
import { assertComplete, syncOnce } from './sync.js';

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
    await forgetSkips(db, documentsOf(open));
    // And the service's next scheduled pass plans them too, rather than ending as quiet.
    for (const tenantId of new Set(open.flatMap((e) => (e.tenantId ? [e.tenantId] : []))))
      await requestWorkingPass(db, tenantId);
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
