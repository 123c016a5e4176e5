/**
 * A quiet pass's one Xero read: did anything the pass acts on change on Xero's side since it was
 * last read (execute/xero-changes.ts)? One page of Payments or of Contacts with If-Modified-Since
 * (reference/xero-api.md §5), read from the same cursor the working pass reads from and without
 * moving it, so the working pass that follows a "yes" still sees every change.
 *
 * Why the two take turns: Xero's webhooks cover contacts, invoices and credit notes but not
 * payments (reference §13: "No webhooks for Payments … poll with If-Modified-Since"), and no one
 * documented read answers for both. With the app's webhooks key set, a contact edited in Xero
 * arrives as a webhook, which asks for a working pass (pass-mark.ts); every quiet pass then
 * reads Payments. Without it, quiet passes read Payments and Contacts in turn: either change is
 * noticed within two intervals, still at one read an interval.
 *
 * @module
 */
import type { Queryable } from '../../store/database.js';
import { linkedXeroIds } from '../../store/links-repo.js';
import type { XeroApi } from '../../xero/api-client.js';
import { readPages } from '../../xero/reader.js';
import { text } from '../../xero/wire.js';
import { parseXeroTimestamp } from '../../xero/xero-dates.js';
import { invoiceIdOf } from '../execute/own-payments.js';
import { xeroChangesCursor } from '../execute/xero-changes.js';

export type ProbeCollection = 'Payments' | 'Contacts';

/** Xero's default page: a fuller page than this is taken as "changed" without reading on. */
const PROBE_PAGE = 100;

type XeroRecord = Record<string, unknown>;

/** Whether a page read holds a change the working pass would act on. */
type Verdict = (db: Queryable, tenantId: string, page: readonly XeroRecord[]) => Promise<boolean>;

/** Which collection this quiet pass reads (see the module's note). */
export function probeCollection(webhooks: boolean, quietPasses: number): ProbeCollection {
  return webhooks || quietPasses % 2 === 0 ? 'Payments' : 'Contacts';
}

/** Whether Xero holds a change the working pass would act on (true when unsure). */
export async function xeroSideChanged(
  x: { readonly db: Queryable; readonly api: XeroApi; readonly tenantId: string },
  sources: readonly string[],
  collection: ProbeCollection,
): Promise<boolean> {
  const cursors = await Promise.all(sources.map((s) => xeroChangesCursor(x.db, x.tenantId, s)));
  if (cursors.some((c) => c === undefined)) return true; // never read: the working pass starts it
  const since = new Date(Math.min(...(cursors as number[])));
  const query = { tenantId: x.tenantId, collection, ifModifiedSince: since, pageSize: PROBE_PAGE };
  // The first page only: returning from the loop ends the reader before it asks for another.
  for await (const page of readPages(x.api, query)) {
    if (page.length >= PROBE_PAGE) return true;
    const verdict = collection === 'Payments' ? paymentsChanged : contactsChanged;
    return verdict(x.db, x.tenantId, page);
  }
  return false;
}

/**
 * What paymentChanges acts on: one of our payments deleted in Xero (put back), or a live payment
 * on one of our invoices that is not linked (ours to adopt, a duplicate, or a bookkeeper's to
 * record). Our own payments pushed since the cursor are linked and live: not a change.
 */
const paymentsChanged: Verdict = async (db, tenantId, page) => {
  const ours = await linkedXeroIds(
    db,
    tenantId,
    'payment',
    page.map((p) => text(p.PaymentID)),
  );
  if (page.some((p) => ours.has(text(p.PaymentID)) && p.Status === 'DELETED')) return true;
  const others = page.filter((p) => !ours.has(text(p.PaymentID)) && p.Status !== 'DELETED');
  const invoices = await linkedXeroIds(db, tenantId, 'invoice', others.map(invoiceIdOf));
  return others.some((p) => invoices.has(invoiceIdOf(p)));
};

/** What contactEdits acts on: a contact we pushed (not matched) changed in Xero after our push. */
const contactsChanged: Verdict = async (db, tenantId, page) => {
  const ours = await linkedXeroIds(
    db,
    tenantId,
    'contact',
    page.map((c) => text(c.ContactID)),
  );
  return page.some((c) => {
    const link = ours.get(text(c.ContactID));
    const editedAt = parseXeroTimestamp(c.UpdatedDateUTC) ?? Number.POSITIVE_INFINITY;
    return link !== undefined && !link.matched && editedAt > (link.pushedAt?.getTime() ?? 0);
  });
};
