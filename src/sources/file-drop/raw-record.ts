/**
 * A record as read from a file, before validation: the JSON value of one JSON Lines line or of a
 * group of CSV rows, with where it came from. Formats differ only up to here.
 *
 * @module
 */
import type { ImportIssue } from './import-issue.js';

export interface FieldLocation {
  readonly line: number;
  readonly column?: string;
}

export interface RawRecord {
  /** First line of the record. */
  readonly line: number;
  /** The record as a JSON value; undefined when it could not be read at all. */
  readonly value: unknown;
  /** Where a field path of the validator's ("lines[2].unitAmount") sits in the file. */
  readonly locate?: (field: string) => FieldLocation;
  /** Problems found while reading it (malformed JSON, CSV rows that disagree): it is rejected. */
  readonly issues?: readonly ImportIssue[];
  /** How reports name it ("invoice INV-1 (source id 7)"), when known while reading. */
  readonly label?: string;
}

export interface RecordBatch {
  /**
   * Read as they are consumed: a JSON Lines batch parses each line only when its record is
   * taken, so a record's objects die before the next one is parsed (parsing a whole 1 MiB batch
   * up front kept ~2,000 parsed documents alive across collections: they were copied and promoted,
   * ~4 s of garbage collection per million lines).
   */
  readonly records: Iterable<RawRecord>;
  /** Issues about the file rather than a record (a CSV header); the file is refused. */
  readonly fileIssues?: readonly ImportIssue[];
  /** Rows of a refused file, each counted as rejected. */
  readonly refused?: number;
  /** The last line read so far, for progress. */
  readonly lastLine: number;
}

export type RecordReader = AsyncGenerator<RecordBatch>;
