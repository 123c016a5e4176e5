/**
 * Planning a page of payouts (plan/plan-payout.ts) with the links of their fees' Spend Money,
 * which are kept beside the payout's own (its transfer's) under "ID#fees".
 *
 * @module
 */
import type { PayoutDoc } from '../../ledger/index.js';
import type { Operation } from '../plan/operation.js';
import type { PlanContext } from '../plan/plan-input.js';
import { FEES_SUFFIX, planPayout } from '../plan/plan-payout.js';
import { linksFor, type Candidate } from './candidates.js';
import type { RunContext } from './run-context.js';

export function payoutPlanner(
  rc: RunContext,
  source: string,
  ctx: PlanContext,
): (page: Candidate[]) => Promise<Operation[]> {
  return async (page) => {
    const feesIds = page.map((c) => `${c.document.sourceId}${FEES_SUFFIX}`);
    const fees = await linksFor(rc.db, rc.tenantId, source, 'payout', feesIds);
    return page.map((c, i) =>
      planPayout(
        {
          doc: c.document as PayoutDoc,
          hash: c.hash,
          deleted: c.deleted,
          link: c.link,
          feesLink: fees.get(feesIds[i]!),
        },
        ctx,
      ),
    );
  };
}
