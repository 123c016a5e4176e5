/**
 * How the generic read and write machinery sees one kind of document. Each entity family
 * (contacts, invoices, …) describes itself with an EntityDef; list.ts, batch.ts and the routes do
 * the rest the same way for all of them.
 *
 * @module
 */
import type { WireObject } from '../wire.js';
import type { ElementOutcome } from './batch.js';
import type { WriteContext } from './context.js';
import type { Organisation } from './organisation.js';
import type { RenderView } from './render-common.js';

/** 'put' creates (PUT); 'post' creates or updates (POST); pathId is the id in `POST /X/{id}`. */
export type WriteMode = 'put' | 'post';

export type WriteElement = (
  ctx: WriteContext,
  element: WireObject,
  mode: WriteMode,
  pathId?: string,
) => ElementOutcome;

export interface EntityDef<D> {
  /** Wire collection name, e.g. "Invoices". */
  collection: string;
  /** Wire id field, e.g. "InvoiceID". */
  idField: string;
  /** The flag the spec names for element errors: HasErrors (Invoice, CreditNote) or HasValidationErrors (Contact, Payment). */
  errorFlag?: 'HasErrors' | 'HasValidationErrors';
  /** Whether GET takes page/pageSize. */
  paged: boolean;
  /** Whether a list without `page` leaves line items out (reference §5). */
  linesOnlyWhenPaged?: boolean;
  all(org: Organisation): Iterable<D>;
  /** By id (or number / code, where Xero allows it in the path). */
  get(org: Organisation, key: string): D | undefined;
  render(org: Organisation, doc: D, view: RenderView): WireObject;
  updatedAt?(doc: D): number;
  status?(doc: D): string;
  contactId?(doc: D): string | undefined;
  number?(doc: D): string | undefined;
  /** Hidden from lists unless includeArchived=true (Contacts). */
  archived?(doc: D): boolean;
  /** Hidden from lists unless includeDeleted=true (BankTransfers). */
  deleted?(doc: D): boolean;
  createdBy?(doc: D): string | undefined;
  /** Fields searchTerm looks in. */
  searchText?(doc: D): (string | undefined)[];
  write?: WriteElement;
}
