/** What the dashboard's routes need from the process that mounts them (`serve`, the demo). */
import type { JobQueue } from '../queue/job-queue.js';
import type { Database } from '../store/database.js';
import type { Clock } from '../time/clock.js';

export interface DashboardDeps {
  readonly db: Database;
  /** Where "Sync now" and retries queue their jobs (the service's queue). */
  readonly queue: Pick<JobQueue, 'send'>;
  readonly clock: Clock;
  /** The scheduler's interval (config sync.intervalMinutes), for "next scheduled run". */
  readonly intervalSeconds?: number;
}
