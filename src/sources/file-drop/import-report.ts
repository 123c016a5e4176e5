/**
 * What an import reports: per file, what it added, changed, deleted, left unchanged and rejected
 * (with the first issues, each locatable to file:line), the --full sweep, and the totals. The
 * same object is the `--json` output and the run's record.
 *
 * @module
 */
import type { DocumentKind } from '../../ledger/index.js';
import type { RunStatus } from '../../store/runs-repo.js';
import type { ChangeCounts } from './apply-pass.js';
import type { FileFormat } from './file-formats.js';
import type { ImportIssue } from './import-issue.js';

export interface FileSummary extends ChangeCounts {
  /** The file as it was named to the import. */
  readonly file: string;
  readonly format: FileFormat;
  readonly lines: number;
  /** Records read (documents and deletion markers, good or bad). */
  readonly records: number;
  readonly rejected: number;
  /** False when nothing of the file was applied (it had rejections and no --partial). */
  readonly applied: boolean;
  /** Pages an interrupted earlier import of the same bytes had committed (skipped this time). */
  readonly resumedPages: number;
  readonly issueCount: number;
  /** The first 100 issues. */
  readonly issues: readonly ImportIssue[];
}

export interface FullSweep {
  readonly kinds: readonly DocumentKind[];
  readonly deleted: number;
  /** Why the sweep did not run, when it did not. */
  readonly skipped?: string;
}

export type ImportTotals = ChangeCounts & { rejected: number; files: number };

export interface ImportReport {
  readonly source: string;
  readonly runId: number;
  /** succeeded: nothing rejected; partial: something rejected, something applied; failed: nothing applied. */
  readonly status: Exclude<RunStatus, 'running'>;
  readonly files: readonly FileSummary[];
  /** Entries of a folder that are not import files. */
  readonly skipped: readonly string[];
  readonly full: FullSweep | null;
  readonly totals: ImportTotals;
}

export function totalsOf(files: readonly FileSummary[], full: FullSweep | null): ImportTotals {
  const totals: ImportTotals = {
    added: 0,
    changed: 0,
    deleted: 0,
    unchanged: 0,
    rejected: 0,
    files: files.length,
  };
  for (const f of files) {
    totals.added += f.added;
    totals.changed += f.changed;
    totals.deleted += f.deleted;
    totals.unchanged += f.unchanged;
    totals.rejected += f.rejected;
  }
  totals.deleted += full?.deleted ?? 0;
  return totals;
}

export function statusOf(files: readonly FileSummary[]): ImportReport['status'] {
  if (files.every((f) => f.issueCount === 0)) return 'succeeded';
  return files.some((f) => f.applied) ? 'partial' : 'failed';
}

/** Whether the import should end with a non-zero exit: something was rejected. */
export function hasRejections(report: ImportReport): boolean {
  return report.files.some((f) => f.issueCount > 0);
}
