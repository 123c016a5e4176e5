// Process entry for the CLI (bin/ledgerbridge.js loads the compiled copy of this file). A routed
// command whose warm store process is listening is handed to it before main() and its modules load.
import { warmFastPath } from './warm/fast-path.js';

process.exitCode =
  (await warmFastPath(process.argv)) ?? (await (await import('./main.js')).main(process.argv));
