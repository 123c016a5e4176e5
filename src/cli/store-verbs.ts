/** `ledgerbridge store stop`: ends the embedded store's warm process (warm/). */
import type { Command } from 'commander';
import { bindAction } from './bind-action.js';
import type { Runner } from './main.js';

export function registerStoreVerbs(program: Command, run: Runner): void {
  program
    .command('store')
    .description('the embedded store’s warm process')
    .command('stop')
    .description(
      'end the warm store process of the data directory (the next `status`, `errors` or `map` starts one again)',
    )
    .action(
      bindAction(run)(async (ctx) => {
        const { runStoreStop } = await import('./commands/store-stop.js');
        return runStoreStop(ctx);
      }),
    );
}
