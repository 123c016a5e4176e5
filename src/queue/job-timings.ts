/**
 * How long each job this process ran took, by job and outcome: a prom-client histogram the queue
 * feeds (pg-boss-queue.ts) and `/metrics` exports (http/metrics.ts). This process's jobs only:
 * `serve` reports the jobs its own worker ran, each `worker` its own on LEDGERBRIDGE_WORKER_PORT.
 *
 * @module
 */
import { Histogram } from 'prom-client';

/** From a tick's milliseconds to a first sync's many minutes. */
const BUCKETS = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600];

export const jobDurations = new Histogram({
  name: 'ledgerbridge_job_duration_seconds',
  help: 'Jobs this process ran, by job and outcome (ok or failed), in seconds',
  labelNames: ['job', 'outcome'],
  buckets: BUCKETS,
  registers: [],
});

/** Runs `handler`, recording its time under `job`. */
export async function timed<T>(job: string, handler: () => Promise<T>): Promise<T> {
  const end = jobDurations.startTimer({ job });
  try {
    const result = await handler();
    end({ outcome: 'ok' });
    return result;
  } catch (error) {
    end({ outcome: 'failed' });
    throw error;
  }
}
