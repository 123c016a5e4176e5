/**
 * Recording the planner's non-writing decisions: a skip remembered until the document changes
 * (so an unchanged draft costs nothing next run), and a rejection as a sync error that names what
 * it blocks ("payment PAY-9 waits on this invoice").
 *
 * @module
 */
import { isWaiting } from '../plan-tally.js';
import type { Operation } from '../plan/operation.js';
import { emptyOutcomes, recordOutcomes } from './record.js';
import type { RunContext } from './run-context.js';

type Skip = Extract<Operation, { op: 'skip' }>;
type Reject = Extract<Operation, { op: 'reject' }>;

export async function recordDecisions(
  rc: RunContext,
  skips: readonly Skip[],
  rejects: readonly Reject[],
): Promise<void> {
  if (skips.length === 0 && rejects.length === 0) return;
  const o = emptyOutcomes();
  for (const s of skips) {
    o.cleared.push(s.key);
    if (s.keep)
      o.links.push({
        ...s.key,
        tenantId: rc.tenantId,
        xeroId: s.keep.xeroId,
        pushedHash: s.version,
        state: { ...s.keep.state },
      });
    else if (s.remember)
      o.links.push({
        ...s.key,
        tenantId: rc.tenantId,
        xeroId: null,
        pushedHash: s.version,
        state: { skipped: s.reason },
      });
  }
  for (const r of rejects) {
    o.errors.push({
      ...r.key,
      tenantId: rc.tenantId,
      code: r.code,
      message: `${r.label}: ${r.message}`,
      fix: r.fix,
    });
    o.audit.push({
      action: `plan-${r.kind}`,
      source: r.key.source,
      kind: r.key.kind,
      sourceId: r.key.sourceId,
      tenantId: rc.tenantId,
      outcome: 'rejected',
      detail: { code: r.code, message: r.message, runId: rc.runId },
    });
  }
  rc.counts.skipped += skips.length;
  const waiting = rejects.filter(isWaiting).length;
  rc.counts.waiting += waiting;
  rc.counts.rejected += rejects.length - waiting;
  await recordOutcomes(rc, o);
}
