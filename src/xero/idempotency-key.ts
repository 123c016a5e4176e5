/**
 * Idempotency-Key for a write: derived from (organisation, operation, documents and their
 * versions), so the same push after a crash or a retry carries the same key and Xero replays its
 * first answer instead of acting twice (within Xero's 6-minute window; after it, the sync engine
 * looks the documents up before creating anything again). Xero allows 128 characters.
 *
 * @module
 */
import { createHash } from 'node:crypto';

export interface KeyedDocument {
  /** A stable name for the document: `source/kind/sourceId`. */
  readonly key: string;
  /** Its version (content hash) being pushed. */
  readonly version: string;
}

export function idempotencyKey(
  tenantId: string,
  operation: string,
  documents: readonly KeyedDocument[],
): string {
  const hash = createHash('sha256').update(tenantId).update('\0').update(operation);
  for (const d of [...documents].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)))
    hash.update('\0').update(d.key).update('\0').update(d.version);
  return `lb-${operation.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${hash.digest('hex').slice(0, 48)}`;
}
