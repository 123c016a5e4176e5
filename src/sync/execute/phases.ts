/**
 * A run's phases for one source routed to one organisation, in dependency order: contacts →
 * invoices → credit notes (and their allocations) → payments → overpayments (and their
 * allocations, after the payments, so an invoice's amount due is as the PMS has it) → bank
 * transactions, transfers and journals (a bank transaction needs its contact; nothing else needs
 * them). Each phase streams its candidates
 * a page at a time, plans them (pure), and executes the page's operations before the next page,
 * so memory stays bounded however many documents there are.
 *
 * @module
 */
import type {
  DocumentKind,
  Contact,
  CreditNote,
  Invoice,
  OverpaymentDoc,
  Payment,
  RefundDoc,
} from '../../ledger/index.js';
import type { MappingContext } from '../mapping-context.js';
import type { MappingNeedsTally } from '../mapping-needs.js';
import type { Operation } from '../plan/operation.js';
import { planBilled } from '../plan/plan-invoice.js';
import { planContact } from '../plan/plan-contact.js';
import type { LinkInfo, PlanContext } from '../plan/plan-input.js';
import { planOverpayment } from '../plan/plan-overpayment.js';
import { planPayment } from '../plan/plan-payment.js';
import { planRefund } from '../plan/plan-refund.js';
import type { SyncSettings } from '../sync-settings.js';
import {
  linksFor,
  mergeTargets,
  neededContacts,
  streamCandidates,
  type Candidate,
} from './candidates.js';
import { recordDecisions } from './decisions.js';
import { allocationPhase, heldNewCreditNotes } from './allocation-phase.js';
import { BANKING_KINDS, bankingPlanner } from './banking-phase.js';
import { executeBanking, type BankingKind } from './execute-banking.js';
import { executeBilled } from './execute-billed.js';
import { executeContacts } from './execute-contacts.js';
import { executeOverpayments } from './execute-overpayments.js';
import { executeRefunds } from './execute-refunds.js';
import { executeWriteOffs } from './execute-write-offs.js';
import { writeOffPlanner } from './write-off-phase.js';
import { executePayouts } from './execute-payouts.js';
import { payoutPlanner } from './payout-phase.js';
import { executePayments } from './execute-payments.js';
import type { RunContext } from './run-context.js';

export interface PhaseScope {
  readonly source: string;
  readonly entities: readonly string[];
  readonly settings: SyncSettings;
  readonly mapping: MappingContext;
  /** Plan only: collect operations, write nothing. */
  readonly dryRun: boolean;
  readonly onOperation: (op: Operation) => void;
  /** Told the documents the pass would push (or refuses), for the mappings they need. */
  readonly needs?: MappingNeedsTally;
  /** Told the documents the pass refuses, which stay waiting (the stored needs summary). */
  readonly left?: MappingNeedsTally;
}

export async function runPhases(rc: RunContext, scopeIn: PhaseScope): Promise<void> {
  const ctx: PlanContext = { settings: scopeIn.settings, mapping: scopeIn.mapping };
  const links = plannedLinks(rc, scopeIn);
  const scope = { ...scopeIn, onOperation: links.onOperation };
  const merges = await mergeTargets(rc.db, scope.source);
  const contactOf = (id: string) => merges.get(id) ?? id;
  const needed = await neededContacts(
    rc.db,
    rc.tenantId,
    scope.source,
    scope.entities,
    scope.settings.pushStatuses,
  );
  await phase(rc, scope, 'contact', (page) => Promise.resolve(planContacts(page, needed, ctx)));
  // Each phase's pushes are all answered before the next phase plans against their links.
  await rc.inFlight.drain();
  for (const kind of ['invoice', 'credit_note'] as const) {
    await phase(
      rc,
      scope,
      kind,
      async (page) => {
        const ids = page.map((c) => contactOf((c.document as Invoice).contactId));
        const contacts = await links.dependencies('contact', ids);
        return page.map((c) => {
          const doc = c.document as Invoice | CreditNote;
          const contactLink = contacts.get(contactOf(doc.contactId));
          return planBilled(
            { doc, hash: c.hash, deleted: c.deleted, link: c.link, contactLink },
            ctx,
          );
        });
      },
      kind === 'credit_note' && scope.dryRun
        ? (page, ops) => heldNewCreditNotes(rc, scope, links.dependencies, page, ops)
        : undefined,
    );
  }
  // Credit notes need nothing of the invoices; their allocations need both answered.
  await rc.inFlight.drain();
  await allocationPhase(rc, scope, links.dependencies);
  await rc.inFlight.drain();
  await phase(rc, scope, 'payment', async (page) => {
    const ids = page.map((c) => (c.document as Payment).invoiceId);
    const invoices = await links.dependencies('invoice', ids);
    return page.map((c) => {
      const doc = c.document as Payment;
      const invoiceLink = usableInvoice(invoices.get(doc.invoiceId));
      return planPayment({ doc, hash: c.hash, deleted: c.deleted, link: c.link, invoiceLink }, ctx);
    });
  });
  await rc.inFlight.drain();
  const overpayments = overpaymentPlanner(ctx, links.dependencies, contactOf);
  await withAllocations(rc, scope, 'overpayment', overpayments, links.dependencies);
  // Refunds draw on the credit left once the allocations above are made.
  await phase(rc, scope, 'refund', refundPlanner(ctx, links.dependencies));
  await rc.inFlight.drain();
  // Write-offs settle what is still owed once the payments and credits above are in (P9).
  await withAllocations(rc, scope, 'write_off', writeOffPlanner(rc, ctx, links.dependencies), links.dependencies); // prettier-ignore
  // Bank transactions need their contacts, drained above; transfers and journals need nothing.
  for (const kind of BANKING_KINDS)
    await phase(rc, scope, kind, bankingPlanner(rc, kind, ctx, links.dependencies, contactOf));
  // Payouts empty the clearing accounts the payments above were paid into (P10).
  await phase(rc, scope, 'payout', payoutPlanner(rc, scope.source, ctx));
  await rc.inFlight.drain();
}

/** A phase of credits, then their allocations, each answered before what follows. */
async function withAllocations(
  rc: RunContext,
  scope: PhaseScope,
  kind: 'overpayment' | 'write_off',
  planner: Planner,
  dependencies: Dependencies,
): Promise<void> {
  await phase(rc, scope, kind, planner);
  await rc.inFlight.drain();
  await allocationPhase(rc, scope, dependencies, kind);
  await rc.inFlight.drain();
}

function overpaymentPlanner(
  ctx: PlanContext,
  dependencies: Dependencies,
  contactOf: (id: string) => string,
): Planner {
  return async (page) => {
    const ids = page.map((c) => contactOf((c.document as OverpaymentDoc).contactId));
    const contacts = await dependencies('contact', ids);
    return page.map((c) => {
      const doc = c.document as OverpaymentDoc;
      const contactLink = contacts.get(contactOf(doc.contactId));
      return planOverpayment(
        { doc, hash: c.hash, deleted: c.deleted, link: c.link, contactLink },
        ctx,
      );
    });
  };
}

function refundPlanner(ctx: PlanContext, dependencies: Dependencies): Planner {
  return async (page) => {
    const docs = page.map((c) => c.document as RefundDoc);
    const notes = await dependencies(
      'credit_note',
      docs.filter((d) => d.creditKind === 'credit_note').map((d) => d.creditId),
    );
    const overpayments = await dependencies(
      'overpayment',
      docs.filter((d) => d.creditKind === 'overpayment').map((d) => d.creditId),
    );
    return page.map((c, i) => {
      const doc = docs[i]!;
      const creditLink = (doc.creditKind === 'credit_note' ? notes : overpayments).get(
        doc.creditId,
      );
      return planRefund({ doc, hash: c.hash, deleted: c.deleted, link: c.link, creditLink }, ctx);
    });
  };
}

function planContacts(page: Candidate[], needed: ReadonlySet<string>, ctx: PlanContext) {
  return page.map((c) =>
    planContact(
      {
        doc: c.document as Contact,
        hash: c.hash,
        deleted: c.deleted,
        link: c.link,
        needed: needed.has(c.document.sourceId),
      },
      ctx,
    ),
  );
}

/**
 * The links dependents plan against. A dry run writes nothing, so what it would create is not
 * linked yet: let dependents plan as if it were (a new invoice's payment is a "create", not
 * "waits on its invoice").
 */
export type Dependencies = (
  kind: 'contact' | 'invoice' | 'credit_note' | 'overpayment',
  ids: readonly string[],
) => Promise<Map<string, LinkInfo>>;

function plannedLinks(rc: RunContext, scope: PhaseScope) {
  const planned = new Map<string, LinkInfo>();
  const dependencies: Dependencies = async (kind, ids) => {
    const found = await linksFor(rc.db, rc.tenantId, scope.source, kind, ids);
    for (const id of ids)
      if (!found.get(id)?.xeroId && planned.has(`${kind}/${id}`))
        found.set(id, planned.get(`${kind}/${id}`)!);
    return found;
  };
  const onOperation = (op: Operation) => {
    if (scope.dryRun && op.op === 'create')
      planned.set(`${op.kind}/${op.key.sourceId}`, {
        xeroId: '(to be created)',
        pushedHash: op.version,
        locked: false,
        state:
          'payload' in op && op.payload && 'CurrencyCode' in op.payload
            ? { currency: op.payload.CurrencyCode }
            : {},
      });
    scope.onOperation(op);
  };
  return { dependencies, onOperation };
}

/** A voided or deleted invoice takes no payments: treat it as not pushed. */
function usableInvoice(link: LinkInfo | undefined): LinkInfo | undefined {
  if (!link || link.state.removed !== true) return link;
  return { ...link, xeroId: null };
}

type Planner = (page: Candidate[]) => Promise<Operation[]>;

type PhaseKind = Exclude<DocumentKind, BankingKind> | BankingKind;

/** Operations that push a document's content (or would, but for a refusal): they need its mappings. */
const NEEDS_MAPPINGS = new Set<Operation['op']>(['create', 'update', 'recreate', 'reject']);

async function phase(
  rc: RunContext,
  scope: PhaseScope,
  kind: PhaseKind,
  plan: Planner,
  /** Told each page and its operations once they are reported. */
  after?: (page: Candidate[], ops: Operation[]) => Promise<void>,
): Promise<void> {
  rc.observer.phase?.({ tenantId: rc.tenantId, kind });
  for await (const page of streamCandidates(rc.db, {
    tenantId: rc.tenantId,
    source: scope.source,
    entities: scope.entities,
    kind,
  })) {
    const ops = await plan(page);
    ops.forEach(scope.onOperation);
    // Each planner gives one operation per candidate, in order.
    ops.forEach((op, i) => {
      if (NEEDS_MAPPINGS.has(op.op)) scope.needs?.add(page[i]!.document);
      if (op.op === 'reject' && scope.left !== scope.needs) scope.left?.add(page[i]!.document);
    });
    await after?.(page, ops);
    if (scope.dryRun) continue;
    const decided = ops.filter((o) => o.op === 'skip' || o.op === 'reject');
    await recordDecisions(
      rc,
      decided.filter((o) => o.op === 'skip'),
      decided.filter((o) => o.op === 'reject'),
    );
    rc.observer.decided?.({ tenantId: rc.tenantId, kind, count: decided.length });
    const writes = ops.filter((o) => o.op !== 'skip' && o.op !== 'reject');
    if (kind === 'contact')
      await executeContacts(rc, writes as Parameters<typeof executeContacts>[1]);
    else if (kind === 'payment')
      await executePayments(rc, writes as Parameters<typeof executePayments>[1]);
    else if (kind === 'overpayment') await executeOverpayments(rc, writes);
    else if (kind === 'refund') await executeRefunds(rc, writes);
    else if (kind === 'write_off') await executeWriteOffs(rc, writes);
    else if (kind === 'payout') await executePayouts(rc, writes);
    else if (kind !== 'invoice' && kind !== 'credit_note') await executeBanking(rc, kind, writes);
    else await executeBilled(rc, kind, writes as Parameters<typeof executeBilled>[2]);
  }
}
