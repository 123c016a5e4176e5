/**
 * A document's id in URLs (GET /api/documents/{id}, the dashboard's document pages): its key
 * (source, kind, source id) as base64url JSON, because a PMS's ids and a source's name may hold
 * any character, `/` and `:` included.
 *
 * @module
 */
import { DOCUMENT_KINDS, type DocumentKey, type DocumentKind } from '../ledger/index.js';

export function documentId(key: DocumentKey): string {
  return Buffer.from(JSON.stringify([key.source, key.kind, key.sourceId])).toString('base64url');
}

/** The key inside an id, or undefined when the id is not one we made. */
export function parseDocumentId(id: string): DocumentKey | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(id, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return undefined;
    const [source, kind, sourceId] = value as unknown[];
    if (typeof source !== 'string' || typeof sourceId !== 'string') return undefined;
    if (!DOCUMENT_KINDS.includes(kind as DocumentKind)) return undefined;
    return { source, kind: kind as DocumentKind, sourceId };
  } catch {
    return undefined;
  }
}
