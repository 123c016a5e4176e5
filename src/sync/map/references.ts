/**
 * How every Xero entry points back at its PMS document (ARCHITECTURE "Rules"; FEATURES R10): the
 * PMS number as InvoiceNumber / CreditNoteNumber, the PMS id in Reference (after the PMS's own
 * reference, when it has one), the link back in Url. A payment carries the PMS payment id in its
 * Reference. Lookups after a crash search for exactly these values.
 *
 * @module
 */

/** Reference text: "PMS reference (source id)" or just the source id; Xero allows 255 characters. */
export function referenceFor(doc: {
  readonly sourceId: string;
  readonly reference?: string | undefined;
}): string {
  const text = doc.reference ? `${doc.reference} (${doc.sourceId})` : doc.sourceId;
  return text.length <= 255
    ? text
    : `${text.slice(0, 255 - doc.sourceId.length - 3)}… (${doc.sourceId})`.slice(0, 255);
}

/** Contact name, with " (source id)" appended when the setting asks for it (FEATURES C5). */
export function contactNameFor(
  doc: { readonly name: string; readonly sourceId: string },
  appendSourceId: boolean,
): string {
  if (!appendSourceId) return doc.name.slice(0, 255);
  const suffix = ` (${doc.sourceId})`;
  return `${doc.name.slice(0, 255 - suffix.length)}${suffix}`;
}
