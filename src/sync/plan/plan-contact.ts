/**
 * Planning one contact (FEATURES C1, C2, C5–C7). Contacts are pushed when a document needs them
 * (or all of them, by setting); a new one is first matched to an existing Xero contact by name and
 * e-mail (the executor does the lookup). A contact merged into another in the PMS is archived in
 * Xero once nothing needs it. Pure.
 *
 * @module
 */
import { documentLabel, type Contact } from '../../ledger/index.js';
import { contactPayload, isPrivate } from '../map/contact-payload.js';
import { skip, type Operation, type OperationBase } from './operation.js';
import { unchangedInXero, unseenByXero } from './plan-invoice.js';
import type { LinkInfo, PlanContext } from './plan-input.js';

export interface ContactPlanInput {
  readonly doc: Contact;
  readonly hash: string;
  readonly deleted: boolean;
  readonly link: LinkInfo | undefined;
  /** A document to be pushed refers to it. */
  readonly needed: boolean;
}

export function planContact(input: ContactPlanInput, ctx: PlanContext): Operation {
  const { doc, link } = input;
  const base: OperationBase = {
    key: { source: doc.source, kind: 'contact', sourceId: doc.sourceId },
    version: input.hash,
    label: documentLabel(doc),
  };
  const linkedId = link?.xeroId ?? undefined;
  const retired = input.deleted || doc.mergedIntoId !== undefined;
  if (!linkedId) {
    if (retired)
      return skip(
        base,
        'contact',
        doc.mergedIntoId
          ? `merged into ${doc.mergedIntoId} in the PMS`
          : 'deleted in the PMS and never pushed',
      );
    if (!input.needed && !ctx.settings.pushAllContacts)
      return skip(
        base,
        'contact',
        'no document to push needs it yet (setting pushAllContacts is off)',
        false,
      );
    return {
      ...base,
      op: 'create',
      kind: 'contact',
      payload: contactPayload(doc, ctx.settings),
      // A private contact is looked for by its reference: a patient's name or e-mail address in a
      // search would be sent to Xero too.
      match: isPrivate(doc, ctx.settings)
        ? { name: contactPayload(doc, ctx.settings).Name }
        : { name: doc.name, ...(doc.email && { email: doc.email }) },
    };
  }
  // A contact matched to one a bookkeeper made keeps Xero's name; ours keep the name we gave.
  const xeroName = typeof link?.state.xeroName === 'string' ? link.state.xeroName : undefined;
  const payload = {
    ...contactPayload(doc, ctx.settings),
    ContactID: linkedId,
    ...(link?.state.matched === true && xeroName && { Name: xeroName }),
  };
  if (retired)
    return {
      ...base,
      op: 'update',
      kind: 'contact',
      xeroId: linkedId,
      payload: { ...payload, ContactStatus: 'ARCHIVED' },
      notes: [
        doc.mergedIntoId
          ? `archived in Xero: merged into ${doc.mergedIntoId} in the PMS`
          : 'archived in Xero: deleted in the PMS',
      ],
    };
  if (unseenByXero(link, payload)) return unchangedInXero(base, 'contact', link!);
  return { ...base, op: 'update', kind: 'contact', xeroId: linkedId, payload };
}
