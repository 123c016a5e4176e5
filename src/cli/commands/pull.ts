/**
 * `ledgerbridge pull [SOURCE] [--full]`: reads every connected practice-management system (or
 * one) into the store. `--full` reads everything again, ignoring the cursor. Exit status 1 when a
 * pull failed or could not start, 3 when records were rejected.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { openStore } from '../../store/index.js';
import type { CommandContext } from '../context.js';
import { connectedSources, pullSources, type SourcePull } from '../../sources/source-runtime.js';
import { describePull } from './describe-pull.js';

export interface PullCommandOptions {
  readonly full?: boolean;
}

export async function runPullCommand(
  ctx: CommandContext,
  source: string | undefined,
  options: PullCommandOptions,
): Promise<SourcePull[]> {
  const { db } = await openStore(ctx.config, 'existing');
  try {
    const sources = await connectedSources(db, source);
    if (sources.length === 0)
      throw new LedgerbridgeError(
        source ? 'LB_SOURCE_UNKNOWN' : 'LB_SOURCE_NOT_CONNECTED',
        source
          ? `No connected source is called ${source}`
          : 'No practice-management system is connected',
      );
    const pulls = await pullSources(ctx.config, db, sources, options.full ?? false);
    ctx.out.result(pulls, (ps) => ps.flatMap(describePull).join('\n'));
    assertPulled(pulls);
    return pulls;
  } finally {
    await db.close();
  }
}

function assertPulled(pulls: readonly SourcePull[]): void {
  const failed = pulls.find((p) => p.refused || p.report?.status === 'failed');
  if (failed)
    throw new LedgerbridgeError(
      'LB_SOURCE_UNAVAILABLE',
      `The pull of ${failed.source} did not finish`,
      {
        fix: failed.refused ?? failed.report?.error?.fix ?? 'See the lines above.',
      },
    );
  const rejected = pulls.reduce((n, p) => n + (p.report?.counts.rejected ?? 0), 0);
  if (rejected > 0)
    throw new LedgerbridgeError('LB_SYNC_INCOMPLETE', `${rejected} record(s) were rejected`, {
      fix: 'Correct the records named above in the practice-management system; the next pull reads them again.',
    });
}
