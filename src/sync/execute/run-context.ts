/**
 * What executing one organisation's part of a run needs, and what it counts.
 *
 * @module
 */
import type { ContactEdit, WriteBackOutcome } from '../../ledger/index.js';
import type { Database } from '../../store/database.js';
import type { Clock } from '../../time/clock.js';
import type { XeroApi } from '../../xero/api-client.js';
import type { OrganisationSettings } from '../../xero/organisation-settings.js';
import type { SyncObserver } from '../sync-observer.js';
import type { InFlight } from './in-flight.js';

export interface RunCounts {
  created: number;
  updated: number;
  voided: number;
  deleted: number;
  matched: number;
  allocated: number;
  skipped: number;
  rejected: number;
  /** Held back until another document is in Xero (LB_SYNC_BLOCKED): a sync error, not a refusal. */
  waiting: number;
  unknown: number;
  resolved: number;
  writeCalls: number;
}

export const emptyCounts = (): RunCounts => ({
  created: 0,
  updated: 0,
  voided: 0,
  deleted: 0,
  matched: 0,
  allocated: 0,
  skipped: 0,
  rejected: 0,
  waiting: 0,
  unknown: 0,
  resolved: 0,
  writeCalls: 0,
});

export interface RunContext {
  readonly db: Database;
  readonly api: XeroApi;
  readonly clock: Clock;
  readonly tenantId: string;
  readonly organisation: OrganisationSettings;
  readonly runId: number;
  readonly batchSize: number;
  readonly counts: RunCounts;
  /** The organisation's pushes in flight together (in-flight.ts). */
  readonly inFlight: InFlight;
  readonly observer: SyncObserver;
  readonly contactWriter?: ContactWriter;
}

/**
 * Writes a contact's edit made in Xero back to the PMS it came from (FEATURES C3); undefined when
 * that source cannot take writes (a file drop, Cliniko).
 */
export type ContactWriter = (
  source: string,
  edit: ContactEdit,
) => Promise<WriteBackOutcome | undefined>;
