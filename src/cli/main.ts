/**
 * The `ledgerbridge` command line. Each verb of ARCHITECTURE.md is registered here as it lands;
 * the work lives in commands/ and the modules below them.
 *
 * @module
 */
import { Command, CommanderError } from 'commander';
import { loadConfigFromProcess } from '../config/index.js';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { CommandContext, GlobalFlags } from './context.js';
import { makeOutput, reportFailure, type Output, type Streams } from './output.js';
import { runDemo } from './commands/demo.js';
import { runInit } from './commands/init.js';
import { runStatus } from './commands/status.js';
import { registerXeroVerbs } from './xero-verbs.js';
import { registerSyncVerbs } from './sync-verbs.js';
import { registerImportVerb } from './import-verb.js';
import { packageVersion } from './version.js';

export type Action = (ctx: CommandContext, args: readonly unknown[]) => Promise<unknown>;

/** Runs the CLI and resolves to the exit code; never throws and never calls process.exit. */
export async function main(argv: readonly string[], streams: Streams = process): Promise<number> {
  let flags: GlobalFlags = { json: argv.includes('--json'), verbose: argv.includes('--verbose') };
  let exitCode = 0;
  let out: Output | undefined;
  const program = buildProgram(streams, async (action, args, opts) => {
    flags = opts;
    out = makeOutput(streams, flags);
    const config = loadConfigFromProcess({
      LEDGERBRIDGE_DATA_DIR: flags.dataDir,
      LEDGERBRIDGE_CONFIG: flags.config,
    });
    await action({ config, out, flags }, args);
  });
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help, --version
      exitCode = reportFailure(
        streams,
        new LedgerbridgeError(
          'LB_USAGE',
          error.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' '),
        ),
        flags,
      );
    } else {
      // After the result is on stdout (one JSON document under --json), the failure is a line.
      exitCode = reportFailure(
        streams,
        error,
        out?.printedResult ? { ...flags, json: false } : flags,
      );
    }
  }
  return exitCode;
}

export type Runner = (
  action: Action,
  args: readonly unknown[],
  flags: GlobalFlags,
) => Promise<void>;

function buildProgram(streams: Streams, run: Runner): Command {
  const program = new Command('ledgerbridge')
    .description('Keep a practice’s books in Xero in step with its practice-management system.')
    .option('--json', 'machine-readable output')
    .option('--verbose', 'show stack traces on failure')
    .option('--data-dir <dir>', 'embedded store directory (overrides LEDGERBRIDGE_DATA_DIR)')
    .option('--config <file>', 'JSON config file (overrides LEDGERBRIDGE_CONFIG)')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => streams.stdout.write(s),
      writeErr: () => undefined, // usage errors are reported once, in our format
    })
    .showSuggestionAfterError(true);
  const verb = (name: string, description: string, action: Action) =>
    program
      .command(name)
      .description(description)
      .action(async (...args: unknown[]) => {
        const command = args.at(-1) as Command;
        await run(action, args.slice(0, -2), command.optsWithGlobals<GlobalFlags>());
      });
  verb('init', 'create or upgrade the store', (ctx) => runInit(ctx));
  verb('status', 'show the store, sources, organisations and the last run', (ctx) =>
    runStatus(ctx),
  );
  verb('demo', 'run the demo on a fresh embedded store', (ctx) => runDemo(ctx));
  registerXeroVerbs(program, run);
  registerSyncVerbs(program, run);
  registerImportVerb(program, run);
  return program;
}
