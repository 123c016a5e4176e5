/**
 * What a CLI process and the warm store process of its data directory say to each other: one
 * JSON object a line over a Unix socket in the data directory (run/warm.sock; run/ is 0700 and
 * the socket 0600, so only the store's owner reaches it).
 *
 * A client sends one request and reads until the connection ends: a command's output as it is
 * written, then its exit code; or, for `stop`, whether the store was let go.
 *
 * @module
 */
import { statSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RunRequest {
  readonly type: 'run';
  /** The client's build: a warm process of another build answers `unavailable` and exits. */
  readonly build: string;
  readonly argv: readonly string[];
  readonly cwd: string;
  /** The client's environment: the command's configuration is loaded from it (and only that). */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly tty: { readonly stdout: boolean; readonly stderr: boolean };
}

export type Request = RunRequest | { readonly type: 'stop' };

export type Reply =
  | { readonly type: 'out' | 'err'; readonly text: string }
  /** Sent on receipt and every BEAT_MS while the request waits or runs: the process is not stuck. */
  | { readonly type: 'alive' }
  | { readonly type: 'exit'; readonly code: number; readonly pid: number }
  /** Stop: the store is closed and its lock released (`stopped`), or `serve` keeps it (`refused`). */
  | { readonly type: 'stopped' | 'refused'; readonly pid: number }
  /** Not taking commands (stopping, or another build): run the command in the client. */
  | { readonly type: 'unavailable'; readonly pid: number };

/** How often a warm store process says it is alive while a client waits on it. */
export const BEAT_MS = 1_000;

/**
 * Where a warm store process writes its pid once it listens: a client may end it (SIGKILL) when
 * it stops answering, but only a warm store process — never `serve`, which hosts the same socket.
 */
export function warmPidFile(dataDir: string): string {
  return join(dataDir, 'run', 'warm.pid');
}

/**
 * Unix socket paths are limited to 104 bytes on macOS (108 on Linux): a longer data directory
 * has no warm store process and every command opens the store itself.
 */
const MAX_SOCKET_PATH = 103;

/** The socket of `dataDir`'s warm store process; undefined when the platform or path rules it out. */
export function socketPath(dataDir: string): string | undefined {
  if (process.platform === 'win32') return undefined;
  const path = join(dataDir, 'run', 'warm.sock');
  return Buffer.byteLength(path) <= MAX_SOCKET_PATH ? path : undefined;
}

/**
 * This build of Ledgerbridge: where its compiled code is and when it was built. A warm store
 * process left running across an upgrade or a rebuild would run old code: it refuses, and exits.
 */
export function buildId(): string {
  const file = fileURLToPath(import.meta.url);
  return `${file}@${statSync(file).mtimeMs}`;
}

export function send(socket: Socket, message: Request | Reply): void {
  socket.write(`${JSON.stringify(message)}\n`);
}

/** Calls `onMessage` with each line-delimited JSON message `socket` receives. */
export function onMessages<T>(socket: Socket, onMessage: (message: T) => void): void {
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    let end: number;
    while ((end = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      if (line) onMessage(JSON.parse(line) as T);
    }
  });
}

/** A connection to the warm store process at `path`; undefined when none listens there. */
export function connectTo(path: string): Promise<Socket | undefined> {
  return new Promise((resolve) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.removeAllListeners('error');
      resolve(socket);
    });
    // ENOENT: none started; ECONNREFUSED: a socket left by a process that died (kill -9).
    socket.once('error', () => resolve(undefined));
  });
}
