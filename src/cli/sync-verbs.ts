/** The sync verbs: sync, errors, retry, resync, map, settings, unlock. */
import { InvalidArgumentError, type Command } from 'commander';
import { bindAction } from './bind-action.js';
import type { Runner } from './main.js';
import type { ErrorsOptions } from './commands/errors.js';
import type { MapOptions } from './commands/map.js';
import type { SyncOptions } from './commands/sync.js';

type Bind = ReturnType<typeof bindAction>;

export function registerSyncVerbs(program: Command, run: Runner): void {
  const bind = bindAction(run);
  registerRunVerbs(program, bind);
  registerAdminVerbs(program, bind);
  registerMapVerb(program, bind);
}

/** sync, errors, retry. */
function registerRunVerbs(program: Command, bind: Bind): void {
  program
    .command('sync')
    .description('plan and push documents to Xero')
    .option('--once', 'one pass, then exit')
    .option('--dry-run', 'print the plan; write nothing')
    .option('--source <name>', 'only this source')
    .option('--tenant <id>', 'only this Xero organisation (see `ledgerbridge status`)')
    .option('--progress', 'show progress on stderr also when it is not a terminal')
    .option('--limit <n>', 'decisions a dry run lists in full (default 100)', (v) => {
      if (!/^\d+$/.test(v)) throw new InvalidArgumentError('expected a whole number');
      return Number(v);
    })
    .option(
      '--no-wait',
      'leave out an organisation another process is syncing (exit status 75) instead of waiting',
    )
    .action(
      bind(async (ctx, [o]) => {
        const { runSyncCommand } = await import('./commands/sync.js');
        return runSyncCommand(ctx, o as SyncOptions);
      }),
    );
  program
    .command('errors')
    .description('documents that cannot be pushed, grouped by cause, with the fix')
    .option(
      '--tenant <id>',
      'only the errors of this Xero organisation (see `ledgerbridge status`)',
    )
    .action(
      bind(async (ctx, [o]) => {
        const { runErrors } = await import('./commands/errors.js');
        return runErrors(ctx, o as ErrorsOptions);
      }),
    );
  program
    .command('retry')
    .description('retry one sync error (ID) or all of them')
    .argument('[id]')
    .option('--all', 'every open error')
    .option('--tenant <id>', 'only the errors of this Xero organisation')
    .action(
      bind(async (ctx, [id, o]) => {
        const { runRetry } = await import('./commands/retry.js');
        return runRetry(ctx, id as string | undefined, o as ErrorsOptions & { all?: boolean });
      }),
    );
}

/** resync, unlock, settings. */
function registerAdminVerbs(program: Command, bind: Bind): void {
  program
    .command('resync')
    .description('re-apply the current settings to documents issued in a date range')
    .option('--from <date>')
    .option('--to <date>')
    .option('--source <name>')
    .action(
      bind(async (ctx, [o]) => {
        const { runResync } = await import('./commands/sync-admin.js');
        return runResync(ctx, o as { from?: string; to?: string; source?: string });
      }),
    );
  program
    .command('unlock')
    .description('unlock a pushed document so the next sync pushes it again')
    .argument('<kind>')
    .argument('<sourceId>')
    .option('--source <name>')
    .action(
      bind(async (ctx, [kind, id, o]) => {
        const { runUnlock } = await import('./commands/sync-admin.js');
        return runUnlock(ctx, String(kind), String(id), o as { source?: string });
      }),
    );
  program
    .command('settings')
    .description('show or set sync settings')
    .argument('[action]', 'list | set')
    .argument('[key]')
    .argument('[value]')
    .option('--source <name>', 'the setting for one source')
    .action(
      bind(async (ctx, [action, key, value, o]) => {
        const { runSettings } = await import('./commands/sync-admin.js');
        return runSettings(
          ctx,
          action as string | undefined,
          key as string | undefined,
          value as string | undefined,
          o as { source?: string },
        );
      }),
    );
}

function registerMapVerb(program: Command, bind: Bind): void {
  program
    .command('map')
    .description(
      'routes and mappings: route SOURCE/ENTITY TENANT · line-kind KIND CODE · category NAME CODE · tax-code CODE TAXTYPE · payment-method METHOD CODE · bank-account NAME CODE · rounding CODE · tracking "CATEGORY=OPTION" "XERO_CATEGORY=XERO_OPTION" · list · check · accounts · tax-types · tracking-categories',
    )
    .argument('<what>')
    .argument('[key]')
    .argument('[value]')
    .option('--tenant <id>', 'the Xero organisation (default: the only one connected)')
    .option('--source <name>', 'only for this source')
    .action(
      bind(async (ctx, [what, key, value, o]) => {
        const { MAP_LISTS, runMapList, runMapRoute, runMapSet } = await import('./commands/map.js');
        const opts = o as MapOptions;
        const str = (v: unknown) => (typeof v === 'string' ? v : '');
        if (what === 'route') return runMapRoute(ctx, str(key), str(value) || (opts.tenant ?? ''));
        if (what === 'list') return runMapList(ctx, opts);
        if (what === 'check') {
          const { runMapCheck } = await import('./commands/map-check.js');
          return runMapCheck(ctx, opts);
        }
        const listing = MAP_LISTS.find((l) => l === what);
        if (listing) {
          const { runMapListing } = await import('./commands/map-lists.js');
          return runMapListing(ctx, listing, opts);
        }
        return runMapSet(ctx, str(what), str(key), value as string | undefined, opts);
      }),
    );
}
