/** What the API routes need from the process that mounts them. */
import type { JobQueue } from '../queue/job-queue.js';
import type { PushCounts } from '../sources/push/apply-push.js';
import type { Database } from '../store/database.js';
import type { Clock } from '../time/clock.js';
import type { OrganisationSettings } from '../xero/organisation-settings.js';

export interface ApiDeps {
  readonly db: Database;
  readonly clock: Clock;
  /** Where retries queue their sync pass (the service's queue). */
  readonly queue: Pick<JobQueue, 'send'>;
  /**
   * The organisation's chart of accounts, tax rates and tracking from Xero (the settings cache
   * of src/xero/xero-runtime.ts): mappings are checked against it before they are saved.
   */
  readonly organisationSettings: (tenantId: string) => Promise<OrganisationSettings>;
  /** Told of each push applied, for `/metrics` (src/http/metrics.ts). */
  readonly onPush?: (source: string, counts: PushCounts) => void;
}
