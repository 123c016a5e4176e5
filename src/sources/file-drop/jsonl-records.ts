/**
 * JSON Lines (`.jsonl`, `.ndjson`): one document or deletion marker per line; blank lines are
 * skipped. A line that is not JSON is a rejected record naming its line, never a crash.
 *
 * @module
 */
import { recordLabel } from '../../ledger/index.js';
import { MAX_LINE_CHARS, readLineBatches, type ByteTally, type LineBatch } from './file-reader.js';
import { notUtf8Issue, recordIssue } from './import-issue.js';
import { REPLACEMENT } from './utf8-chunks.js';
import type { RawRecord, RecordReader } from './raw-record.js';

export async function* readJsonLines(path: string, file: string, tally?: ByteTally): RecordReader {
  const seen = tally ?? { bytes: 0 };
  for await (const batch of readLineBatches(path, seen))
    yield {
      records: parsed(file, batch, seen),
      lastLine: batch.firstLine + batch.lines.length - 1,
    };
}

function* parsed(file: string, batch: LineBatch, seen: ByteTally): Generator<RawRecord> {
  for (let i = 0; i < batch.lines.length; i++) {
    const text = batch.lines[i]!;
    const line = batch.firstLine + i;
    if (text === null) yield rejected(file, line, `is longer than ${MAX_LINE_CHARS} characters`);
    else if (seen.notUtf8 && text.includes(REPLACEMENT)) yield notUtf8Line(file, line, text);
    else if (text.trim() !== '') yield parseLine(file, line, text);
  }
}

function parseLine(file: string, line: number, text: string): RawRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return rejected(file, line, `is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return rejected(file, line, 'is not a JSON object (each line holds one document or marker)');
  return { line, value };
}

/**
 * A line holding bytes that were not UTF-8, rejected with the text around the first as read. Its
 * JSON, when it parses, still names the document — in the report, and to the records that refer
 * to it (which are then told it was rejected, not that it does not exist).
 */
function notUtf8Line(file: string, line: number, text: string): RawRecord {
  const read = parseLine(file, line, text);
  const value = read.issues ? undefined : read.value;
  return { line, value, issues: [notUtf8Issue(file, line, text, 'line', recordLabel(value))] };
}

function rejected(file: string, line: number, message: string): RawRecord {
  return {
    line,
    value: undefined,
    issues: [recordIssue('LB_IMPORT_MALFORMED_JSON', file, line, message, 'line')],
  };
}
