/** Xero's summaries indexed by id (ids are unique across collections: GUIDs). */
import type { XeroSummary } from './model.js';

export interface XeroIndex {
  readonly byId: ReadonlyMap<string, XeroSummary>;
}

export function indexXero(summaries: readonly XeroSummary[]): XeroIndex {
  return { byId: new Map(summaries.map((s) => [s.id, s])) };
}
