/**
 * Which files the file drop reads: JSON Lines (`.jsonl`, `.ndjson`) and CSV (`.csv`), named in
 * any case. Hidden files and files still being written under a temporary name (`.part`, `.tmp`,
 * `~`) are not import files.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export type FileFormat = 'jsonl' | 'csv';

export function formatOf(name: string): FileFormat | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('.')) return undefined;
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  if (lower.endsWith('.csv')) return 'csv';
  return undefined;
}

/** SHA-256 of a file's bytes, streamed. */
export async function hashFile(path: string): Promise<string> {
  const sha = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }))
    sha.update(chunk as Buffer);
  return sha.digest('hex');
}
