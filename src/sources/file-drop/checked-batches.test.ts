import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckJob } from './check-job.js';
import type { CheckedBatch, PageForm } from './checked-batch.js';
import { checkedBatches } from './checked-batches.js';
import type { ByteTally } from './file-reader.js';
import { contact, creditNote, deleted, invoice, payment } from './test-support/records.js';
import { tempFolder, type TempFolder } from './test-support/files.js';
import { toCsv } from './test-support/csv-writer.js';

/** Every kind of record the wire carries: documents, markers, rejections, labels, a wide key. */
const RECORDS = [
  contact('P-1'),
  contact('P-é€'),
  invoice('I-1', 'P-1'),
  { ...invoice('I-2', 'P-1'), total: 'lots' },
  creditNote('CN-1', 'P-1', [{ invoiceId: 'I-1', amount: '10.00' }]),
  payment('PAY-1', 'I-1'),
  deleted('payment', 'PAY-0'),
  { kind: 'invoice' },
  contact('P-1'),
];

const ON_MAIN = Number.MAX_SAFE_INTEGER;

async function collect(job: CheckJob, workerFromBytes: number) {
  const tally: ByteTally = { bytes: 0 };
  const batches: Compared[] = [];
  for await (const batch of checkedBatches(job, tally, workerFromBytes))
    batches.push({ ...batch, ints: digest(batch.ints), strings: digest(batch.strings), bytes: digest(batch.bytes) }); // prettier-ignore
  return { batches, tally };
}

type Compared = Omit<CheckedBatch, 'ints' | 'strings' | 'bytes'> & Record<'ints' | 'strings' | 'bytes', string>; // prettier-ignore

/** The big fields compared by digest: a deep comparison of megabytes, element by element, takes ~50 s. */
function digest(data: string | Int32Array | Uint8Array): string {
  const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength); // prettier-ignore
  return `${bytes.length}:${createHash('sha256').update(bytes).digest('hex')}`;
}

describe('checked batches, on the worker and on the main thread', () => {
  let folder: TempFolder;
  afterEach(() => folder?.remove());
  const job = (path: string, form: PageForm = { kind: 'pairs' }): CheckJob => ({
    path,
    format: path.endsWith('.csv') ? 'csv' : 'jsonl',
    settings: { source: 'clinic', file: 'f' },
    form,
  });

  it('are the same batches either way, in each page form, for JSON Lines and CSV', async () => {
    folder = tempFolder();
    // Enough lines for several 1 MiB batches, so the worker's acknowledgements are exercised.
    const many = Array.from({ length: 9_000 }, (_, n) => invoice(`I-${n + 10}`, 'P-1', { reference: 'x'.repeat(200) })); // prettier-ignore
    const files = [
      folder.write('a.jsonl', [...RECORDS, ...many]),
      folder.write(
        'b.csv',
        toCsv([contact('P-1'), invoice('I-1', 'P-1'), deleted('invoice', 'I-9')]),
      ),
    ];
    for (const path of files)
      for (const form of [{ kind: 'pairs' }, { kind: 'copy' }] as PageForm[]) {
        const worker = await collect(job(path, form), 0);
        const main = await collect(job(path, form), ON_MAIN);
        expect(worker).toEqual(main);
        expect(worker.tally.bytes).toBe(readFileSync(path).length);
        expect(worker.tally.hash).toMatch(/^[0-9a-f]{64}$/);
      }
    const many1 = await collect(job(files[0]!), 0);
    expect(many1.batches.length).toBeGreaterThan(2);
    expect(many1.batches.reduce((n, b) => n + b.records, 0)).toBe(RECORDS.length + 9_000);
  });

  it('writes the same spill either way', async () => {
    folder = tempFolder();
    const path = folder.write('a.jsonl', RECORDS);
    const spills = [];
    for (const [n, from] of [0, ON_MAIN].entries()) {
      const spill = join(folder.dir, `spill-${n}`);
      const { batches } = await collect(job(path, { kind: 'spill', path: spill }), from);
      expect(batches.every((b) => b.bytes.startsWith('0:'))).toBe(true);
      spills.push(readFileSync(spill, 'utf8'));
    }
    expect(spills[0]).toBe(spills[1]);
    expect(spills[0]!.split('\n').filter(Boolean)).toHaveLength(7); // every record checked valid
  });

  it('throws a fault of the worker as the error it was, and stops the worker early', async () => {
    folder = tempFolder();
    const dir = join(folder.dir, 'not-a-file');
    mkdirSync(dir);
    await expect(collect(job(dir), 0)).rejects.toMatchObject({ code: 'EISDIR' });

    // A refused CSV header ends the file with its issues; a consumer may stop at any batch.
    const bad = folder.write('bad.csv', 'kind,nonsense\ncontact,1\n');
    const { batches } = await collect(job(bad), 0);
    expect(batches.at(-1)!.fileIssues?.[0]).toMatchObject({ code: 'LB_IMPORT_UNKNOWN_COLUMN' });
    const path = folder.write('big.jsonl', Array.from({ length: 9_000 }, (_, n) => contact(`P-${n}`, { name: 'x'.repeat(300) }))); // prettier-ignore
    for await (const _ of checkedBatches(job(path), { bytes: 0 }, 0)) break;
  });
});
