/**
 * The check worker's side of a checked batch (checked-batch.ts): `add` each checked record, then
 * `take` the batch. Accepted documents become page entries in the form the main thread asked for
 * — spill lines (written here, to the spill file), jsonb pairs or COPY tuples — so the main
 * thread only copies bytes into its pages.
 *
 * @module
 */
import { humanName, isDeletionMarker } from '../../ledger/index.js';
import { ByteBuilder } from '../../store/byte-builder.js';
import { writeDocumentTuple } from '../../store/document-rows-bytes.js';
import {
  DELETION,
  DOCUMENT,
  REJECTED,
  type CheckedBatch,
  type PageForm,
  type RecordExtra,
} from './checked-batch.js';
import { documentKey, isDocumentKind } from './import-issue.js';
import type { RawRecord } from './raw-record.js';
import type { CheckedRecord } from './record-check.js';
import { referencesOf } from './references.js';
import { spillDeletionLine, spillDocumentLine } from './spill.js';

export class BatchEncoder {
  private ints = new Int32Array(1 << 14);
  private count = 0;
  private strings: string[] = [];
  private names = new Map<string, number>();
  private extras: RecordExtra[] = [];
  private bytes = new ByteBuilder(1 << 20);
  private records = 0;

  constructor(
    private readonly form: PageForm,
    private readonly source: string,
  ) {}

  add(checked: CheckedRecord, record: RawRecord): void {
    this.records++;
    const at = record.locate?.('sourceId');
    if (checked.type === 'document') return this.document(checked, record);
    if (checked.type === 'deletion') {
      const { kind, sourceId } = checked.deletion;
      if (this.form.kind === 'spill') this.bytes.text(spillDeletionLine(checked.line, kind, sourceId)); // prettier-ignore
      this.push(DELETION, checked.line);
      this.identity(documentKey(kind, sourceId), checked.deletion);
      this.push(this.extra(at ? { at } : undefined));
      return;
    }
    this.push(REJECTED, checked.line);
    const value = (record.value ?? {}) as Record<string, unknown>;
    const { kind, sourceId } = value;
    if (isDocumentKind(kind) && typeof sourceId === 'string' && sourceId !== '') {
      this.identity(documentKey(kind, sourceId), value);
      this.push(isDeletionMarker(value) ? 1 : 0);
    } else this.push(-1, -1, 0);
    this.push(this.extra({ issues: checked.issues, ...(at ? { at } : {}) }));
  }

  /** The batch so far, handed over (its buffers move to the main thread); the next one starts. */
  take(lastLine: number, extra: Pick<CheckedBatch, 'fileIssues' | 'refused'> = {}): CheckedBatch {
    const batch: CheckedBatch = {
      ints: this.ints.slice(0, this.count),
      strings: this.strings.join(''),
      names: [...this.names.keys()],
      extras: this.extras.length > 0 ? JSON.stringify(this.extras) : null,
      bytes: this.form.kind === 'spill' ? new Uint8Array(0) : this.bytes.view(),
      records: this.records,
      lastLine,
      ...extra,
    };
    this.count = 0;
    this.strings = [];
    this.names = new Map();
    this.extras = [];
    this.records = 0;
    if (this.form.kind !== 'spill') this.bytes = new ByteBuilder(this.bytes.length + (1 << 16));
    return batch;
  }

  /** The spill lines gathered since the last call (the spill form); the builder is reused. */
  spillLines(): Uint8Array {
    return this.bytes.view();
  }

  resetSpill(): void {
    this.bytes.reset();
  }

  private document(checked: CheckedRecord & { type: 'document' }, record: RawRecord): void {
    const { document, hash } = checked.versioned;
    const { line, json } = checked;
    const before = this.bytes.length;
    if (this.form.kind === 'spill') this.bytes.text(spillDocumentLine(line, hash, json));
    else if (this.form.kind === 'pairs') this.bytes.text(`["${hash}",${json}]`);
    else {
      const { kind, sourceId, entity, updatedAt } = document;
      const { status } = document as { status?: string };
      const row = { source: this.source, kind, sourceId, entity, status, hash, updatedAt };
      writeDocumentTuple(this.bytes, row, json);
    }
    const pageBytes = this.form.kind === 'spill' ? 0 : this.bytes.length - before;
    this.push(DOCUMENT, line);
    this.identity(documentKey(document.kind, document.sourceId), document);
    const refs = referencesOf(document);
    const columns = record.locate ? refs.map((r) => record.locate!(r.field).column ?? null) : [];
    const at = record.locate?.('sourceId');
    const extra = at || columns.some((c) => c !== null) ? { ...(at ? { at } : {}), columns } : undefined; // prettier-ignore
    this.push(this.name(document.entity), pageBytes, this.extra(extra), refs.length);
    for (const ref of refs) {
      this.strings.push(ref.key);
      this.push(ref.key.length, this.name(ref.field));
    }
  }

  /** Key and human name: their lengths here, their text in `strings`. */
  private identity(key: string, record: object): void {
    const human = humanName(record);
    this.strings.push(key);
    if (human !== undefined) this.strings.push(human);
    this.push(key.length, human === undefined ? -1 : human.length);
  }

  private name(text: string): number {
    let index = this.names.get(text);
    if (index === undefined) this.names.set(text, (index = this.names.size));
    return index;
  }

  private extra(extra: RecordExtra | undefined): number {
    if (!extra) return -1;
    this.extras.push(extra);
    return this.extras.length - 1;
  }

  /** Appends numbers (up to four: no array per call on the hot path). */
  private push(a: number, b?: number, c?: number, d?: number): void {
    if (this.count + 4 > this.ints.length) {
      const grown = new Int32Array(2 * this.ints.length);
      grown.set(this.ints.subarray(0, this.count));
      this.ints = grown;
    }
    this.ints[this.count++] = a;
    if (b !== undefined) this.ints[this.count++] = b;
    if (c !== undefined) this.ints[this.count++] = c;
    if (d !== undefined) this.ints[this.count++] = d;
  }
}
