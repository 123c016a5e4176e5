/**
 * A linked contact as a bookkeeper left it in Xero, to be written back to the PMS (FEATURES C3:
 * edits to a linked contact flow both ways; the latest edit wins, and what happened is recorded).
 * The sync engine finds the edit; the source's connector writes it (src/sources/source.ts).
 *
 * @module
 */

/** The fields Ledgerbridge compares and writes back, by their ledger names. */
export interface ContactEditFields {
  readonly name?: string;
  readonly email?: string;
  readonly taxNumber?: string;
}

export interface ContactEdit {
  /** The contact's id in the PMS. */
  readonly sourceId: string;
  /** The PMS's own `updatedAt` of the version Ledgerbridge holds: a later one in the PMS wins. */
  readonly pmsUpdatedAt: string;
  /** When the contact was edited in Xero (its UpdatedDateUTC). */
  readonly editedAt: string;
  /** Only the fields that differ, with Xero's values. */
  readonly fields: ContactEditFields;
}

export type WriteBackOutcome =
  /** The PMS took the fields (the next pull brings the contact back changed). */
  | { readonly kind: 'written'; readonly fields: readonly (keyof ContactEditFields)[] }
  /** The PMS's contact changed after Xero's edit: the PMS's is the latest, so it wins. */
  | { readonly kind: 'superseded'; readonly message: string }
  /** The PMS refused the edit or cannot hold these fields; the edit stays reported. */
  | { readonly kind: 'refused'; readonly message: string };
