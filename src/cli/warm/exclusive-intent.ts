/**
 * A command that needs the store to itself (`import`, `sync`…) asks the warm store process to
 * exit, then opens the store. Between the two, a `status` in another terminal would find no warm
 * store process and start one — which then holds the store for its keep-warm minutes, and the
 * first command fails with LB_STORE_LOCKED. So the first command says so beforehand
 * (`run/exclusive`, its pid, until it exits) and no warm store process is started meanwhile: a
 * `status` then runs in its own process and lets the store go when it is done.
 *
 * @module
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { livePidIn } from '../../store/data-dir.js';

const intentFile = (dataDir: string) => join(dataDir, 'run', 'exclusive');

/**
 * Says this process is about to open the store of `dataDir` for itself, until it exits. Only where
 * a warm store process has ever run (its `run/` folder): elsewhere there is none to race with
 * yet, and `init` of a new directory must find it as the user left it.
 */
export function announceExclusive(dataDir: string): void {
  if (!existsSync(join(dataDir, 'run'))) return;
  const file = intentFile(dataDir);
  writeFileSync(file, `${process.pid}\n`, { mode: 0o600 });
  process.once('exit', () => {
    if (exclusiveHolder(dataDir) === process.pid) rmSync(file, { force: true });
  });
}

/** The live process that announced it opens the store of `dataDir` for itself, if any. */
export function exclusiveHolder(dataDir: string): number | undefined {
  return livePidIn(intentFile(dataDir));
}
