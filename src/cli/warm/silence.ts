/**
 * A client's watch on a warm store process: it says "alive" every second while it works
 * (server.ts), so hearing nothing for the limit (LEDGERBRIDGE_WARM_ANSWER_SECONDS, 15 s by
 * default) means it is stuck — stopped with SIGSTOP, or its thread caught in a loop — and the
 * client stops waiting instead of hanging with it.
 *
 * @module
 */
import type { Socket } from 'node:net';
import { livePidIn, lockHolder } from '../../store/data-dir.js';
import { warmPidFile } from './protocol.js';
import { waitUntilGone } from './start.js';

/** Calls `onSilent` (once) when `socket` receives nothing for `limitMs`; watches until it closes. */
export function watchSilence(socket: Socket, limitMs: number, onSilent: () => void): void {
  let heard = Date.now();
  socket.on('data', () => (heard = Date.now()));
  const timer = setInterval(
    () => {
      if (Date.now() - heard < limitMs) return;
      clearInterval(timer);
      onSilent();
    },
    Math.min(250, limitMs),
  );
  socket.once('close', () => clearInterval(timer));
}

/**
 * Ends the warm store process of `dataDir` that stopped answering: SIGKILL, as a stuck thread
 * never runs a SIGTERM handler (a stopped one cannot), then waits for it to be gone (up to 10 s).
 * Only a process that wrote the warm pid file and holds the store's lock is ended — never `serve`,
 * never a process that happens to have a reused pid. Its store recovers on the next open, as
 * after a power cut (PostgreSQL's write-ahead log). The ended process's pid, or undefined.
 */
export async function endStuckWarm(dataDir: string): Promise<number | undefined> {
  const pid = livePidIn(warmPidFile(dataDir));
  if (pid === undefined || lockHolder(dataDir) !== pid) return undefined;
  process.kill(pid, 'SIGKILL');
  await waitUntilGone(pid);
  return pid;
}
