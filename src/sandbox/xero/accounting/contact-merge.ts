/**
 * Merging two contacts, as Xero's Contacts → Merge does
 * (https://central.xero.com/s/article/Merge-duplicate-contacts): every transaction of the merged
 * contact — invoices, bills, credit notes, overpayments and prepayments, bank transactions —
 * moves to the contact kept, and the merged contact is archived with `MergedToContactID` naming
 * the one kept (spec Contact: "Only returned when using paging or when fetching a contact by
 * ContactId"). Xero offers it only in its own screens, never through the API: the sandbox's
 * bookkeeper does it (control surface `merge-contacts`).
 *
 * @module
 */
import { succeeded, type ElementOutcome } from './batch.js';
import { renderContact } from './contact-render.js';
import type { WriteContext } from './context.js';
import { byId } from './lookup.js';

/** Moves `fromId`'s transactions to `intoId` and archives `fromId`; Xero's errors as messages. */
export function mergeContacts(ctx: WriteContext, fromId: string, intoId: string): ElementOutcome {
  const { org, now } = ctx;
  const from = byId(org.contacts, fromId);
  const into = byId(org.contacts, intoId);
  const refused = (message: string): ElementOutcome => ({
    ok: false,
    echo: { ContactID: fromId },
    errors: [message],
    warnings: [],
  });
  if (!from || !into) return refused('The contact with the specified ContactID could not be found.'); // prettier-ignore
  if (from.id === into.id) return refused('A contact cannot be merged into itself.');
  if (from.status !== 'ACTIVE' || into.status !== 'ACTIVE')
    return refused('The contact is archived and cannot be used.');
  const move = <D extends { contactId?: string; updatedAt: number }>(docs: Map<string, D>) => {
    for (const [id, doc] of docs)
      if (doc.contactId === from.id) docs.set(id, { ...doc, contactId: into.id, updatedAt: now });
  };
  move(org.invoices);
  move(org.creditNotes);
  move(org.prepays);
  move(org.bankTransactions);
  const merged = { ...from, status: 'ARCHIVED' as const, mergedToContactId: into.id, updatedAt: now }; // prettier-ignore
  org.contacts.set(merged.id, merged);
  org.contacts.set(into.id, { ...into, updatedAt: now });
  for (const id of [merged.id, into.id])
    ctx.emit({ category: 'CONTACT', type: 'UPDATE', resourceId: id });
  return succeeded(renderContact(merged, { unitdp: 2, lines: true, paged: true }));
}
