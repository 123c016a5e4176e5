/**
 * The job queue's port: what the service asks of a queue, whatever runs it (pg-boss today,
 * pg-boss-queue.ts). Jobs carry names and ids only — cursors, links, intents and outcomes stay in
 * our own tables, so the queue's tables hold nothing we could not rebuild.
 *
 * @module
 */

/**
 * Every job the service runs. `tick` is the scheduler's own: one at a time across every process, it
 * fans out the others (scheduler.ts).
 */
export const JOB_NAMES = [
  'tick',
  'pull-source',
  'sync-organisation',
  'reconcile',
  'renew-webhooks',
  'clean-up',
] as const;

export type JobName = (typeof JOB_NAMES)[number];

/** A job's payload: flat JSON values (ids and names, never documents or secrets). */
export type JobData = Readonly<Record<string, string | number | boolean | null>>;

export interface SendOptions {
  /**
   * At most one such job waiting per key (the organisation or source it is for): a second send
   * while one waits is dropped and resolves to null.
   */
  readonly singletonKey?: string;
  /** Run no sooner than this many seconds from now. */
  readonly startAfterSeconds?: number;
}

/** One job of a sendMany. */
export interface QueuedJob {
  readonly name: JobName;
  readonly data: JobData;
  readonly options?: SendOptions;
}

export interface Job {
  readonly id: string;
  readonly name: JobName;
  readonly data: JobData;
}

/** Resolves when the job is done; throwing fails it (retried with backoff, then kept as failed). */
export type JobHandler = (job: Job) => Promise<void>;

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface JobStatus {
  readonly state: JobState;
  /** Attempts after the first. */
  readonly retries: number;
  /** For a failed job: what the last attempt threw. */
  readonly error?: string;
}

export interface JobQueue {
  /** Queues a job; resolves to its id, or null when `singletonKey` found one already waiting. */
  send(name: JobName, data: JobData, options?: SendOptions): Promise<string | null>;
  /**
   * Queues many jobs in one statement (a tick's fan-out: 500 organisations sent one by one took
   * seconds, so the first organisations started well before the last); a job whose singletonKey
   * has one waiting already is dropped, as send() drops it.
   */
  sendMany(jobs: readonly QueuedJob[]): Promise<void>;
  /** Sends `name` with `data` on a cron schedule (UTC), once across every process on the store. */
  schedule(name: JobName, cron: string, data?: JobData): Promise<void>;
  /**
   * Takes `name` jobs in this process until stop(): `concurrency` at once (default 1). Jobs of one
   * singletonKey still never run twice at once: the queue holds one waiting per key and the
   * organisation lock keeps a second pass out (organisation-lock.ts).
   */
  work(
    name: JobName,
    handler: JobHandler,
    options?: { readonly concurrency?: number },
  ): Promise<void>;
  /** Where a job is; undefined once it is gone. */
  status(name: JobName, id: string): Promise<JobStatus | undefined>;
  /** Proves the queue's tables answer (readiness). */
  ping(): Promise<void>;
  /** Takes no new jobs, waits for the ones in flight, then lets go of the store. */
  stop(): Promise<void>;
}
