/**
 * The `ledgerbridge` command line. Each verb of ARCHITECTURE.md is registered here as it lands;
 * the work lives in commands/ and the modules below them.
 *
 * Start-up: a command loads only what it runs. The registration modules (*-verbs.ts) name every
 * command with its description, arguments and options, and import nothing of commands/ but types;
 * each action imports its implementation when it runs:
 *
 *   .action(
 *     bind(async (ctx, [o]) => {
 *       const { runErrors } = await import('./commands/errors.js');
 *       return runErrors(ctx, o as ErrorsOptions);
 *     }),
 *   );
 *
 * A static import there loads, for every command, the store drivers, the Xero client, the sandbox
 * (hono), zod's schemas and pino: ~1 s of a 1.5 s `ledgerbridge map line-kind`, before any work
 * (issue 16; bench/cli-startup.ts measures it). No module does work at import time beyond
 * defining things.
 *
 * @module
 */
import { Command, CommanderError } from 'commander';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { Config, Environment } from '../config/index.js';
import type { CommandContext, GlobalFlags } from './context.js';
import { makeOutput, reportFailure, type Output, type Streams } from './output.js';
import { registerXeroVerbs } from './xero-verbs.js';
import { registerSyncVerbs } from './sync-verbs.js';
import { registerImportVerb } from './import-verb.js';
import { packageVersion } from './version.js';
import { registerSourceVerbs } from './source-verbs.js';
import { bindAction } from './bind-action.js';
import { registerServiceVerbs } from './service-verbs.js';
import { registerReconcileVerb, registerTrustReportVerb } from './reconcile-verb.js';
import { registerAccountVerbs } from './account-verbs.js';
import { registerStoreVerbs } from './store-verbs.js';

export type Action = (ctx: CommandContext, args: readonly unknown[]) => Promise<unknown>;

/** Where a command runs: the user's process, or the warm store process on a client's behalf. */
export interface MainHost {
  /** The configuration variables to read (default: this process's environment). */
  readonly env?: Environment;
  /** Directory relative paths resolve against (default: this process's). */
  readonly cwd?: string;
  /** Set in a process holding this embedded store for clients (warm/server.ts). */
  readonly warm?: { readonly dataDir: string };
}

/** Runs the CLI and resolves to the exit code; never throws and never calls process.exit. */
export async function main(
  argv: readonly string[],
  streams: Streams = process,
  host: MainHost = {},
): Promise<number> {
  let flags: GlobalFlags = { json: argv.includes('--json'), verbose: argv.includes('--verbose') };
  let exitCode = 0;
  let out: Output | undefined;
  let command = '';
  let ranWarm: number | undefined;
  const program = buildProgram(streams, async (action, args, opts) => {
    flags = opts;
    out = makeOutput(streams, flags);
    const config = await configOf(flags, host);
    if (!config.databaseUrl || host.warm) {
      // The embedded store: the warm store process may run this command (warm/client.ts).
      if (host.warm) {
        (await import('./warm/routes.js')).checkWarmCall(command, config, host.warm);
        // What shows which process ran it (the warm store process's tests look for it).
        if (config.logLevel === 'debug' || config.logLevel === 'trace')
          streams.stderr.write(`ledgerbridge: ran in the warm store process ${process.pid}\n`);
      } else {
        const { aroundCommand } = await import('./warm/client.js');
        ranWarm = await aroundCommand({ command, config, argv, streams });
      }
      if (ranWarm !== undefined) return;
    }
    await action({ config, out, flags }, args);
  });
  program.hook('preAction', (_, actionCommand) => {
    command = commandPath(actionCommand);
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
  return ranWarm ?? exitCode;
}

async function configOf(flags: GlobalFlags, host: MainHost): Promise<Config> {
  const { loadConfig, loadConfigFromProcess } = await import('../config/index.js');
  const overrides = { LEDGERBRIDGE_DATA_DIR: flags.dataDir, LEDGERBRIDGE_CONFIG: flags.config };
  return host.env
    ? loadConfig({ env: host.env, cwd: host.cwd, overrides })
    : loadConfigFromProcess(overrides);
}

/** `status`, `map`, `users list`: the command as routes.ts names it. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

export type Runner = (
  action: Action,
  args: readonly unknown[],
  flags: GlobalFlags,
) => Promise<void>;

/** The verbs registered beside init, status and demo, group by group. */
const VERB_GROUPS: readonly ((program: Command, run: Runner) => void)[] = [
  registerXeroVerbs,
  registerSyncVerbs,
  registerImportVerb,
  registerSourceVerbs,
  registerServiceVerbs,
  registerReconcileVerb,
  registerTrustReportVerb,
  registerAccountVerbs,
  registerStoreVerbs,
];

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
  program
    .command('init')
    .description('create or upgrade the store')
    .option(
      '--admin-email <email>',
      'also create the first admin (password from LEDGERBRIDGE_USER_PASSWORD, or typed)',
    )
    .action(async (options: { adminEmail?: string }, command: Command) => {
      await run(
        async (ctx) => (await import('./commands/init.js')).runInit(ctx, options.adminEmail),
        [],
        command.optsWithGlobals<GlobalFlags>(),
      );
    });
  verb('status', 'show the store, sources, organisations and the last run', async (ctx) => {
    const { runStatus } = await import('./commands/status.js');
    return runStatus(ctx);
  });
  program
    .command('demo')
    .description('run the demo on a fresh embedded store, then serve its dashboard until Ctrl-C')
    .option('--no-serve', 'stop after the second sync instead of serving the dashboard')
    .action(
      bindAction(run)(async (ctx, args) => {
        const { runDemo } = await import('./commands/demo.js');
        return runDemo(ctx, (args[0] as { serve: boolean }).serve);
      }),
    );
  for (const register of VERB_GROUPS) register(program, run);
  return program;
}
