/**
 * Process entry of a warm store process (started by start.ts, never by a user):
 * `node warm-main.js DATA_DIR MINUTES`. It opens the embedded store — taking its lock, so of two
 * started at once one wins and the other exits — holds it for the commands clients send, and
 * exits after MINUTES without one, on SIGTERM, SIGINT or SIGHUP, or when a command that needs the
 * store to itself asks (`ledgerbridge store stop`, `import`, `sync`, `serve`…). It writes nothing:
 * no log, so no secret of a client's configuration ever lands anywhere.
 *
 * @module
 */
import { asLedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { holdStore } from '../../store/held-store.js';
import { openStore } from '../../store/open-store.js';
import { socketPath } from './protocol.js';
import { hostWarmSocket } from './server.js';
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

async function start(): Promise<void> {
  const path = socketPath(dataDir);
  if (!path) throw new Error('no socket path for this data directory');
  const store = await openStore({ dataDir }, 'existing');
  const unhold = holdStore(dataDir, store);
  const host = await hostWarmSocket(path, {
    kind: 'warm',
    dataDir,
    idleMs: Number(minutes) * 60_000,
    release: async () => {
      unhold();
      await store.db.close();
    },
    onClosed: () => process.exit(0),
  }).catch(async (error: unknown) => {
    unhold();
    await store.db.close();
    throw error;
  });
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const)
    process.once(signal, () => void host.close().then(() => process.exit(0)));
  await tell({ type: 'ready' });
}

await start().catch(async (error: unknown) => {
  await tell({ type: 'failed', code: asLedgerbridgeError(error).code });
  process.exit(1);
});
