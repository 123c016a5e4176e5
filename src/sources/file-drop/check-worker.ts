/**
 * The check worker: reads one file, parses and validates every record, and sends the results to
 * the first pass a batch (~1 MiB of the file) at a time (check-producer.ts, checked-batch.ts). It
 * runs on a thread of its own so that parsing, validation and hashing use one core while the main
 * thread keeps the import's books and feeds the store: the two used to take turns on one thread.
 *
 * It runs at most AHEAD batches ahead of the main thread (each is acknowledged once taken), so
 * memory stays bounded whatever the file's size. A fault ends it with a message describing the
 * error, which the main thread throws again (checked-batches.ts).
 *
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type { CheckJob, WorkerMessage, WorkerFault } from './check-job.js';
import { produceBatches } from './check-producer.js';
import type { ByteTally } from './file-reader.js';

/** Batches sent and not yet acknowledged before the worker waits. */
const AHEAD = 2;

const port = parentPort!;
let credit = AHEAD;
let wake: (() => void) | undefined;
port.on('message', (message: unknown) => {
  if (message !== 'ack') return;
  credit++;
  wake?.();
  wake = undefined;
});

/** Posts a message; a batch's buffers move to the main thread rather than being copied. */
function send(message: WorkerMessage): void {
  const { type } = message;
  const moved = type === 'batch' ? [message.batch.ints.buffer, message.batch.bytes.buffer] : [];
  port.postMessage(message, moved as ArrayBuffer[]);
}

async function sendBatch(message: WorkerMessage & { type: 'batch' }): Promise<void> {
  while (credit <= 0) await new Promise<void>((resolve) => (wake = resolve));
  credit--;
  send(message);
}

async function check(job: CheckJob): Promise<void> {
  const tally: ByteTally = { bytes: 0 };
  for await (const batch of produceBatches(job, tally)) await sendBatch({ type: 'batch', batch });
  send({ type: 'end', bytes: tally.bytes, ...(tally.hash ? { hash: tally.hash } : {}) });
}

function describe(error: unknown): WorkerFault {
  const e: Error & { code?: unknown } = error instanceof Error ? error : new Error(String(error));
  return {
    name: e.name,
    message: e.message,
    ...(e.stack ? { stack: e.stack } : {}),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(e instanceof LedgerbridgeError ? { fix: e.fix, details: e.details } : {}),
  };
}

check(workerData as CheckJob).catch((error: unknown) =>
  send({ type: 'fault', error: describe(error) }),
);
