/** The account verbs: users and api-keys (docs/accounts.md). Their work is imported when run. */
import type { Command } from 'commander';
import { bindAction } from './bind-action.js';
import type { Runner } from './main.js';
import type { KeyOptions } from './commands/accounts.js';

const ROLE_HELP = 'admin, accountant or viewer';

export function registerAccountVerbs(program: Command, run: Runner): void {
  const bind = bindAction(run);
  const load = () => import('./commands/accounts.js');
  const users = program
    .command('users')
    .description('accounts that sign in to the web page and the HTTP API');
  users
    .command('add')
    .description(`add an account (password from LEDGERBRIDGE_USER_PASSWORD, or typed)`)
    .argument('<email>')
    .requiredOption('--role <role>', ROLE_HELP)
    .action(
      bind(async (ctx, [email, o]) =>
        (await load()).runUsersAdd(ctx, email as string, (o as { role: string }).role),
      ),
    );
  users
    .command('list')
    .description('every account and its role')
    .action(bind(async (ctx) => (await load()).runUsersList(ctx)));
  users
    .command('remove')
    .description('remove an account (never the last admin)')
    .argument('<email>')
    .action(bind(async (ctx, [email]) => (await load()).runUsersRemove(ctx, email as string)));
  users
    .command('set-role')
    .description(`change an account's role: ${ROLE_HELP}`)
    .argument('<email>')
    .argument('<role>')
    .action(
      bind(async (ctx, [email, role]) =>
        (await load()).runUsersSetRole(ctx, email as string, role as string),
      ),
    );
  const keys = program.command('api-keys').description('keys for scripts and the push API');
  keys
    .command('create')
    .description('create a key, shown once')
    .requiredOption('--role <role>', ROLE_HELP)
    .option('--source <name>', 'a push key for this source only')
    .option('--label <text>', 'what the key is for')
    .action(bind(async (ctx, [o]) => (await load()).runKeyCreate(ctx, o as KeyOptions)));
  keys
    .command('list')
    .description('every key, revoked ones too (never the key itself)')
    .action(bind(async (ctx) => (await load()).runKeyList(ctx)));
  keys
    .command('revoke')
    .description('refuse a key from now on')
    .argument('<id>')
    .action(bind(async (ctx, [id]) => (await load()).runKeyRevoke(ctx, id as string)));
}
