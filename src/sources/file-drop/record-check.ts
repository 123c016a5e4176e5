/**
 * One raw record → a versioned document, a deletion marker, or the issues that reject it, each
 * located to its file, line and (CSV) column. Documents take the fast path when it applies
 * (fast-validate.ts, sampled against `validateDocument` by fast-path.ts: the first of each kind in
 * every file, then every 10,000th) and `validateDocument` otherwise.
 *
 * @module
 */
import {
  recordLabel,
  isDeletionMarker,
  validateDeletion,
  validateDocument,
  type Deletion,
  type DocumentDefaults,
  type ValidationIssue,
  type VersionedDocument,
} from '../../ledger/index.js';
import { SampledFastPath } from './fast-path.js';
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

export class RecordChecker {
  constructor(
    private readonly settings: CheckSettings,
    private readonly fastPath: SampledFastPath = new SampledFastPath(settings),
  ) {}

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
    const fast = this.fastPath.validate(value, () => `${this.settings.file}:${record.line}`);
    if (fast) return { type: 'document', line: record.line, versioned: fast, json: fast.json };
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
}
