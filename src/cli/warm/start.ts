/**
 * Starting a warm store process: detached from the terminal (Ctrl-C in it does not stop it), its
 * own session, no output of its own. It tells its starter over an IPC channel once its socket
 * listens, or why it could not open the store; then the starter lets go of it.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../config/index.js';
import { isAlive, lockHolder } from '../../store/data-dir.js';
import { exclusiveHolder } from './exclusive-intent.js';
import { connectTo } from './protocol.js';

/** What a starting warm store process tells its starter. */
export type StartMessage = { readonly type: 'ready' } | { readonly type: 'failed'; code: string };

/**
 * Opening the store takes PGlite ~0.4–3 s (machine load); a process still booting after this is
 * left to finish, and the command runs without it (and so gets LB_STORE_LOCKED).
 */
const BOOT_MS = 20_000;
/**
 * How long a socket may take to appear beside a live lock holder: a warm store process listens
 * within milliseconds of taking the lock (warm-main.ts); a holder without one after this is a
 * command that has the store to itself (`import`), or `serve` still starting: LB_STORE_LOCKED.
 */
const HOLDER_MS = 500;

/** A connection to a warm store process for `config`'s data directory, started now; or undefined. */
export async function startWarm(config: Config, path: string): Promise<Socket | undefined> {
  // The lock is held: by a warm store process that is booting (another client started it a moment
  // ago), or `serve` starting, or a command that has the store to itself (`import`).
  if (lockHolder(config.dataDir) !== undefined) return waitForSocket(path, HOLDER_MS);
  // A command about to open the store for itself (exclusive-intent.ts): run this one alone.
  const exclusive = exclusiveHolder(config.dataDir);
  if (exclusive !== undefined && exclusive !== process.pid) return undefined;
  const entry = fileURLToPath(new URL('./warm-main.js', import.meta.url));
  if (!existsSync(entry)) return undefined; // run from source (tests through tsx): no warm process
  const child = spawn(process.execPath, [entry, config.dataDir, String(config.keepWarmMinutes)], {
    // In the data directory: it does not keep the client's directory in use for minutes.
    cwd: config.dataDir,
    detached: true,
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  const outcome = await new Promise<StartMessage>((resolve) => {
    const timer = setTimeout(() => resolve({ type: 'failed', code: 'timeout' }), BOOT_MS);
    const settle = (message: StartMessage) => {
      clearTimeout(timer);
      resolve(message);
    };
    child.once('message', (m) => settle(m as StartMessage));
    child.once('exit', () => settle({ type: 'failed', code: 'exited' }));
    child.once('error', () => settle({ type: 'failed', code: 'spawn' }));
  });
  child.removeAllListeners();
  if (child.connected) child.disconnect();
  child.unref();
  if (outcome.type === 'ready') return connectTo(path);
  // Two clients started one each at the same moment: the store's lock chose the other one.
  return outcome.code === 'LB_STORE_LOCKED' ? waitForSocket(path, HOLDER_MS) : undefined;
}

async function waitForSocket(path: string, ms: number): Promise<Socket | undefined> {
  const end = Date.now() + ms;
  for (;;) {
    const socket = await connectTo(path);
    if (socket || Date.now() > end) return socket;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Resolves once process `pid` has exited (its store lock is released on the way out), or after 10 s. */
export async function waitUntilGone(pid: number): Promise<void> {
  const end = Date.now() + 10_000;
  while (isAlive(pid) && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
}
