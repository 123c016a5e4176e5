/**
 * The CLI's first step: a routed command (routes.ts) on an embedded store whose warm store
 * process is listening goes straight to it, before this process loads commander or the
 * configuration — what is left of its start-up is Node's own. Anything less certain (a config
 * file, an option before the command, --help, no socket) returns undefined, and main() runs as
 * always: it parses, loads the configuration, and may start a warm store process (client.ts).
 *
 * @module
 */
import {
  certainDataDir,
  certainWarmAnswerMs,
  processEnvironment,
} from '../../config/certain-data-dir.js';
import { reportFailure, type Streams } from '../output.js';
import { runThrough } from './client.js';
import { connectTo, socketPath } from './protocol.js';
import { WARM_COMMANDS } from './routes.js';

/** The command's exit code when the warm store process ran it; undefined: run main(). */
export async function warmFastPath(
  argv: readonly string[],
  streams: Streams = process,
): Promise<number | undefined> {
  const parsed = parseHead(argv.slice(2));
  if (!parsed) return undefined;
  const dataDir = certainDataDir(processEnvironment(), process.cwd(), parsed);
  const answerMs = certainWarmAnswerMs(processEnvironment());
  const path = dataDir && answerMs !== undefined && socketPath(dataDir);
  const socket = path ? await connectTo(path) : undefined;
  if (!socket || !dataDir || answerMs === undefined) return undefined;
  try {
    return await runThrough(socket, { command: parsed.command, dataDir, argv, streams, answerMs });
  } catch (error) {
    const flags = { json: argv.includes('--json'), verbose: argv.includes('--verbose') };
    return reportFailure(streams, error, flags); // LB_WARM_STORE_LOST or _STUCK, as main() reports them
  }
}

/** The routed command and the global options before it; undefined when it is not that simple. */
function parseHead(args: readonly string[]): { command: string; dataDir?: string } | undefined {
  if (args.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-V'))
    return undefined;
  let dataDir: string | undefined;
  let i = 0;
  for (; i < args.length && args[i]!.startsWith('-'); i++) {
    const arg = args[i]!;
    if (arg === '--json' || arg === '--verbose') continue;
    if (arg === '--data-dir' && i + 1 < args.length) dataDir = args[++i];
    else if (arg.startsWith('--data-dir=')) dataDir = arg.slice('--data-dir='.length);
    else return undefined; // --config, or an option main() should judge
  }
  const [name, sub] = [args[i], args[i + 1]];
  const command = WARM_COMMANDS.has(`${name} ${sub}`) ? `${name} ${sub}` : name;
  if (!command || !WARM_COMMANDS.has(command)) return undefined;
  return { command, ...(dataDir !== undefined && { dataDir }) };
}
