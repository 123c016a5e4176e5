/**
 * What is wrong with one record of an import file, located to the file, line and (for CSV) the
 * column: the ledger validator's issue (document, field, value, message) plus where it was found.
 * Issues are values; the import goes on and reports them all.
 *
 * @module
 */
import type { ErrorCode } from '../../errors/catalogue.js';
import { formatIssue, type DocumentKind, type ValidationIssue } from '../../ledger/index.js';
import { REPLACEMENT } from './utf8-chunks.js';

export type ImportIssueCode = Extract<ErrorCode, `LB_IMPORT_${string}`>;

export interface ImportIssue extends ValidationIssue {
  readonly code: ImportIssueCode;
  /** The file as it was named to the import (folder/name for a folder). */
  readonly file: string;
  /** 1-based line; for a CSV record, the row that holds the offending field. */
  readonly line: number;
  /** The CSV column the field comes from. */
  readonly column?: string;
}

/** `bad.jsonl:3: invoice INV-1 (source id 7): lines[0].unitAmount = "1.23456" — expected …`. */
export function formatImportIssue(issue: ImportIssue): string {
  const column = issue.column === undefined ? '' : ` (column ${issue.column})`;
  return `${issue.file}:${issue.line}${column}: ${formatIssue(issue)}`;
}

/** An issue about a record as a whole (no field), e.g. a line that is not JSON. */
export function recordIssue(
  code: ImportIssueCode,
  file: string,
  line: number,
  message: string,
  document = 'record',
): ImportIssue {
  return { code, file, line, document, field: '', value: undefined, message };
}

/**
 * Text that held bytes that are not UTF-8 (a file saved as Windows-1252, say): the value shown is
 * the text around the first such byte, as read, so the user can find it in the file.
 */
export function notUtf8Issue(
  file: string,
  line: number,
  text: string,
  field: string,
  document: string,
): ImportIssue {
  const at = text.indexOf(REPLACEMENT);
  const value = `${at > 20 ? '…' : ''}${text.slice(Math.max(0, at - 20), at + 21)}${at + 21 < text.length ? '…' : ''}`;
  return {
    code: 'LB_IMPORT_NOT_UTF8',
    file,
    line,
    document,
    field,
    value,
    message: 'holds bytes that are not UTF-8 (each shown as "\ufffd"): expected UTF-8 text',
  };
}

/** One character per kind keeps a million keys in ~64 MB instead of ~120 MB (measured). */
const KIND_CODES: Readonly<Record<DocumentKind, string>> = {
  contact: 'c',
  invoice: 'i',
  credit_note: 'n',
  payment: 'p',
  bank_transaction: 'b',
  bank_transfer: 't',
  journal: 'j',
  trust_movement: 'm',
  overpayment: 'o',
  refund: 'r',
  write_off: 'w',
  payout: 'x',
};
const KIND_OF_CODE = new Map(Object.entries(KIND_CODES).map(([k, c]) => [c, k as DocumentKind]));

/** How the import keys a document within one source: a kind code and the source id. */
export function documentKey(kind: DocumentKind, sourceId: string): string {
  return KIND_CODES[kind] + sourceId;
}

/** The kind a key is of. */
export function kindOfKey(key: string): DocumentKind {
  return KIND_OF_CODE.get(key[0]!)!;
}

/** The kind and source id back out of a key. */
export function splitKey(key: string): { kind: DocumentKind; sourceId: string } {
  return { kind: KIND_OF_CODE.get(key[0]!)!, sourceId: key.slice(1) };
}

/** Whether `kind` names a document kind (keys exist only for those). */
export function isDocumentKind(kind: unknown): kind is DocumentKind {
  return typeof kind === 'string' && Object.hasOwn(KIND_CODES, kind);
}
