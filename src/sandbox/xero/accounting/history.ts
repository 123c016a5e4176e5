/**
 * Xero's history of a document ("History and notes",
 * https://developer.xero.com/documentation/api/history-and-notes): who changed it and when.
 * Every successful write appends a record to the document it wrote — through the API as
 * `User: "System Generated"` with Details naming the app ("… through the Xero API using
 * Ledgerbridge", as the spec's HistoryRetrieved example shows), in Xero itself by the bookkeeper's
 * name. `GET /{Collection}/{id}/History` answers them newest first, as the spec's example does.
 *
 * @module
 */
import type { WireObject } from '../wire.js';
import { msDateTime } from '../xero-dates.js';
import type { ElementOutcome } from './batch.js';
import type { WriteContext } from './context.js';
import type { Organisation } from './organisation.js';

/** Who a bookkeeper working in the sandbox's Xero is (the identity service's signed-in user). */
export const BOOKKEEPER_NAME = 'Sandbox Bookkeeper';

export interface HistoryRecord {
  readonly changes: string;
  readonly at: number;
  readonly user: string;
  readonly details: string;
}

/** The id fields of the documents whose writes are recorded, in the order a wire object is searched. */
const ID_FIELDS = [
  'InvoiceID',
  'CreditNoteID',
  'PaymentID',
  'BankTransactionID',
  'BankTransferID',
  'ManualJournalID',
  'ContactID',
];

/** Records a successful write on the document it wrote; `appName` names the acting app. */
export function recordWrite(ctx: WriteContext, outcome: ElementOutcome, appName: string): void {
  if (!outcome.ok) return;
  const id = documentId(outcome.wire);
  if (!id) return;
  const history = (ctx.org.history ??= new Map<string, HistoryRecord[]>());
  const records = history.get(id) ?? [];
  const changes = changesOf(outcome.wire, records.length === 0);
  const byApp = ctx.actor.kind === 'app';
  records.push({
    changes,
    at: ctx.now,
    user: byApp ? 'System Generated' : BOOKKEEPER_NAME,
    details: byApp ? `${changes} through the Xero API using ${appName}` : `${changes} in Xero`,
  });
  history.set(id, records);
}

function documentId(wire: WireObject): string | undefined {
  for (const field of ID_FIELDS) {
    const value = wire[field];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

function changesOf(wire: WireObject, first: boolean): string {
  if (wire.Status === 'VOIDED') return 'Voided';
  if (wire.Status === 'DELETED' || wire.IsDeleted === true) return 'Deleted';
  if (typeof wire.MergedToContactID === 'string') return 'Merged';
  if (wire.ContactStatus === 'ARCHIVED') return 'Archived';
  return first ? 'Created' : 'Edited';
}

/** The document's history records as Xero answers them, newest first. */
export function historyOf(org: Organisation, id: string): WireObject[] {
  return [...(org.history?.get(id) ?? [])].reverse().map((r) => ({
    Changes: r.changes,
    DateUTCString: new Date(r.at).toISOString().slice(0, 19),
    DateUTC: msDateTime(r.at),
    User: r.user,
    Details: r.details,
  }));
}
