/**
 * Lock dates (reference §6, §11). Xero's lock date means "stop changes on and before": a posted
 * document dated on or before the end-of-year lock date, or (for everyone but advisers, which an
 * app never is) on or before the period lock date, cannot be created, edited, voided or paid.
 * Drafts do not post to the ledger, so they are not checked.
 *
 * @module
 */
import type { IsoDate } from '../xero-dates.js';
import { endOfYearLocked, periodLocked } from './messages.js';
import type { Organisation } from './organisation.js';

/** Xero's message when `date` falls in a locked period; undefined when it is open. */
export function lockProblem(org: Organisation, date: IsoDate): string | undefined {
  if (org.endOfYearLockDate !== undefined && date <= org.endOfYearLockDate) {
    return endOfYearLocked(org.endOfYearLockDate);
  }
  if (org.periodLockDate !== undefined && date <= org.periodLockDate) {
    return periodLocked(org.periodLockDate);
  }
  return undefined;
}
