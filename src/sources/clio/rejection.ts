/**
 * A Clio record refused by name, field and value (the runner reports it like an invalid document).
 *
 * @module
 */
import type { DocumentKind } from '../../ledger/index.js';
import type { SourceRejection } from '../source.js';
import type { ClioRecord } from './client.js';

export function rejection(
  kind: DocumentKind,
  r: ClioRecord,
  label: string,
  field: string,
  value: unknown,
  message: string,
): SourceRejection {
  return {
    kind,
    ...(r.id ? { sourceId: r.id } : {}),
    document: `Clio ${label} ${r.id || '(no id)'}`,
    field,
    value,
    message,
  };
}
