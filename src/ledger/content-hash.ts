/**
 * A document's version: SHA-256 of its canonical JSON (keys sorted, no whitespace) without
 * `updatedAt`, so a PMS that touches a record without changing it does not cause a push
 * (the same idea as Nango's data_hash, engineering-anchors §1.1).
 *
 * @module
 */
import { createHash } from 'node:crypto';

const EXCLUDED = new Set(['updatedAt']);

/** JSON with object keys sorted at every depth and `undefined` members dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The content hash of a validated document, hex. */
export function contentHash(document: Readonly<Record<string, unknown>>): string {
  const content = Object.fromEntries(Object.entries(document).filter(([k]) => !EXCLUDED.has(k)));
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
