/**
 * Builds a difference value: its stable ref and short id, its state (which ends an acceptance
 * when anything about the document changes), and its words.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { explain, type ExplainInput } from './explain.js';
import type { Category, Difference, OurDocument, XeroSummary } from './model.js';

const hash = (text: string) => createHash('sha256').update(text).digest('hex');

export interface DifferenceInput extends ExplainInput {
  readonly category: Category;
  readonly ours?: OurDocument;
  readonly xero?: XeroSummary;
}

export function difference(input: DifferenceInput): Difference {
  const { ours, xero } = input;
  const about = ours
    ? `${ours.source}/${ours.document.kind}/${ours.document.sourceId}`
    : `xero/${xero?.collection}/${xero?.id}`;
  const ref = `${input.kind}:${about}`;
  const state = hash(
    [ours?.hash ?? '', ours?.deleted ?? '', xero?.updatedAt ?? '', xero?.status ?? ''].join('|'),
  ).slice(0, 16);
  const id = hash(ref).slice(0, 8);
  const words = explain(input);
  const number = xero?.number ?? ours?.xeroNumber ?? numberOf(ours);
  return {
    ref,
    id,
    state,
    category: input.category,
    kind: input.kind,
    document: {
      kind: ours?.document.kind ?? kindOf(xero),
      ...(number && { number }),
      ...(ours && { source: ours.source, sourceId: ours.document.sourceId }),
      ...((xero?.id ?? ours?.xeroId) && { xeroId: xero?.id ?? ours?.xeroId ?? undefined }),
    },
    amount: input.amount,
    ...(input.changedAt && { changedAt: new Date(input.changedAt).toISOString() }),
    ...(input.changedBy && { changedBy: input.changedBy }),
    ...words,
    fix: words.fix.replaceAll('reconcile fix ID', `reconcile fix ${id}`),
    accepted: false,
  };
}

function numberOf(ours: OurDocument | undefined): string | undefined {
  const d = ours?.document;
  return d && 'number' in d ? d.number : undefined;
}

function kindOf(xero: XeroSummary | undefined): string {
  switch (xero?.collection) {
    case 'CreditNotes':
      return 'credit_note';
    case 'Payments':
      return 'payment';
    case 'Contacts':
      return 'contact';
    default:
      return 'invoice';
  }
}
