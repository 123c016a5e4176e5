/**
 * The `Idempotency-Key` header (spec L19795–19802, reference §4). Within 6 minutes of the first
 * call ("keys are stored for 6 minutes from the time of the first call"), the same key with the
 * same request (method, URL, body) replays the first answer, status and body, without acting
 * again — errors included ("Errors are cached"). The same key with a different request is a 400,
 * "Idempotency Key: <key> is used with a different request.". Keys are at most 128 characters and
 * belong to one app and organisation. A retry that arrives while the first call is still running
 * waits for its answer. Windows are measured on the injected clock.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../../time/clock.js';

export const IDEMPOTENCY_WINDOW_MS = 6 * 60_000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 128;

export interface StoredAnswer {
  status: number;
  body: string;
  contentType: string;
}

interface Entry {
  fingerprint: string;
  createdAt: number;
  answer: Promise<StoredAnswer | undefined>;
  settle: (answer: StoredAnswer | undefined) => void;
}

export type IdempotencyStart =
  | { kind: 'fresh'; complete: (answer: StoredAnswer) => void; abandon: () => void }
  | { kind: 'replay'; answer: Promise<StoredAnswer | undefined> }
  | { kind: 'conflict' };

export function requestFingerprint(method: string, pathAndQuery: string, body: string): string {
  return createHash('sha256').update(`${method}\n${pathAndQuery}\n${body}`).digest('hex');
}

export function idempotencyConflictMessage(key: string): string {
  return `Idempotency Key: ${key} is used with a different request.`;
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();
  private calls = 0;

  constructor(private readonly clock: Clock) {}

  reset(): void {
    this.entries.clear();
  }

  /** Starts a keyed request of `scope` (app + organisation). */
  begin(scope: string, key: string, fingerprint: string): IdempotencyStart {
    const now = this.clock.now();
    this.sweep(now);
    const id = `${scope}\u0000${key}`;
    const existing = this.entries.get(id);
    if (existing && now - existing.createdAt < IDEMPOTENCY_WINDOW_MS) {
      return existing.fingerprint === fingerprint
        ? { kind: 'replay', answer: existing.answer }
        : { kind: 'conflict' };
    }
    let settle: (answer: StoredAnswer | undefined) => void = () => undefined;
    const answer = new Promise<StoredAnswer | undefined>((resolve) => (settle = resolve));
    const entry: Entry = { fingerprint, createdAt: now, answer, settle };
    this.entries.set(id, entry);
    return {
      kind: 'fresh',
      complete: (stored) => entry.settle(stored),
      abandon: () => {
        // Nothing was done: forget the key so a retry acts, and let any waiting retry act too.
        if (this.entries.get(id) === entry) this.entries.delete(id);
        entry.settle(undefined);
      },
    };
  }

  private sweep(now: number): void {
    this.calls += 1;
    if (this.calls % 256 !== 0) return;
    for (const [id, entry] of this.entries) {
      if (now - entry.createdAt >= IDEMPOTENCY_WINDOW_MS) this.entries.delete(id);
    }
  }
}
