/**
 * One raw record → a versioned document, a deletion marker, or the issues that reject it, each
 * located to its file, line and (CSV) column. Documents take the fast path when it applies
 * (fast-validate.ts) and `validateDocument` otherwise. Some fast-path answers are checked against
 * `validateDocument` too — the first of each kind in every file, then every 10,000th — so a drift
 * between the two stops the import instead of storing a document the ledger would not. (Every
 * 1,000th, as before, cost ~0.7 s of the million-document import: a check runs rarely enough that
 * the validator's code stays cold, ~700 µs each. The property test in fast-validate.test.ts holds
 * the two paths equal on generated documents of every kind.)
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import {
  contentHash,
  recordLabel,
  isDeletionMarker,
  validateDeletion,
  validateDocument,
  type Deletion,
  type DocumentDefaults,
  type ValidationIssue,
  type VersionedDocument,
} from '../../ledger/index.js';
import { fastValidate } from './fast-validate.js';
import type { ImportIssue, ImportIssueCode } from './import-issue.js';
import type { RawRecord } from './raw-record.js';

export type CheckedRecord =
  | {
      readonly type: 'document';
      readonly line: number;
      readonly versioned: VersionedDocument;
      /** The document as the store keeps it. */
      readonly json: string;
    }
  | { readonly type: 'deletion'; readonly line: number; readonly deletion: Deletion }
  | { readonly type: 'rejected'; readonly line: number; readonly issues: ImportIssue[] };

export interface CheckSettings extends DocumentDefaults {
  readonly source: string;
  readonly file: string;
}

/** Besides each kind's first, one fast-path answer in this many is compared with validateDocument's. */
export const FAST_PATH_SAMPLE = 10_000;

export class RecordChecker {
  private fastCount = 0;
  private readonly kindsVerified = new Set<string>();

  constructor(private readonly settings: CheckSettings) {}

  check(record: RawRecord): CheckedRecord {
    if (record.issues && record.issues.length > 0)
      return { type: 'rejected', line: record.line, issues: [...record.issues] };
    const value = record.value as Record<string, unknown>;
    if (value.source !== undefined && value.source !== this.settings.source)
      return this.reject(record, [this.foreignSource(value)], 'LB_IMPORT_WRONG_SOURCE');
    if (isDeletionMarker(value)) {
      const result = validateDeletion(value, this.settings);
      return result.ok
        ? { type: 'deletion', line: record.line, deletion: result.value }
        : this.reject(record, result.error, 'LB_IMPORT_INVALID_RECORD');
    }
    const fast = fastValidate(value, this.settings);
    if (fast) {
      const firstOfKind = !this.kindsVerified.has(fast.document.kind);
      if (++this.fastCount % FAST_PATH_SAMPLE === 1 || firstOfKind) {
        this.kindsVerified.add(fast.document.kind);
        this.verify(value, fast, record.line);
      }
      return { type: 'document', line: record.line, versioned: fast, json: fast.json };
    }
    const result = validateDocument(value, this.settings);
    if (!result.ok) return this.reject(record, result.error, 'LB_IMPORT_INVALID_RECORD');
    const json = JSON.stringify(result.value.document);
    return { type: 'document', line: record.line, versioned: result.value, json };
  }

  private reject(
    record: RawRecord,
    issues: readonly ValidationIssue[],
    code: ImportIssueCode,
  ): CheckedRecord {
    return {
      type: 'rejected',
      line: record.line,
      issues: issues.map((i) => this.locate(record, i, code)),
    };
  }

  /** A record naming another source would be stored under this one: refuse it, say why. */
  private foreignSource(value: Record<string, unknown>): ValidationIssue {
    const source = value.source;
    return {
      document: recordLabel(value),
      field: 'source',
      value: source,
      message: `is not the source this import is for ("${this.settings.source}"): leave it out, or import with --source ${typeof source === 'string' ? source : 'NAME'}`,
    };
  }

  private locate(record: RawRecord, issue: ValidationIssue, code: ImportIssueCode): ImportIssue {
    const at = record.locate?.(issue.field) ?? { line: record.line };
    return {
      code,
      file: this.settings.file,
      ...issue,
      line: at.line,
      ...(at.column === undefined ? {} : { column: at.column }),
    };
  }

  private verify(value: unknown, fast: VersionedDocument, line: number): void {
    const slow = validateDocument(value, this.settings);
    const same =
      slow.ok &&
      slow.value.hash === fast.hash &&
      contentHash(fast.document) === fast.hash &&
      JSON.stringify(sortedDeep(slow.value.document)) === JSON.stringify(sortedDeep(fast.document));
    if (!same)
      throw new LedgerbridgeError(
        'LB_INTERNAL',
        `The import's fast validation path disagrees with the ledger's validator on ${this.settings.file}:${line}`,
        { fix: 'Report this with the record; meanwhile nothing from the file was applied.' },
      );
  }
}

function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => [k, sortedDeep((value as Record<string, unknown>)[k])]),
  );
}
