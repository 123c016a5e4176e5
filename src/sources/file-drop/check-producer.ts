/**
 * What the check worker does, as an async generator: read one file, check every record, and
 * yield the results a batch (~1 MiB of the file) at a time (checked-batch.ts), writing the spill
 * lines itself when asked for the spill form. check-worker.ts runs it on a thread of its own for
 * a large file; checked-batches.ts runs it on the main thread for a small one, where starting a
 * worker (~0.2 s: a thread, the ledger's modules) would cost more than it saves.
 *
 * @module
 */
import { open } from 'node:fs/promises';
import { BatchEncoder } from './batch-encoder.js';
import type { CheckJob } from './check-job.js';
import type { CheckedBatch } from './checked-batch.js';
import { readCsvRecords } from './csv-records.js';
import type { ByteTally } from './file-reader.js';
import { HeapGovernor } from './heap-governor.js';
import { readJsonLines } from './jsonl-records.js';
import { RecordChecker } from './record-check.js';

export async function* produceBatches(
  job: CheckJob,
  tally: ByteTally,
): AsyncGenerator<CheckedBatch> {
  const checker = new RecordChecker(job.settings);
  const encoder = new BatchEncoder(job.form, job.settings.source);
  const heap = new HeapGovernor();
  const read = job.format === 'csv' ? readCsvRecords : readJsonLines;
  const spill = job.form.kind === 'spill' ? await open(job.form.path, 'w') : undefined;
  try {
    for await (const batch of read(job.path, job.settings.file, tally)) {
      if (batch.fileIssues && batch.fileIssues.length > 0) {
        const { fileIssues, refused } = batch;
        yield encoder.take(batch.lastLine, { fileIssues, ...(refused === undefined ? {} : { refused }) }); // prettier-ignore
        return;
      }
      for (const record of batch.records) encoder.add(checker.check(record), record);
      if (spill) {
        await spill.write(encoder.spillLines());
        encoder.resetSpill();
      }
      yield encoder.take(batch.lastLine);
      heap.tick();
    }
  } finally {
    await spill?.close();
  }
}
