/** What the planner is given for one document: the document, its link, and its context. */
import type { MappingContext } from '../mapping-context.js';
import type { SyncSettings } from '../sync-settings.js';

/** The part of a link the planner reads. */
export interface LinkInfo {
  readonly xeroId: string | null;
  readonly pushedHash: string | null;
  readonly locked: boolean;
  readonly state: Readonly<Record<string, unknown>>;
}

export interface PlanContext {
  readonly settings: SyncSettings;
  readonly mapping: MappingContext;
}

/** Xero's status of a linked invoice or credit note, as last recorded. */
export function xeroStatusOf(link: LinkInfo | undefined): string | undefined {
  const status = link?.state.xeroStatus;
  return typeof status === 'string' ? status : undefined;
}
