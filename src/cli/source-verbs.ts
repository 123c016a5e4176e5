/**
 * The source verbs: `sources`, `pull`. (`connect cliniko` and `disconnect SOURCE` share their
 * verbs with Xero's: xero-verbs.ts hands any other target to the source commands.) Each command's
 * code is imported when it runs, as main.ts describes.
 *
 * @module
 */
import type { Command } from 'commander';
import { bindAction } from './bind-action.js';
import type { ConnectSourceOptions } from './commands/connect-source.js';
import type { PullCommandOptions } from './commands/pull.js';
import type { CommandContext } from './context.js';
import type { Runner } from './main.js';

export function registerSourceVerbs(program: Command, run: Runner): void {
  const bind = bindAction(run);
  program
    .command('sources')
    .description('list sources: kind, entities, connection, last pull, cursor, rejected records')
    .action(
      bind(async (ctx) => {
        const { runSources } = await import('./commands/sources.js');
        return runSources(ctx);
      }),
    );
  program
    .command('pull')
    .description('read every connected practice-management system (or SOURCE) into the store')
    .argument('[source]', 'one source (see `ledgerbridge sources`)')
    .option('--full', 'read everything again, not only what changed since the last pull')
    .action(
      bind(async (ctx, [source, options]) => {
        const { runPullCommand } = await import('./commands/pull.js');
        return runPullCommand(ctx, source as string | undefined, options as PullCommandOptions);
      }),
    );
}

/** `connect <kind>` for a practice-management system. */
export async function connectSource(
  ctx: CommandContext,
  kind: string,
  options: ConnectSourceOptions,
): Promise<unknown> {
  const { runConnectSource } = await import('./commands/connect-source.js');
  return runConnectSource(ctx, kind, options);
}

/** `disconnect <source>` for a practice-management system. */
export async function disconnectSource(ctx: CommandContext, source: string): Promise<unknown> {
  const { runDisconnectSource } = await import('./commands/sources.js');
  return runDisconnectSource(ctx, source);
}
