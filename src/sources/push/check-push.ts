/**
 * A pushed batch checked by the rules a file drop's records and a pull's pages go by: a record
 * naming another source or not JSON is rejected as the file drop rejects it (record-check.ts);
 * deletion markers through the ledger's `validateDeletion`; documents, one per id, and every
 * reference through the pull's page check (pull/check-page.ts), which uses the file drop's
 * validator, fast path and reference rules.
 *
 * @module
 */
import {
  isDeletionMarker,
  recordLabel,
  validateDeletion,
  type Deletion,
  type ValidationIssue,
} from '../../ledger/index.js';
import type { Queryable } from '../../store/database.js';
import { checkPage, type CheckedPage } from '../pull/check-page.js';
import type { PushRecord } from './push-body.js';

/** What is wrong with one record: the document, the field and the value (`record`: its place). */
export interface PushIssue extends ValidationIssue {
  readonly record?: number;
}

export interface CheckedPush {
  readonly page: CheckedPage;
  readonly issues: readonly PushIssue[];
  /** Records rejected (one with several issues counts once). */
  readonly rejected: number;
  /** Deletion markers accepted, whether or not they name a stored document. */
  readonly markers: readonly Deletion[];
}

export async function checkPush(
  tx: Queryable,
  source: string,
  records: readonly PushRecord[],
): Promise<CheckedPush> {
  const issues: PushIssue[] = [];
  const documents: unknown[] = [];
  const deletions: Deletion[] = [];
  let rejected = 0;
  for (const r of records) {
    const found = preCheck(source, r);
    if (Array.isArray(found)) {
      rejected++;
      issues.push(...found.map((i) => ({ ...i, record: r.at })));
    } else if (found) deletions.push(found);
    else documents.push(r.value);
  }
  const page = await checkPage(tx, source, { documents, deletions, rejections: [] });
  issues.push(...page.issues.map(({ code: _code, ...issue }) => issue));
  return { page, issues, rejected: rejected + page.rejected, markers: deletions };
}

/** Issues that reject the record, its deletion marker, or undefined for a document to validate. */
function preCheck(source: string, r: PushRecord): ValidationIssue[] | Deletion | undefined {
  if (r.malformed !== undefined)
    return [{ document: `record ${r.at}`, field: '', value: undefined, message: r.malformed }];
  const value = r.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return [
      {
        document: `record ${r.at}`,
        field: '',
        value,
        message: 'is not a JSON object (each record is one document or deletion marker)',
      },
    ];
  const named = (value as { source?: unknown }).source;
  if (named !== undefined && named !== source)
    return [
      {
        document: recordLabel(value),
        field: 'source',
        value: named,
        message: `is not the source this push is for ("${source}"): leave it out, or push to that source`,
      },
    ];
  if (!isDeletionMarker(value)) return undefined;
  const result = validateDeletion(value, { source });
  return result.ok ? result.value : result.error;
}
