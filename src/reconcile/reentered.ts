/**
 * A payment changed in Xero, as Xero makes one (pure). Xero cannot edit a payment ("Payments
 * cannot be modified, only created and deleted", reference §8): a bookkeeper who changes its
 * amount or date removes it (Remove & Redo) and enters it again. The one entered again is ours
 * when it carries our payment's Reference on the same invoice — the rule the sync uses for a
 * payment it did not link (sync/execute/own-payments.ts) — so the report names one changed
 * payment, not one deleted and another added.
 *
 * @module
 */
import { referenceFor } from '../sync/map/references.js';
import type { OurDocument, XeroSummary } from './model.js';
import type { XeroIndex } from './xero-index.js';

const live = (s: XeroSummary | undefined) =>
  s !== undefined && s.status !== 'VOIDED' && s.status !== 'DELETED';

/**
 * Our payments whose own Xero payment is gone, each with the live payment entered again in its
 * place (by our document's source/source id). `linked` holds every Xero id one of ours links;
 * `invoiceXeroIds` maps our invoices' source ids to their Xero ids.
 */
export function reenteredPayments(
  ours: readonly OurDocument[],
  x: XeroIndex,
  linked: ReadonlySet<string>,
  invoiceXeroIds: ReadonlyMap<string, string>,
): Map<string, XeroSummary> {
  const candidates = new Map<string, XeroSummary[]>();
  for (const s of x.byId.values())
    if (s.collection === 'Payments' && live(s) && !linked.has(s.id) && s.invoiceId && s.reference) {
      const key = `${s.invoiceId}|${s.reference}`;
      candidates.set(key, [...(candidates.get(key) ?? []), s]);
    }
  const out = new Map<string, XeroSummary>();
  for (const o of ours) {
    const d = o.document;
    if (d.kind !== 'payment' || o.deleted || d.status !== 'active' || !o.xeroId) continue;
    if (live(x.byId.get(o.xeroId))) continue;
    const invoice = invoiceXeroIds.get(d.invoiceId);
    const found = invoice && candidates.get(`${invoice}|${referenceFor(d)}`);
    // Two entered again under one Reference: which is ours is a guess, so neither is claimed.
    if (found && found.length === 1) out.set(keyOf(o), found[0]!);
  }
  return out;
}

export const keyOf = (o: OurDocument): string => `${o.source}/${o.document.sourceId}`;
