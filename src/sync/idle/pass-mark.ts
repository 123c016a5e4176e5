/**
 * What an organisation's last working pass left behind, so a scheduled pass can tell from the
 * store alone whether anything changed since (quiet-check.ts): where the documents' change order
 * stood, the routes, mappings and settings it planned with, the requests it had seen (a retry, an
 * unlock, a Xero webhook), and whether it finished. Kept as one setting per organisation.
 *
 * Documents are followed by `change_seq`, which a writer draws before it commits: a document
 * whose transaction was still open when a pass read the newest change_seq commits later with a
 * lower one. So the mark only trusts change_seqs read at least SETTLE_MS ago (`settled`): an
 * import transaction shorter than that is always seen by the next pass's question.
 *
 * @module
 */
import type { Queryable } from '../../store/database.js';
import { getSetting, putSetting } from '../../store/settings-repo.js';

/** An hour: far longer than any import transaction (a page of documents commits in seconds). */
export const SETTLE_MS = 60 * 60_000;

const MARK = 'syncPassMark';
const REQUEST = 'syncPassRequested';

export interface PassMark {
  /** Every document changed up to this change_seq was decided by a working pass. */
  readonly settled: string;
  /** The newest change_seq read at `at`; it becomes `settled` once SETTLE_MS have passed. */
  readonly seq: string;
  readonly at: number;
  /** The last working pass finished (succeeded: nothing refused, waiting or unresolved). */
  readonly clean: boolean;
  /** The routes, mappings and sync settings that pass planned with (a hash: inputs.ts). */
  readonly inputs: string;
  /** The pass requests that pass had seen. */
  readonly requests: string;
  /** Quiet passes since, to take turns between Xero's payments and contacts (xero-probe.ts). */
  readonly quietPasses: number;
}

const scope = (tenantId: string) => `tenant:${tenantId}`;

export function readPassMark(db: Queryable, tenantId: string): Promise<PassMark | undefined> {
  return getSetting<PassMark>(db, MARK, scope(tenantId));
}

export async function savePassMark(db: Queryable, tenantId: string, mark: PassMark): Promise<void> {
  await putSetting(db, MARK, mark, scope(tenantId));
}

/**
 * `settled` and `seq` one step on when `seq` was read SETTLE_MS ago or more; `newest` (the
 * newest change_seq now) is the next `seq`. The first mark starts settled at `newest`: only a
 * document still being written as an organisation's very first pass began waits for the next
 * working pass (or the daily re-check) — settling from 0 would make every question of the next
 * hour read all of a source's documents.
 */
export function rotated(
  mark: Pick<PassMark, 'settled' | 'seq' | 'at'> | undefined,
  newest: string,
  now: number,
): Pick<PassMark, 'settled' | 'seq' | 'at'> {
  if (!mark) return { settled: newest, seq: newest, at: now };
  if (now - mark.at < SETTLE_MS) return { settled: mark.settled, seq: mark.seq, at: mark.at };
  return { settled: mark.seq, seq: newest, at: now };
}

/**
 * Asks for a working pass of one organisation (or of every one): something a pass plans with
 * changed outside the documents — a retry or an unlock forgot links, a resync re-opened pushed
 * documents, Xero said (webhook) that something changed on its side.
 */
export async function requestWorkingPass(db: Queryable, tenantId?: string): Promise<void> {
  const stamp = `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  await putSetting(db, REQUEST, stamp, tenantId ? scope(tenantId) : 'global');
}

/** The requests in force for an organisation now, as one comparable string. */
export async function passRequests(db: Queryable, tenantId: string): Promise<string> {
  const all = await getSetting<string>(db, REQUEST, 'global');
  const one = await getSetting<string>(db, REQUEST, scope(tenantId));
  return `${all ?? ''}/${one ?? ''}`;
}
