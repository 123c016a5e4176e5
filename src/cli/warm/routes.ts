/**
 * Which commands the warm store process runs for a client (issue 16: `status`, `errors` and `map`
 * in ≤ 0.5 s on the embedded store), and which leave it alone.
 *
 * Routed: short commands that only read or write the store, never prompt and need no process of
 * their own. Not routed: commands that run long or sync (`sync`, `retry`, `resync`, `unlock`,
 * `pull`, `import`, `reconcile`), own the process (`serve`, `demo`), create or rewrite the store
 * (`init`, `keys rotate|reset`), prompt or listen for a browser (`connect`, `users add`) — these
 * ask the warm store process to exit first and then open the store themselves, as before.
 *
 * @module
 */
import type { Config } from '../../config/index.js';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';

/** Commands, as `name` or `group name`, that a warm store process runs. */
export const WARM_COMMANDS: ReadonlySet<string> = new Set([
  'status',
  'errors',
  'map',
  'settings',
  'users list',
  'api-keys list',
]);

/** Commands that never open the embedded store: a warm store process is left running. */
const STORELESS: ReadonlySet<string> = new Set(['sandbox', 'worker', 'store stop']);

export type Route = 'warm' | 'exclusive' | 'none';

/** How `command` (as WARM_COMMANDS names it) relates to a warm store process. */
export function routeOf(command: string): Route {
  if (WARM_COMMANDS.has(command)) return 'warm';
  return STORELESS.has(command) ? 'none' : 'exclusive';
}

/**
 * In the warm store process: the command must be one it runs, on the store it holds (a client
 * sends only those; a config file changed between its read and ours could say otherwise).
 */
export function checkWarmCall(command: string, config: Config, held: { dataDir: string }): void {
  if (routeOf(command) !== 'warm')
    throw new LedgerbridgeError(
      'LB_USAGE',
      `\`${command}\` does not run in the warm store process`,
    );
  if (config.databaseUrl || config.dataDir !== held.dataDir)
    throw new LedgerbridgeError(
      'LB_USAGE',
      `This command's store is not the one the warm store process of ${held.dataDir} holds`,
      { fix: 'Run it again: it reads its configuration afresh.' },
    );
}
