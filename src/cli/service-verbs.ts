/** The service verbs: serve and worker. Their work is imported when run, so start-up stays fast. */
import type { Command } from 'commander';
import { bindAction } from './bind-action.js';
import type { Runner } from './main.js';

export function registerServiceVerbs(program: Command, run: Runner): void {
  const bind = bindAction(run);
  program
    .command('serve')
    .description('run the web server, the scheduler and a worker until stopped')
    .action(bind(async (ctx) => (await import('./commands/serve.js')).runServe(ctx)));
  program
    .command('worker')
    .description('take sync jobs from the queue until stopped (PostgreSQL only)')
    .action(bind(async (ctx) => (await import('./commands/serve.js')).runWorker(ctx)));
}
