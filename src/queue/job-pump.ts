/**
 * Takes up to `slots` jobs of one name at once in this process. pg-boss 10's work() is one poller
 * that fetches a batch, waits for the whole batch, then sleeps its polling interval: N jobs in hand
 * took N pollers, each querying the queue every interval while idle, and a slot freed by a finished
 * job stayed empty until its poller's next turn. A firm's 500 organisations need hundreds of passes
 * in flight — most of a pass is waiting for Xero — so this asks the queue only for as many jobs as
 * it has free slots, at once when one frees, and starts each job as it arrives.
 *
 * @module
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Job } from './job-queue.js';

/** What the pump needs of the queue for one job name. */
export interface PumpSource {
  fetch(count: number): Promise<readonly Job[]>;
  complete(id: string): Promise<void>;
  fail(id: string, error: unknown): Promise<void>;
}

export interface PumpOptions {
  readonly slots: number;
  /** How long to wait before asking again when the queue had nothing (ms). */
  readonly pollMs: number;
  /** Told of the pump's own faults (a failed fetch, complete or fail); it carries on. */
  readonly onError: (error: unknown) => void;
}

export interface Pump {
  /**
   * Takes no more jobs; waits up to `graceMs` for those in hand, then hands back (fails, so they
   * are retried) any still running.
   */
  stop(graceMs: number): Promise<void>;
}

export function startPump(
  source: PumpSource,
  handler: (job: Job) => Promise<void>,
  options: PumpOptions,
): Pump {
  const inHand = new Map<string, Promise<void>>();
  const stopping = new AbortController();
  let wake = () => undefined as void;
  const woken = () => new Promise<void>((resolve) => (wake = resolve));

  const run = (job: Job) => {
    const done = handler(job).then(
      () => source.complete(job.id),
      (error: unknown) => source.fail(job.id, error),
    );
    inHand.set(
      job.id,
      done.catch(options.onError).finally(() => {
        inHand.delete(job.id);
        wake();
      }),
    );
  };

  const loop = async () => {
    while (!stopping.signal.aborted) {
      const free = options.slots - inHand.size;
      const next = woken();
      const jobs = free > 0 ? await fetchSome(source, free, options.onError) : [];
      if (stopping.signal.aborted)
        return jobs.forEach(
          (job) => void handBack(source, job.id, 'before the job began', options),
        );
      jobs.forEach(run);
      // A full hand waits for a job to finish; an empty queue for the poll interval (or a finish).
      const idle = jobs.length < free;
      await Promise.race([next, ...(idle ? [pause(options.pollMs, stopping.signal)] : [])]);
    }
  };
  const looping = loop();

  return {
    async stop(graceMs) {
      stopping.abort();
      wake();
      await looping;
      // The grace timer is cancelled once the jobs in hand are done: left running, it kept a
      // stopped `serve` or `worker` alive for the whole 30 s grace after SIGTERM with nothing to do.
      const grace = new AbortController();
      await Promise.race([Promise.all(inHand.values()), pause(graceMs, grace.signal)]);
      grace.abort();
      for (const id of inHand.keys()) await handBack(source, id, 'while the job ran', options);
    },
  };
}

async function fetchSome(
  source: PumpSource,
  count: number,
  onError: (error: unknown) => void,
): Promise<readonly Job[]> {
  try {
    return await source.fetch(count);
  } catch (error) {
    onError(error);
    return [];
  }
}

/** Fails a job this worker will not finish, so the queue gives it to another (a retry). */
async function handBack(
  source: PumpSource,
  id: string,
  when: string,
  options: PumpOptions,
): Promise<void> {
  await source.fail(id, new Error(`the worker stopped ${when}`)).catch(options.onError);
}

const pause = (ms: number, signal: AbortSignal | undefined) =>
  sleep(ms, undefined, { signal }).catch(() => undefined);
