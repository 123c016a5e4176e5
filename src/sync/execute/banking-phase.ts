/**
 * Planning a page of bank transactions, transfers or journals (plan/plan-banking.ts) with what the
 * planner needs from outside: a bank transaction's contact link, and whether Xero has the
 * transaction reconciled. The latter is read from Xero just before an edit or a deletion is
 * planned — one read per 50 linked transactions of the page, none for new ones — because a
 * bookkeeper reconciles in Xero at any time and Xero must not be sent a change it would refuse
 * (or, worse, apply under a reconciled bank line).
 *
 * @module
 */
import type { BankTransactionDoc, TrustMovementDoc } from '../../ledger/index.js';
import { readByIds } from '../../xero/reader.js';
import { text } from '../../xero/wire.js';
import type { Operation } from '../plan/operation.js';
import { planBanking, type BankingPlanInput } from '../plan/plan-banking.js';
import type { LinkInfo, PlanContext } from '../plan/plan-input.js';
import type { Candidate } from './candidates.js';
import { isBankTransactionKind, type BankingKind } from './execute-banking.js';
import type { Dependencies } from './phases.js';
import type { RunContext } from './run-context.js';

type WithContact = BankTransactionDoc | TrustMovementDoc;

export const BANKING_KINDS: readonly BankingKind[] = [
  'bank_transaction',
  'bank_transfer',
  'journal',
  'trust_movement',
];

export function bankingPlanner(
  rc: RunContext,
  kind: BankingKind,
  ctx: PlanContext,
  dependencies: Dependencies,
  contactOf: (id: string) => string,
): (page: Candidate[]) => Promise<Operation[]> {
  return async (candidates) => {
    const transactions = isBankTransactionKind(kind);
    const page = transactions ? await withReconciled(rc, candidates) : candidates;
    const contacts = transactions
      ? await dependencies(
          'contact',
          page.map((c) => contactOf((c.document as WithContact).contactId)),
        )
      : new Map<string, LinkInfo>();
    return page.map((c) => {
      const doc = c.document as BankingPlanInput['doc'];
      const contactLink = 'contactId' in doc ? contacts.get(contactOf(doc.contactId)) : undefined;
      return planBanking({ doc, hash: c.hash, deleted: c.deleted, link: c.link, contactLink }, ctx);
    });
  };
}

/** The page with each linked transaction's `isReconciled` as Xero has it now. */
async function withReconciled(rc: RunContext, page: Candidate[]): Promise<Candidate[]> {
  const ids = page
    .map((c) => (c.link?.state.removed === true ? null : c.link?.xeroId))
    .filter((id): id is string => Boolean(id));
  if (ids.length === 0) return page;
  const inXero = new Map(
    (await readByIds(rc.api, rc.tenantId, 'BankTransactions', ids)).map((t) => [
      text(t.BankTransactionID),
      t.IsReconciled === true,
    ]),
  );
  return page.map((c) => {
    const reconciled = c.link?.xeroId ? inXero.get(c.link.xeroId) : undefined;
    if (reconciled === undefined || !c.link) return c;
    return { ...c, link: { ...c.link, state: { ...c.link.state, isReconciled: reconciled } } };
  });
}
