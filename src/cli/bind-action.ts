import type { Command } from 'commander';
import type { GlobalFlags } from './context.js';
import type { Action, Runner } from './main.js';

/**
 * Adapts a command action to commander: the positional arguments and the command's options (the
 * last argument before the Command itself) reach the action; global flags go to the runner.
 */
export function bindAction(run: Runner): (action: Action) => (...args: unknown[]) => Promise<void> {
  return (action) =>
    async (...args) => {
      const command = args.at(-1) as Command;
      await run(action, args.slice(0, -1), command.optsWithGlobals<GlobalFlags>());
    };
}
