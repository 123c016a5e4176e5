/** A short, stable digest of a Xero payload: what the audit log records, and how an edit Xero would not see is recognised. */
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../ledger/index.js';

export function payloadHash(payload: unknown): string {
  return createHash('sha256').update(canonicalJson(payload)).digest('hex').slice(0, 32);
}
