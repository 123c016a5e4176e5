/** What the dashboard's routes need from the process that mounts them (`serve`, the demo). */
import type { PmsConnectors } from '../service/pms-consent.js';
import type { JobQueue } from '../queue/job-queue.js';
import type { Database } from '../store/database.js';
import type { MappingNeed } from '../sync/mapping-needs.js';
import type { Clock } from '../time/clock.js';
import type { OrganisationSettings } from '../xero/organisation-settings.js';

export interface DashboardDeps {
  readonly db: Database;
  /** Where "Sync now" and retries queue their jobs (the service's queue). */
  readonly queue: Pick<JobQueue, 'send'>;
  readonly clock: Clock;
  /** The scheduler's interval (config sync.intervalMinutes), for "next scheduled run". */
  readonly intervalSeconds?: number;
  /**
   * The organisation's chart, tax rates and tracking from Xero (src/service/setup-xero.ts), for
   * the Setup page's choices and the check before a mapping is saved. Absent: the page says Xero
   * is not set up.
   */
  readonly organisationSettings?: (tenantId: string) => Promise<OrganisationSettings>;
  /**
   * The mappings an organisation's documents need (a dry run's, as `map check` gives them), which
   * also stores the needs summary: Setup runs it only while none is stored (setup-needs.ts).
   */
  readonly mappingNeeds?: (tenantId: string) => Promise<readonly MappingNeed[]>;
  /** Forgets an organisation's cached chart, so the Setup page reads it from Xero again. */
  readonly recheckChart?: (tenantId: string) => Promise<void>;
  /** Connecting a PMS from the Connections page (src/service/pms-consent.ts). */
  readonly connectors?: PmsConnectors;
  /** Whether `/connect/xero` is served (a Xero app is set up). */
  readonly xeroConnect?: boolean;
}
