/**
 * The embedded store's directory: a marker that says it is ours, a lock that says who uses it,
 * and PGlite's own files under pgdata/. PGlite is one process per directory (engineering-anchors
 * §2.3), so a second process is refused with a clear message instead of corrupting the data.
 *
 * @module
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';

const MARKER = 'ledgerbridge.json';
const LOCK = 'ledgerbridge.lock';
const FORMAT = 1;

export interface DataDirLayout {
  readonly root: string;
  readonly pgdata: string;
  /** Releases the lock; idempotent. */
  readonly release: () => void;
}

/**
 * Checks the directory is ours (or empty, when `create`), takes its lock and returns the layout.
 * Throws LB_STORE_NOT_INITIALISED, LB_STORE_FOREIGN, LB_STORE_CORRUPT or LB_STORE_LOCKED.
 */
export function claimDataDir(root: string, create: boolean): DataDirLayout {
  const state = inspect(root);
  if (state === 'missing' || state === 'empty') {
    if (!create) throw notInitialised(root);
    mkdirSync(root, { recursive: true });
  } else if (state === 'foreign') {
    throw new LedgerbridgeError(
      'LB_STORE_FOREIGN',
      `Data directory ${root} is not empty and holds no Ledgerbridge store`,
      {
        details: { dataDir: root },
      },
    );
  }
  const release = takeLock(root);
  try {
    if (state !== 'ours') writeMarker(root);
    else checkMarker(root);
  } catch (error) {
    release();
    throw error;
  }
  return { root, pgdata: join(root, 'pgdata'), release };
}

function inspect(root: string): 'missing' | 'empty' | 'ours' | 'foreign' {
  if (!existsSync(root)) return 'missing';
  let entries: string[];
  try {
    entries = readdirSync(root);
  } catch (cause) {
    throw new LedgerbridgeError(
      'LB_STORE_FOREIGN',
      `Data directory ${root} cannot be read: ${(cause as Error).message}`,
      { cause },
    );
  }
  if (entries.length === 0) return 'empty';
  return entries.includes(MARKER) ? 'ours' : 'foreign';
}

function checkMarker(root: string): void {
  let marker: unknown;
  try {
    marker = JSON.parse(readFileSync(join(root, MARKER), 'utf8'));
  } catch (cause) {
    throw new LedgerbridgeError(
      'LB_STORE_CORRUPT',
      `Data directory ${root}: ${MARKER} is unreadable`,
      { cause },
    );
  }
  const m = marker as { app?: unknown; format?: unknown };
  if (m.app !== 'ledgerbridge')
    throw new LedgerbridgeError(
      'LB_STORE_FOREIGN',
      `Data directory ${root}: ${MARKER} belongs to ${JSON.stringify(m.app)}`,
    );
  if (typeof m.format !== 'number' || m.format > FORMAT)
    throw new LedgerbridgeError(
      'LB_STORE_TOO_NEW',
      `Data directory ${root} has layout ${String(m.format)}; this version reads layout ${FORMAT}`,
    );
  if (!existsSync(join(root, 'pgdata')))
    throw new LedgerbridgeError(
      'LB_STORE_CORRUPT',
      `Data directory ${root} has lost its pgdata/ folder`,
    );
}

function writeMarker(root: string): void {
  const fd = openSync(join(root, MARKER), 'w');
  writeSync(
    fd,
    `${JSON.stringify({ app: 'ledgerbridge', format: FORMAT, createdAt: new Date().toISOString() }, null, 2)}\n`,
  );
  closeSync(fd);
}

/** An exclusive lock file naming our pid; a lock left by a process that died is taken over. */
function takeLock(root: string): () => void {
  const path = join(root, LOCK);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return () => {
        if (!released) rmSync(path, { force: true });
        released = true;
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = livePidIn(path);
      if (holder === process.pid)
        throw new LedgerbridgeError(
          'LB_STORE_LOCKED',
          `Data directory ${root} is already open in this process`,
        );
      if (holder !== undefined)
        throw new LedgerbridgeError(
          'LB_STORE_LOCKED',
          `Data directory ${root} is in use by process ${holder}`,
          { details: { pid: holder } },
        );
      rmSync(path, { force: true }); // stale: its process is gone
    }
  }
  throw new LedgerbridgeError('LB_STORE_LOCKED', `Data directory ${root}: could not take the lock`);
}

/** The live process holding `root`'s lock, if any (a lock left by a dead one holds nothing). */
export function lockHolder(root: string): number | undefined {
  return livePidIn(join(root, LOCK));
}

/**
 * The pid a file names, when that process is alive: the store's lock, and the warm store
 * process's pid and intent files (cli/warm/). A missing file, or one naming no live process,
 * names nobody.
 */
export function livePidIn(path: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(path, 'utf8').trim());
  } catch {
    return undefined;
  }
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

/**
 * A process killed with -9 whose parent has not reaped it yet still answers kill(pid, 0): a
 * detached warm store process's parent is init, and some containers' init never reaps (seen on
 * the CI VM, 12-05). Linux says so in /proc/PID/stat ("Z" after the name); elsewhere it is alive.
 */
function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return false;
  }
}

function notInitialised(root: string): LedgerbridgeError {
  return new LedgerbridgeError('LB_STORE_NOT_INITIALISED', `No Ledgerbridge store at ${root}`, {
    fix: 'Run `ledgerbridge init` (or set LEDGERBRIDGE_DATA_DIR / DATABASE_URL to an existing store).',
  });
}
