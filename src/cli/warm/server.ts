/**
 * The warm side: the process that has the embedded store open — a warm store process
 * (warm-main.ts) or `serve` — listens on the data directory's socket and runs routed commands
 * (routes.ts) for clients through the CLI's own `main`, with the client's arguments, directory,
 * configuration variables and terminal flags; their output goes back as it is written.
 *
 * Commands run one at a time, in arrival order: PGlite is one session, and a command is short.
 * Beside `serve` they run as its web page's requests do, beside its syncs.
 *
 * @module
 */
import { chmodSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import type { Config } from '../../config/index.js';
import type { Database } from '../../store/database.js';
import { holdStore } from '../../store/held-store.js';
import { assertCurrent } from '../../store/migrator.js';
import { main } from '../main.js';
import type { Streams } from '../output.js';
import {
  BEAT_MS,
  buildId,
  onMessages,
  send,
  socketPath,
  type Request,
  type RunRequest,
} from './protocol.js';

export interface HostOptions {
  /** The data directory whose store this process holds (held-store.ts). */
  readonly dataDir: string;
  /** `serve` never lets the store go on request, nor when idle, and runs any build's clients. */
  readonly kind: 'warm' | 'serve';
  /** Settles once the store is held; commands wait for it (rejected: they run in the client). */
  readonly ready?: Promise<void>;
  /** Idle time after which the host closes (warm only). */
  readonly idleMs?: number;
  /** Lets the store go (closes it, releasing its lock); called once, after the last command. */
  readonly release: () => Promise<void>;
  /** After a client's `stop`, or when idle: the host is closed and the process may end. */
  readonly onClosed?: () => void;
}

export interface Host {
  /** Stops taking commands, finishes the one in hand, then releases the store. Idempotent. */
  close(): Promise<void>;
}

/** Listens on `path` (in the data directory whose store this process holds) until closed. */
export async function hostWarmSocket(path: string, options: HostOptions): Promise<Host> {
  let queue: Promise<unknown> = Promise.resolve();
  let closing: Promise<void> | undefined;
  let idle: NodeJS.Timeout | undefined;
  const server = createServer();
  const close = () =>
    (closing ??= (async () => {
      clearTimeout(idle);
      server.close();
      await queue;
      await options.release();
    })());
  const shutDown = () => void close().then(() => options.onClosed?.());
  const touch = () => {
    clearTimeout(idle);
    if (options.kind === 'warm' && options.idleMs) idle = setTimeout(shutDown, options.idleMs);
  };
  server.on('connection', (socket: Socket) => {
    socket.on('error', () => undefined); // a client that went away mid-command
    onMessages<Request>(socket, (request) => {
      heartbeat(socket);
      if (request.type === 'stop') return void answerStop(socket, options, close, shutDown);
      if (closing || (options.kind === 'warm' && request.build !== buildId())) {
        unavailable(socket);
        if (!closing) shutDown(); // another build: let it open the store
        return;
      }
      clearTimeout(idle);
      queue = queue
        .then(() => options.ready)
        .then(
          () => runRequest(socket, request, options.dataDir),
          () => unavailable(socket),
        )
        .catch(() => undefined) // main never throws; a socket may: the next command still runs
        .finally(touch);
    });
  });
  await listen(server, path);
  touch();
  return { close };
}

function answerStop(
  socket: Socket,
  options: HostOptions,
  close: () => Promise<void>,
  shutDown: () => void,
): void {
  if (options.kind === 'serve') {
    send(socket, { type: 'refused', pid: process.pid });
    socket.end();
    return;
  }
  void close().then(() => {
    send(socket, { type: 'stopped', pid: process.pid });
    socket.end();
    shutDown();
  });
}

/**
 * Says "alive" now and every BEAT_MS until the connection ends — while the request waits its turn,
 * runs, or (a stop) waits for the command in hand: a client that hears nothing for its limit
 * (LEDGERBRIDGE_WARM_ANSWER_SECONDS) knows this process is stuck, not busy.
 */
function heartbeat(socket: Socket): void {
  const beat = () => {
    if (socket.writableEnded || socket.destroyed) clearInterval(timer);
    else send(socket, { type: 'alive' });
  };
  const timer = setInterval(beat, BEAT_MS);
  socket.once('close', () => clearInterval(timer));
  beat();
}

function unavailable(socket: Socket): void {
  send(socket, { type: 'unavailable', pid: process.pid });
  socket.end();
}

async function runRequest(socket: Socket, request: RunRequest, dataDir: string): Promise<void> {
  const streams: Streams & { stdout: { isTTY: boolean } } = {
    stdout: { isTTY: request.tty.stdout, write: (text) => send(socket, { type: 'out', text }) },
    stderr: { isTTY: request.tty.stderr, write: (text) => send(socket, { type: 'err', text }) },
  };
  const code = await main(request.argv, streams, {
    env: request.env,
    cwd: request.cwd,
    warm: { dataDir },
  });
  send(socket, { type: 'exit', code, pid: process.pid });
  socket.end();
}

/**
 * The socket's folder is the owner's alone (0700) and the socket too (0600): another user of the
 * machine cannot connect. Any socket already there is stale: this process holds the store's lock.
 */
function listen(server: Server, path: string): Promise<void> {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  chmodSync(dirname(path), 0o700);
  rmSync(path, { force: true });
  const umask = process.umask(0o077);
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      chmodSync(path, 0o600);
      resolve();
    });
  }).finally(() => process.umask(umask));
}

/**
 * `serve` on the embedded store hosts the socket too: `status`, `errors` and `map` run beside it
 * (the store is open in one process only) instead of failing with LB_STORE_LOCKED.
 */
export async function hostForServe(config: Config, db: Database): Promise<Host | undefined> {
  const path = config.databaseUrl ? undefined : socketPath(config.dataDir);
  if (!path) return undefined;
  const unhold = holdStore(config.dataDir, { db, schemaVersion: await assertCurrent(db) });
  const release = () => Promise.resolve(unhold());
  return hostWarmSocket(path, { kind: 'serve', dataDir: config.dataDir, release }).catch(
    (error: unknown) => {
      unhold();
      throw error;
    },
  );
}
