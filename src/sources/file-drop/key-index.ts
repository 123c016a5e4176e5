/**
 * The keys (kind + sourceId) one file lists, each with the line it first appeared on and its
 * state, packed into one number (line × 4 + state): a million keys take ~35 MB, off the heap. It answers
 * "is this a duplicate?", "is the target of this reference in the import?" and, for --full,
 * "does the import list this document?".
 *
 * @module
 */
import type { DocumentKind } from '../../ledger/index.js';
import { KeyTable } from './key-table.js';

/** Accepted, with every reference resolved so far. */
export const VALID = 0;
/** Accepted so far, but a reference of its own is still open (it may yet be rejected). */
export const PENDING = 1;
/** A deletion marker. */
export const MARKER = 2;
/** Rejected. */
export const REJECTED = 3;
export type KeyState = typeof VALID | typeof PENDING | typeof MARKER | typeof REJECTED;

const HOT_KEYS = 4_096;

export class KeyIndex {
  /** Key → line × 4 + state, off the heap (key-table.ts). */
  private readonly entries = new KeyTable();
  /**
   * The entries of keys looked up by `state`, for the next lookup: references go to a few targets
   * (a clinic's 1,000 patients for its million invoices), and a small map stays in the CPU's
   * caches where the million-entry one does not. Only keys already present are kept, so adding a
   * new key never touches it; every change to a kept key is made here too.
   */
  private readonly hot = new Map<string, number>();
  /** Kinds of the documents (not markers) the file holds, valid or not: what --full covers. */
  readonly kinds = new Set<DocumentKind>();

  /**
   * Adds a key; when it is already there, both records are duplicates: the key becomes REJECTED
   * and the first line and earlier state are returned.
   */
  add(
    key: string,
    kind: DocumentKind,
    line: number,
    state: KeyState,
    isDocument = state !== MARKER,
  ): { firstLine: number; was: KeyState } | undefined {
    if (isDocument) this.kinds.add(kind);
    const previous = this.entries.get(key);
    if (previous === undefined) {
      this.entries.set(key, line * 4 + state);
      return undefined;
    }
    const firstLine = Math.floor(previous / 4);
    this.put(key, firstLine * 4 + REJECTED);
    return { firstLine, was: (previous % 4) as KeyState };
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  state(key: string): KeyState | undefined {
    let entry = this.hot.get(key);
    if (entry === undefined) {
      entry = this.entries.get(key);
      if (entry === undefined) return undefined;
      if (this.hot.size >= HOT_KEYS) this.hot.clear();
      this.hot.set(key, entry);
    }
    return (entry % 4) as KeyState;
  }

  line(key: string): number | undefined {
    const entry = this.entries.get(key);
    return entry === undefined ? undefined : Math.floor(entry / 4);
  }

  setState(key: string, state: KeyState): void {
    const line = this.line(key);
    if (line !== undefined) this.put(key, line * 4 + state);
  }

  private put(key: string, entry: number): void {
    this.entries.set(key, entry);
    if (this.hot.has(key)) this.hot.set(key, entry);
  }

  get size(): number {
    return this.entries.size;
  }

  /** Forgets the keys (the kinds stay): frees ~64 MB a million before the apply pass. */
  clear(): void {
    this.entries.clear();
    this.hot.clear();
  }
}
