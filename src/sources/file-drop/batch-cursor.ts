/**
 * The main thread's side of a checked batch (checked-batch.ts): a cursor over its records.
 * `next()` moves to the next record and sets the fields of its type; the text it needs is sliced
 * from the batch's one string only when asked for (a label, a source id), and the page bytes of
 * an accepted document are `bytes[from, to)`.
 *
 * @module
 */
import { documentLabel, type DocumentKind } from '../../ledger/index.js';
import {
  DELETION,
  DOCUMENT,
  REJECTED,
  type CheckedBatch,
  type RecordExtra,
} from './checked-batch.js';
import { kindOfKey, type ImportIssue } from './import-issue.js';
import type { FieldLocation } from './raw-record.js';

export class BatchCursor {
  private readonly ints: Int32Array;
  private readonly strings: string;
  private extras: RecordExtra[] | undefined;
  private i = 0;
  private text = 0;
  private bytesAt = 0;
  private humanFrom = 0;
  private humanLength = -1;
  private extraIndex = -1;
  type: 'document' | 'deletion' | 'rejected' = 'rejected';
  line = 0;
  /** documentKey(kind, sourceId); undefined for a record without a usable kind and sourceId. */
  key: string | undefined;
  /** A deletion marker (its key does not count as listed for --full). */
  marker = false;
  entity = '';
  /** The document's page bytes: `batch.bytes[from, to)`. */
  from = 0;
  to = 0;
  /** Its references' target keys and fields (reused from record to record). */
  readonly refKeys: string[] = [];
  readonly refFields: string[] = [];

  constructor(readonly batch: CheckedBatch) {
    this.ints = batch.ints;
    this.strings = batch.strings;
  }

  next(): boolean {
    if (this.i >= this.ints.length) return false;
    const type = this.int();
    this.line = this.int();
    this.readIdentity();
    this.refKeys.length = 0;
    this.refFields.length = 0;
    if (type === REJECTED) {
      this.type = 'rejected';
      this.marker = this.int() === 1;
      this.extraIndex = this.int();
      return true;
    }
    this.marker = type === DELETION;
    if (type === DELETION) {
      this.type = 'deletion';
      this.extraIndex = this.int();
      return true;
    }
    if (type !== DOCUMENT) throw new Error(`checked batch: unknown record type ${type}`);
    this.type = 'document';
    const { names } = this.batch;
    this.entity = names[this.int()]!;
    this.from = this.bytesAt;
    this.bytesAt += this.int();
    this.to = this.bytesAt;
    this.extraIndex = this.int();
    for (let n = this.int(); n > 0; n--) {
      this.refKeys.push(this.slice(this.int()));
      this.refFields.push(names[this.int()]!);
    }
    return true;
  }

  get kind(): DocumentKind {
    return kindOfKey(this.key!);
  }

  get sourceId(): string {
    return this.key!.slice(1);
  }

  /** How reports name the current record: "invoice INV-1 (source id 7)". */
  label(): string {
    if (this.key === undefined) return 'record';
    const human = this.humanLength < 0 ? undefined : this.strings.slice(this.humanFrom, this.humanFrom + this.humanLength); // prettier-ignore
    return documentLabel({ kind: this.kind, sourceId: this.sourceId, number: human });
  }

  /** A rejected record's issues. */
  issues(): ImportIssue[] {
    return this.extra()?.issues ?? [];
  }

  /** Where its sourceId is. */
  at(): FieldLocation {
    return this.extra()?.at ?? { line: this.line };
  }

  /** The CSV column of reference `i`, if any. */
  refColumn(i: number): string | undefined {
    return this.extra()?.columns?.[i] ?? undefined;
  }

  private extra(): RecordExtra | undefined {
    if (this.extraIndex < 0) return undefined;
    this.extras ??= JSON.parse(this.batch.extras!) as RecordExtra[];
    return this.extras[this.extraIndex];
  }

  private readIdentity(): void {
    const keyLength = this.int();
    this.key = keyLength < 0 ? undefined : this.slice(keyLength);
    this.humanLength = this.int();
    this.humanFrom = this.text;
    if (this.humanLength > 0) this.text += this.humanLength;
  }

  private slice(length: number): string {
    const from = this.text;
    this.text += length;
    return this.strings.slice(from, this.text);
  }

  private int(): number {
    return this.ints[this.i++]!;
  }
}
