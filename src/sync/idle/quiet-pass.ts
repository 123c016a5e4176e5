/**
 * Whether a scheduled pass of an organisation has anything to do (docs/service.md, "An idle
 * installation"): asked of the store first, cheapest question first, each answered by a primary
 * key or an index probe, never by reading every document; then, if the store has nothing, of
 * Xero in one read (xero-probe.ts). A quiet pass reads nothing else — not the organisation's
 * settings and chart, not Xero's side in full — and writes nothing to Xero.
 *
 * Every pass over all of an organisation's sources leaves its mark (pass-mark.ts): a working
 * pass marks itself unfinished as it starts and clean when it ends succeeded, so a pass that
 * died or failed half-way is followed by a working pass.
 *
 * @module
 */
import type { Database } from '../../store/database.js';
import { latestChangeSeq } from '../../store/documents-repo.js';
import { hasOpenIntents } from '../../store/intents-repo.js';
import { finishRun } from '../../store/runs-repo.js';
import { hasRetryableErrors } from '../../store/sync-errors-repo.js';
import type { Clock } from '../../time/clock.js';
import type { XeroApi } from '../../xero/api-client.js';
import { hasCandidateChangedSince } from '../execute/candidates.js';
import { emptyCounts } from '../execute/run-context.js';
import { passInputs } from './pass-inputs.js';
import { passRequests, readPassMark, rotated, savePassMark, type PassMark } from './pass-mark.js';
import { probeCollection, xeroSideChanged } from './xero-probe.js';

/** Where the store stood as a pass began: what its mark records. */
export interface PassStart {
  readonly tenantId: string;
  readonly mark: PassMark | undefined;
  readonly newest: string;
  readonly inputs: string;
  readonly requests: string;
  readonly now: number;
}

type Sources = ReadonlyMap<string, readonly string[]>;

export async function beginPass(
  db: Database,
  clock: Clock,
  tenantId: string,
  sources: Sources,
): Promise<PassStart> {
  return {
    tenantId,
    mark: await readPassMark(db, tenantId),
    newest: await latestChangeSeq(db),
    inputs: await passInputs(db, tenantId, sources),
    requests: await passRequests(db, tenantId),
    now: clock.now(),
  };
}

/** Why the mark alone calls for a working pass; undefined when it does not. Pure. */
export function markVerdict(start: PassStart): string | undefined {
  const { mark } = start;
  if (!mark) return 'no pass has finished here yet';
  if (!mark.clean) return 'the last pass did not finish cleanly';
  if (mark.inputs !== start.inputs) return 'routes, mappings or sync settings changed';
  if (mark.requests !== start.requests) return 'a pass was asked for (retry, unlock, Xero webhook)';
  return undefined;
}

/** Why the store calls for a working pass; undefined when nothing there needs one. */
export async function storeVerdict(
  db: Database,
  start: PassStart,
  sources: Sources,
): Promise<string | undefined> {
  const reason = markVerdict(start);
  if (reason || !start.mark) return reason;
  const { tenantId } = start;
  if (await hasOpenIntents(db, tenantId)) return 'a push awaits its outcome';
  if (await hasRetryableErrors(db, tenantId)) return 'sync errors to retry';
  for (const [source, entities] of sources)
    if (await hasCandidateChangedSince(db, { tenantId, source, entities }, start.mark.settled))
      return `documents of ${source} changed`;
  return undefined;
}

/** Why this pass must work (store first, then one Xero read); undefined when it is quiet. */
export async function workVerdict(
  deps: { readonly db: Database; readonly api: XeroApi; readonly xeroWebhooks?: boolean },
  start: PassStart,
  sources: Sources,
): Promise<string | undefined> {
  const stored = await storeVerdict(deps.db, start, sources);
  if (stored) return stored;
  const collection = probeCollection(deps.xeroWebhooks ?? false, start.mark?.quietPasses ?? 0);
  const x = { db: deps.db, api: deps.api, tenantId: start.tenantId };
  if (await xeroSideChanged(x, [...sources.keys()], collection))
    return `${collection.toLowerCase()} changed in Xero`;
  return undefined;
}

/** Ends the pass here when it is quiet: its mark and its run recorded, nothing else read. */
export async function endIfQuiet(
  deps: { readonly db: Database; readonly api: XeroApi; readonly xeroWebhooks?: boolean },
  start: PassStart,
  sources: Sources,
  runId: number | null,
): Promise<boolean> {
  if (await workVerdict(deps, start, sources)) return false;
  await markPass(deps.db, start, 'quiet');
  if (runId !== null) await finishRun(deps.db, runId, 'succeeded', { ...emptyCounts() });
  return true;
}

/** Records how the pass went: quiet, started (not yet finished) or finished, clean or not. */
export async function markPass(
  db: Database,
  start: PassStart,
  how: 'quiet' | 'started' | 'clean' | 'unclean',
): Promise<void> {
  const quietPasses = how === 'quiet' ? (start.mark?.quietPasses ?? 0) + 1 : 0;
  await savePassMark(db, start.tenantId, {
    ...rotated(start.mark, start.newest, start.now),
    clean: how === 'quiet' || how === 'clean',
    inputs: start.inputs,
    requests: start.requests,
    quietPasses,
  });
}
