/**
 * What a pass tells whoever watches it: the CLI's progress line, the log, later the service's
 * metrics. The engine only calls these; it never prints (issue 16: a 268-second pass printed
 * nothing). Every method is optional.
 *
 * @module
 */
import type { DocumentKind } from '../ledger/index.js';

export interface SyncObserver {
  /** An organisation's pass begins, with how many documents of each kind need a decision. */
  organisation?(e: {
    readonly tenantId: string;
    readonly name: string;
    readonly pending: Readonly<Partial<Record<DocumentKind, number>>>;
  }): void;
  /** A phase begins (contacts, invoices, credit notes, payments). */
  phase?(e: { readonly tenantId: string; readonly kind: DocumentKind }): void;
  /** Documents decided: pushed (answered by Xero, whatever it said), skipped or refused. */
  decided?(e: {
    readonly tenantId: string;
    readonly kind: DocumentKind;
    readonly count: number;
  }): void;
  /** The organisation's pass ended. */
  finished?(e: {
    readonly tenantId: string;
    readonly name: string;
    readonly status: string;
    readonly counts: Readonly<Record<string, number>>;
  }): void;
}

export const NO_OBSERVER: SyncObserver = Object.freeze({});

/** Several observers as one. */
export function combineObservers(...list: (SyncObserver | undefined)[]): SyncObserver {
  const all = list.filter((o): o is SyncObserver => o !== undefined);
  return {
    organisation: (e) => all.forEach((o) => o.organisation?.(e)),
    phase: (e) => all.forEach((o) => o.phase?.(e)),
    decided: (e) => all.forEach((o) => o.decided?.(e)),
    finished: (e) => all.forEach((o) => o.finished?.(e)),
  };
}
