/**
 * JSON Lines (`.jsonl`, `.ndjson`): one document or deletion marker per line; blank lines are
 * skipped. A line that is not JSON is a rejected record naming its line, never a crash.
 *
 * @module
 */
import { MAX_LINE_CHARS, readLineBatches, type ByteTally, type LineBatch } from './file-reader.js';
import { recordIssue } from './import-issue.js';
import type { RawRecord, RecordReader } from './raw-record.js';

export async function* readJsonLines(path: string, file: string, tally?: ByteTally): RecordReader {
  for await (const batch of readLineBatches(path, tally))
    yield { records: parsed(file, batch), lastLine: batch.firstLine + batch.lines.length - 1 };
}

function* parsed(file: string, batch: LineBatch): Generator<RawRecord> {
  for (let i = 0; i < batch.lines.length; i++) {
    const text = batch.lines[i]!;
    const line = batch.firstLine + i;
    if (text === null) yield rejected(file, line, `is longer than ${MAX_LINE_CHARS} characters`);
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

function rejected(file: string, line: number, message: string): RawRecord {
  return {
    line,
    value: undefined,
    issues: [recordIssue('LB_IMPORT_MALFORMED_JSON', file, line, message, 'line')],
  };
}
