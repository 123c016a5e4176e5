/**
 * The client side: a CLI process on the embedded store hands a routed command (routes.ts) to the
 * warm store process of its data directory, starting one when there is none, prints what the
 * command prints and exits with its code. Opening the store (~0.4–0.5 s of PGlite's boot, issue 16)
 * then happens once per warm process instead of once per command.
 *
 * @module
 */
import type { Socket } from 'node:net';
import { processEnvironment } from '../../config/certain-data-dir.js';
import type { Config } from '../../config/index.js';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { lockHolder } from '../../store/data-dir.js';
import type { Streams } from '../output.js';
import { buildId, connectTo, onMessages, send, socketPath, type Reply } from './protocol.js';
import { routeOf } from './routes.js';
import { announceExclusive } from './exclusive-intent.js';
import { endStuckWarm, watchSilence } from './silence.js';
import { startWarm, waitUntilGone } from './start.js';

export interface ClientCall {
  /** The command as routes.ts names it (`status`, `map`, `users list`). */
  readonly command: string;
  readonly config: Config;
  readonly argv: readonly string[];
  readonly streams: Streams & { readonly stdout: { readonly isTTY?: boolean } };
}

/**
 * Before a command runs on the embedded store: its exit code when the warm store process ran it;
 * undefined when it is to run in this process (after a warm store process it would conflict
 * with was asked to exit).
 */
export async function aroundCommand(call: ClientCall): Promise<number | undefined> {
  const path = socketPath(call.config.dataDir);
  if (!path) return undefined;
  const route = routeOf(call.command);
  const answerMs = call.config.warmAnswerSeconds * 1000;
  if (route === 'exclusive') {
    announceExclusive(call.config.dataDir);
    await stopWarm(path, call.config.dataDir, answerMs);
  }
  if (route !== 'warm') return undefined;
  // Keep-warm 0 starts none, but one that is there (`serve`'s) holds the store: use it.
  const socket =
    (await connectTo(path)) ??
    (call.config.keepWarmMinutes > 0 ? await startWarm(call.config, path) : undefined);
  if (!socket) return undefined;
  return runThrough(socket, { ...call, dataDir: call.config.dataDir, answerMs });
}

/** How a stop ended: the process's own answer, or `ended` — it stopped answering and was killed. */
export type StopOutcome = Reply | { readonly type: 'ended'; readonly pid: number };

/**
 * Asks the warm store process at `path` (of `dataDir`) to let the store go; resolves when it has
 * (or refused). One that says nothing for `answerMs` is stuck, and is ended (silence.ts).
 */
export async function stopWarm(
  path: string,
  dataDir: string,
  answerMs: number,
): Promise<StopOutcome | undefined> {
  const socket = await connectTo(path);
  if (!socket) return undefined;
  let reply: Reply | undefined;
  let silent = false;
  await new Promise<void>((resolve) => {
    onMessages<Reply>(socket, (message) => {
      if (message.type !== 'alive') reply = message;
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve());
    watchSilence(socket, answerMs, () => {
      silent = true;
      socket.destroy();
    });
    send(socket, { type: 'stop' });
  });
  const pid = silent ? await endStuckWarm(dataDir) : undefined;
  return pid === undefined ? reply : { type: 'ended', pid };
}

/** What a client hands over: the command as routes.ts names it, and how to run and show it. */
export interface Handover {
  readonly command: string;
  readonly dataDir: string;
  /** Silence after which the warm store process is stuck (silence.ts). */
  readonly answerMs: number;
  readonly argv: readonly string[];
  readonly streams: ClientCall['streams'];
}

/** Runs the command in the warm store process at the other end of `socket`; see aroundCommand. */
export async function runThrough(socket: Socket, call: Handover): Promise<number | undefined> {
  const { stdout, stderr } = call.streams;
  const outcome = await new Promise<Reply | 'lost' | 'silent'>((resolve) => {
    let last: Reply | 'lost' | 'silent' = 'lost';
    onMessages<Reply>(socket, (message) => {
      if (message.type === 'out') stdout.write(message.text);
      else if (message.type === 'err') stderr.write(message.text);
      else if (message.type !== 'alive') last = message;
    });
    socket.on('error', () => undefined); // ECONNRESET: the process died; 'close' follows
    socket.on('close', () => resolve(last));
    watchSilence(socket, call.answerMs, () => {
      last = 'silent';
      socket.destroy();
    });
    send(socket, {
      type: 'run',
      build: buildId(),
      argv: call.argv,
      cwd: process.cwd(),
      env: processEnvironment(),
      tty: { stdout: stdout.isTTY === true, stderr: stderr.isTTY === true },
    });
  });
  if (outcome === 'silent') throw stuck(call);
  if (outcome === 'lost')
    throw new LedgerbridgeError(
      'LB_WARM_STORE_LOST',
      `The store process of ${call.dataDir} stopped before \`${call.command}\` finished`,
    );
  if (outcome.type === 'unavailable') {
    // Stopping, or another build: this process opens the store once that one has let it go.
    await waitUntilGone(outcome.pid);
    return undefined;
  }
  return outcome.type === 'exit' ? outcome.code : undefined;
}

function stuck(call: Handover): LedgerbridgeError {
  const pid = lockHolder(call.dataDir);
  const seconds = Math.round(call.answerMs / 100) / 10;
  return new LedgerbridgeError(
    'LB_WARM_STORE_STUCK',
    `The store process of ${call.dataDir}${pid ? ` (process ${pid})` : ''} has not answered \`${call.command}\` for ${seconds} s`,
  );
}
