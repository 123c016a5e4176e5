// Process entry for the CLI (bin/ledgerbridge.js loads the compiled copy of this file).
import { main } from './main.js';

process.exitCode = await main(process.argv);
