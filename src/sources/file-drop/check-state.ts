/**
 * What the first pass learns about one file: the keys it lists, the references still open, the
 * records rejected (the first 100 issues kept for the report, all of them counted), and the lines
 * of records that were accepted into the spill but rejected later (a duplicate found further on,
 * a reference that turned out missing).
 *
 * @module
 */
import type { DocumentKind } from '../../ledger/index.js';
import type { ImportIssue } from './import-issue.js';
import { KeyIndex, PENDING, REJECTED, VALID } from './key-index.js';

/** Issues kept for the report (the rest are counted). */
export const LISTED_ISSUES = 100;

/** A document waiting to learn whether one of its references exists. */
export interface Referrer {
  readonly line: number;
  readonly column?: string;
  /** "payment PAY-9": how the issue names it. */
  readonly label: string;
  readonly field: string;
  /** The referrer's own key and kind (an invoice is itself a target). */
  readonly key: string;
  readonly kind: DocumentKind;
}

export class CheckState {
  readonly index = new KeyIndex();
  /** Target key → documents that refer to it and are not yet known to be satisfied. */
  readonly pending = new Map<string, Referrer[]>();
  /** Targets a referrer was accepted against because the store has them (re-checked at the end). */
  readonly storeResolved = new Set<string>();
  /** Targets some document was accepted against that the import then rejected or deletes. */
  readonly lateInvalid = new Set<string>();
  /** Lines of spilled records rejected afterwards: the apply pass skips them. */
  readonly rejectedLines = new Set<number>();
  readonly entities = new Set<string>();
  readonly issues: ImportIssue[] = [];
  issueCount = 0;
  records = 0;
  accepted = 0;
  rejected = 0;
  /** Rejected records without a usable kind and sourceId: --full cannot know what they listed. */
  unkeyed = 0;

  addIssue(issue: ImportIssue): void {
    this.issueCount++;
    if (this.issues.length < LISTED_ISSUES) this.issues.push(issue);
  }

  /** A record rejected before it reached the spill. */
  reject(issues: readonly ImportIssue[]): void {
    this.rejected++;
    for (const issue of issues) this.addIssue(issue);
  }

  /** A record already in the spill (accepted) that must not be applied after all. */
  rejectLate(line: number, key: string | undefined, issue?: ImportIssue): void {
    if (issue) this.addIssue(issue); // a second reason for the same record is still reported
    if (this.rejectedLines.has(line)) return;
    this.rejectedLines.add(line);
    this.accepted--;
    this.rejected++;
    if (key !== undefined) this.index.setState(key, REJECTED);
  }

  /** Notes that `referrer` waits on `target`. */
  wait(target: string, referrer: Referrer): void {
    const list = this.pending.get(target);
    if (list) list.push(referrer);
    else this.pending.set(target, [referrer]);
  }

  /** `target` exists: every invoice waiting only on it is now accepted outright. */
  satisfied(target: string): void {
    for (const r of this.pending.get(target) ?? [])
      if (r.kind === 'invoice' && this.index.state(r.key) === PENDING)
        this.index.setState(r.key, VALID); // an invoice has one reference: its contact
    this.pending.delete(target);
  }
}
