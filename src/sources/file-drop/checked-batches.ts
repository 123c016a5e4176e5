/**
 * The main thread's side of the check worker (check-worker.ts): starts it for one file and yields
 * its batches as they come, acknowledging each once the caller has taken it (which lets the worker
 * read on). A file under 16 MiB is checked on the main thread instead (check-producer.ts): a worker
 * takes ~0.2 s to start (its thread and the ledger's modules), and gains that back only on larger
 * files. Measured on 12-02, compiled, both backends, invoices of ~450 bytes: 4.5 MB files 0.34–0.60 s
 * on the main thread against 0.56–0.81 s with the worker; 18 MB about even (1.9–2.7 s either way);
 * 46 MB 5.5–6.4 s against 4.2–5.9 s. Stopping early — a refused file, a fault in the caller — terminates
 * the worker. A fault in the worker is thrown here again as the same kind of error: a catalogue error with its code
 * and fix, or a system error with its code (ENOENT), which import-steps.ts reports as unreadable.
 *
 * @module
 */
import { stat } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type { ErrorCode } from '../../errors/catalogue.js';
import { ERROR_CATALOGUE } from '../../errors/catalogue.js';
import type { CheckJob, WorkerFault, WorkerMessage } from './check-job.js';
import type { CheckedBatch } from './checked-batch.js';
import { produceBatches } from './check-producer.js';
import type { ByteTally } from './file-reader.js';

/** Files from this size on are checked on a worker thread (smaller ones on the main thread). */
export const WORKER_FROM_BYTES = 16 << 20;

export async function* checkedBatches(
  job: CheckJob,
  tally: ByteTally,
  workerFromBytes = WORKER_FROM_BYTES,
  compiledWorker = false,
): AsyncGenerator<CheckedBatch> {
  if ((await stat(job.path)).size < workerFromBytes) {
    yield* produceBatches(job, tally);
    return;
  }
  const worker = startWorker(job, compiledWorker);
  const inbox: WorkerMessage[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (m: WorkerMessage) => (inbox.push(m), notify()));
  worker.on('error', (e: Error) => ((failure ??= e), notify()));
  worker.on('exit', (code) => {
    failure ??= new Error(`the import's check worker stopped (exit code ${code})`);
    notify();
  });
  try {
    for (;;) {
      while (inbox.length === 0 && !failure) await new Promise<void>((r) => (wake = r));
      const message = inbox.shift();
      if (!message) throw failure!;
      if (message.type === 'fault') throw rebuilt(message.error);
      if (message.type === 'end') {
        tally.bytes = message.bytes;
        if (message.hash) tally.hash = message.hash;
        return;
      }
      yield message.batch;
      worker.postMessage('ack');
    }
  } finally {
    worker.removeAllListeners();
    worker.on('error', () => undefined); // whatever it says while stopping, it is being stopped
    await worker.terminate();
  }
}

/**
 * The compiled worker, or — when Ledgerbridge runs from its TypeScript sources (tests, tsx) — the
 * source file through tsx's loader, unless `compiled` asks for dist/'s copy: tests whose subject is
 * the import rather than how the worker is loaded take it (the tests' global setup rebuilds dist/
 * whenever a source is newer), as a start costs ~0.22 s compiled against ~0.45 s through tsx
 * (measured 12-05, check-worker.ts on a 2-core machine). No exec arguments are passed on: the worker
 * needs none, and some (a loader printing at exit, a profiler) are meant for the main thread alone.
 */
function startWorker(job: CheckJob, compiled: boolean): Worker {
  const here = import.meta.url;
  // Its garbage is young and short-lived (a record's objects die with the record): a young
  // generation of 12 MB instead of V8's default ~48 kept its heap ~25 MB smaller at no cost in
  // time (the million-document import, alternating runs).
  const options = { workerData: job, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 12 } }; // prettier-ignore
  if (!here.endsWith('.ts')) return new Worker(new URL('./check-worker.js', here), options);
  if (compiled)
    return new Worker(new URL('../../../dist/sources/file-drop/check-worker.js', here), options);
  const source = JSON.stringify(new URL('./check-worker.ts', here).href);
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${source}); })`;
  return new Worker(boot, { ...options, eval: true });
}

function rebuilt(fault: WorkerFault): Error {
  const { code } = fault;
  const error =
    code !== undefined && Object.hasOwn(ERROR_CATALOGUE, code)
      ? new LedgerbridgeError(code as ErrorCode, fault.message, {
          ...(fault.fix === undefined ? {} : { fix: fault.fix }),
          ...(fault.details === undefined ? {} : { details: fault.details }),
        })
      : Object.assign(new Error(fault.message), code === undefined ? {} : { code });
  if (fault.stack) error.stack = fault.stack;
  return error;
}
