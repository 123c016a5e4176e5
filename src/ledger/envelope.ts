/**
 * What every ledger document carries, whatever its kind: where it came from (source, entity),
 * what it is (kind, source id), its status and when the source last changed it.
 *
 * Glossary (ARCHITECTURE.md): a **source** is one PMS connection; an **entity** is a business
 * inside it that keeps its own books; a **document** is identified by (source, kind, source id);
 * its **version** is the content hash of what was last seen.
 *
 * @module
 */
import { z } from 'zod';
import { sourceIdField, timestampField } from './fields.js';

/** The kinds of document the ledger knows. Later kinds extend this list; none reshape it. */
export const DOCUMENT_KINDS = [
  'contact',
  'invoice',
  'credit_note',
  'payment',
  'bank_transaction',
  'bank_transfer',
  'journal',
  'trust_movement',
  'overpayment',
  'refund',
  'write_off',
  'payout',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const nameField = (what: string) =>
  z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, 'expected lowercase letters, digits, ".", "_" or "-"')
    .meta({ description: `${what} name, e.g. "clinic" (lowercase, digits, . _ -).` });

/** Fields common to every document, spread into each kind's schema. */
export const envelopeShape = {
  source: nameField('Source (PMS connection)').optional(),
  entity: nameField('Entity (business that keeps its own books)').optional(),
  sourceId: sourceIdField(),
  updatedAt: timestampField(),
  createdAt: timestampField().optional(),
  sourceUrl: z
    .url()
    .max(2000)
    .optional()
    .meta({ description: 'Link back to the document in the PMS.' }),
};

/** The identity of a document across the system. */
export interface DocumentKey {
  readonly source: string;
  readonly kind: DocumentKind;
  readonly sourceId: string;
}

/** The default entity for sources that have only one business. */
export const DEFAULT_ENTITY = 'default';

/** The number or name people know a document by, if it has one (an empty one is none). */
export function humanName(doc: { number?: unknown; name?: unknown }): string | undefined {
  if (typeof doc.number === 'string' && doc.number !== '') return doc.number;
  return typeof doc.name === 'string' && doc.name !== '' ? doc.name : undefined;
}

/**
 * "invoice INV-1001 (source id 812)": how messages name a document — on one line, whatever the
 * record holds: a line break, a control character or half a surrogate pair is written as JSON
 * writes it ("c\n2"), and a name or id past 60 characters is cut.
 */
export function documentLabel(doc: {
  kind: string;
  sourceId?: unknown;
  number?: unknown;
  name?: unknown;
}): string {
  const id = typeof doc.sourceId === 'string' && doc.sourceId !== '' ? doc.sourceId : undefined;
  const human = humanName(doc);
  const kind = doc.kind.replace('_', ' ');
  if (human && id && human !== id) return `${kind} ${shown(human)} (source id ${shown(id)})`;
  const either = human ?? id;
  return `${kind} ${either === undefined ? '(no source id)' : shown(either)}`;
}

const LABEL_CHARS = 60;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const NOT_ON_ONE_LINE = /[\u0000-\u001f\u007f\u2028\u2029]|[\ud800-\udfff]/;

function shown(text: string): string {
  const cut = text.length > LABEL_CHARS ? `${text.slice(0, LABEL_CHARS - 1)}…` : text;
  if (!NOT_ON_ONE_LINE.test(cut)) return cut;
  // JSON.stringify escapes controls and lone surrogates; U+2028/9 it leaves, so they are done here.
  const escaped = JSON.stringify(cut).slice(1, -1).replace(/\\"/g, '"');
  return escaped.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
