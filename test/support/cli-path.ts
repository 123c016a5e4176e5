/** The command line that runs the real CLI in a child process: the compiled copy, as users run it. */
import { join } from 'node:path';

export const CLI_BIN = join(import.meta.dirname, '..', '..', 'bin', 'ledgerbridge.js');

/** Arguments for `spawn(process.execPath, cliArgs(...))`. */
export const cliArgs = (args: readonly string[]): string[] => [CLI_BIN, ...args];
