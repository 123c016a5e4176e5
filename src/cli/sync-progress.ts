/**
 * The sync's progress on stderr (issue 16: a 268-second pass printed nothing): the organisation,
 * the phase with done / total, the Xero calls used, what it waits for and why, and the time left.
 * On a terminal one line is redrawn at most 5 times a second; elsewhere it stays quiet unless
 * asked (`--progress`), then prints a line at each phase, every tenth of a phase and each wait.
 *
 * @module
 */
import type { DocumentKind } from '../ledger/index.js';
import type { BudgetWaitReason } from '../xero/api-client.js';
import type { SyncObserver } from '../sync/sync-observer.js';

export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

const PHASE_NAMES: Record<DocumentKind, string> = {
  contact: 'contacts',
  invoice: 'invoices',
  credit_note: 'credit notes',
  payment: 'payments',
  bank_transaction: 'bank transactions',
  bank_transfer: 'bank transfers',
  journal: 'journals',
  trust_movement: 'trust movements',
  overpayment: 'overpayments',
  refund: 'refunds',
  write_off: 'write-offs',
  payout: 'payouts',
};

const WAIT_REASONS: Record<BudgetWaitReason | 'other-process', string> = {
  minute: 'Xero allows 60 calls a minute',
  concurrent: 'Xero allows 5 calls at once',
  'app-minute': 'the app’s 10,000 calls a minute across organisations',
  'read-lane': 'a reconciliation leaves most of the minute’s calls to a waiting sync',
  'other-process': 'another process is syncing this organisation',
};

interface State {
  name: string;
  pending: Partial<Record<DocumentKind, number>>;
  done: Partial<Record<DocumentKind, number>>;
  phase?: DocumentKind;
  calls: number;
  startedAt: number;
  waiting?: { reason: keyof typeof WAIT_REASONS; until: number };
}

export interface SyncProgress {
  readonly observer: SyncObserver;
  /** A call sent to Xero (the API client's onAttempt). */
  call(): void;
  /** A call waits for the budget (the API client's onWait). */
  wait(reason: BudgetWaitReason | 'other-process', ms: number): void;
}

export function makeSyncProgress(
  stream: ProgressStream,
  options: { force: boolean; batchSize: number; now?: () => number },
): SyncProgress | undefined {
  const live = stream.isTTY === true;
  if (!live && !options.force) return undefined;
  const now = options.now ?? Date.now;
  let state: State | undefined;
  let drawnAt = 0;
  let lastTenth = -1;
  const draw = (force = false) => {
    if (!state) return;
    if (live) {
      if (!force && now() - drawnAt < 200) return;
      drawnAt = now();
      stream.write(`\r${progressLine(state, options.batchSize, now())}\x1b[K`);
    } else stream.write(`${progressLine(state, options.batchSize, now())}\n`);
  };
  const observer: SyncObserver = {
    organisation: (e) => {
      state = { name: e.name, pending: e.pending, done: {}, calls: 0, startedAt: now() };
      draw(true);
    },
    phase: (e) => {
      if (!state || !state.pending[e.kind]) return;
      state.phase = e.kind;
      lastTenth = 0;
      draw(true);
    },
    decided: (e) => {
      if (!state) return;
      state.done[e.kind] = (state.done[e.kind] ?? 0) + e.count;
      state.waiting = undefined;
      const tenth = Math.floor(((state.done[e.kind] ?? 0) / (state.pending[e.kind] || 1)) * 10);
      if (live) draw();
      else if (tenth > lastTenth) draw(true);
      lastTenth = Math.max(lastTenth, tenth);
    },
    finished: () => {
      if (live && state) stream.write('\r\x1b[K');
      state = undefined;
    },
  };
  return {
    observer,
    call: () => {
      if (state) state.calls++;
    },
    wait: (reason, ms) => {
      if (!state) return;
      const shown = state.waiting?.reason === reason;
      state.waiting = { reason, until: now() + ms };
      if (live || (!shown && ms >= 5_000)) draw(true);
    },
  };
}

/** "Demo Clinic Ltd — invoices 350 of 1,500 · 42 Xero calls · waiting 12 s: … · about 3 min left" */
export function progressLine(s: State, batchSize: number, now: number): string {
  const parts = [s.name];
  if (s.phase)
    parts.push(
      `${PHASE_NAMES[s.phase]} ${count(s.done[s.phase] ?? 0)} of ${count(s.pending[s.phase] ?? 0)}`,
    );
  parts.push(`${count(s.calls)} Xero call${s.calls === 1 ? '' : 's'}`);
  if (s.waiting && s.waiting.until > now)
    parts.push(`waiting ${duration(s.waiting.until - now)}: ${WAIT_REASONS[s.waiting.reason]}`);
  const left = timeLeft(s, batchSize, now);
  if (left !== undefined) parts.push(`about ${duration(left)} left`);
  return parts.join(' · ');
}

/**
 * Calls still to make (a batch per 50 documents of each kind) at the pace so far, never faster
 * than the 60 a minute Xero allows. Unknown until a few calls have shown the pace.
 */
function timeLeft(s: State, batchSize: number, now: number): number | undefined {
  if (s.calls < 5) return undefined;
  let callsLeft = 0;
  for (const [kind, total] of Object.entries(s.pending))
    callsLeft += Math.ceil(Math.max(0, total - (s.done[kind as DocumentKind] ?? 0)) / batchSize);
  const msPerCall = Math.max((now - s.startedAt) / s.calls, 1_000);
  return callsLeft * msPerCall;
}

const count = (n: number) => n.toLocaleString('en');

function duration(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 90) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 90 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}
