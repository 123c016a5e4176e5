import { describe, expect, it } from 'vitest';
import type { Job } from './job-queue.js';
import { startPump, type PumpSource } from './job-pump.js';

/** A queue of jobs in memory, as pg-boss's fetch / complete / fail see them. */
function memorySource(jobs: Job[]): PumpSource & { readonly completed: string[] } {
  const completed: string[] = [];
  return {
    completed,
    fetch: (count) => Promise.resolve(jobs.splice(0, count)),
    complete: (id) => Promise.resolve(void completed.push(id)),
    fail: () => Promise.resolve(),
  };
}

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

describe('the job pump', () => {
  it('stops at once when nothing is in hand, leaving no grace timer to hold the process open', async () => {
    const source = memorySource([{ id: 'j1', name: 'tick', data: {} }]);
    const before = timers();
    const pump = startPump(source, () => Promise.resolve(), {
      slots: 1,
      pollMs: 10,
      onError: (error) => {
        throw error;
      },
    });
    while (source.completed.length === 0) await new Promise((r) => setTimeout(r, 5));
    // A 60 s grace: `serve` and `worker` stayed alive for all of it (30 s) after SIGTERM.
    await pump.stop(60_000);
    expect(source.completed).toEqual(['j1']);
    expect(timers()).toBeLessThanOrEqual(before);
  });
});
