/**
 * Process entry of a warm store process (started by start.ts, never by a user):
 * `node warm-main.js DATA_DIR MINUTES`. It takes the store's lock — so of two started at once one
 * wins and the other exits — listens on the socket at once, then opens the store (PGlite's boot)
 * while the first commands wait for it. It holds the store for clients' commands and exits after
 * MINUTES without one, on SIGTERM, SIGINT or SIGHUP, or when a command that needs the store to
 * itself asks (`ledgerbridge store stop`, `import`, `sync`, `serve`…). It writes nothing: no log,
 * so no secret of a client's configuration ever lands anywhere.
 *
 * @module
 */
import { rmSync, writeFileSync } from 'node:fs';
import { asLedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { claimDataDir } from '../../store/data-dir.js';
import { holdStore } from '../../store/held-store.js';
import { assertCurrent } from '../../store/migrator.js';
import type { OpenedStore } from '../../store/open-store.js';
import { openPgliteDatabase } from '../../store/pglite-database.js';
import { socketPath, warmPidFile } from './protocol.js';
import { hostWarmSocket, type Host } from './server.js';
import type { StartMessage } from './start.js';

const [dataDir = '', minutes = '0'] = process.argv.slice(2);

/** Tells the starter, then lets go of the IPC channel (it would keep both processes tied). */
const tell = (message: StartMessage) =>
  new Promise<void>((resolve) => {
    if (!process.send) return resolve();
    process.send(message, () => {
      process.disconnect?.();
      resolve();
    });
  });

async function open(claimed: ReturnType<typeof claimDataDir>): Promise<OpenedStore> {
  const db = await openPgliteDatabase({ dataDir, create: false, claimed });
  try {
    return { db, schemaVersion: await assertCurrent(db) };
  } catch (error) {
    await db.close();
    throw error;
  }
}

async function start(): Promise<Host> {
  const path = socketPath(dataDir);
  if (!path) throw new Error('no socket path for this data directory');
  const claimed = claimDataDir(dataDir, false);
  const opening = open(claimed);
  opening.catch(() => undefined); // waited for below and by the first commands
  const unhold = opening.then((store) => holdStore(dataDir, store));
  const host = await hostWarmSocket(path, {
    kind: 'warm',
    dataDir,
    idleMs: Number(minutes) * 60_000,
    ready: unhold.then(() => undefined),
    release: async () => {
      const store = await opening.catch(() => undefined);
      (await unhold.catch(() => () => undefined))();
      await store?.db.close();
      rmSync(warmPidFile(dataDir), { force: true });
      claimed.release();
    },
    onClosed: () => process.exit(0),
  }).catch((error: unknown) => {
    claimed.release();
    throw error;
  });
  // Listening: a client may now end this process should it stop answering (client.ts).
  writeFileSync(warmPidFile(dataDir), `${process.pid}\n`, { mode: 0o600 });
  await tell({ type: 'ready' });
  // A store that cannot be opened (too old a schema, damaged): the waiting commands are told
  // to run in their own process, which reports why.
  opening.catch(() => void host.close().then(() => process.exit(1)));
  return host;
}

try {
  const host = await start();
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const)
    process.once(signal, () => void host.close().then(() => process.exit(0)));
} catch (error) {
  await tell({ type: 'failed', code: asLedgerbridgeError(error).code });
  process.exit(1);
}
