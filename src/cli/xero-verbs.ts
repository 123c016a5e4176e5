/** The Xero verbs: connect, disconnect, keys rotate and reset, sandbox. */
import type { Command } from 'commander';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { bindAction } from './bind-action.js';
import type { Runner } from './main.js';
import type { ConnectOptions } from './commands/connect-xero.js';
import type { KeysResetOptions } from './commands/keys-reset.js';
import type { SandboxOptions } from './commands/sandbox.js';

export function registerXeroVerbs(program: Command, run: Runner): void {
  const bind = bindAction(run);
  program
    .command('connect')
    .description('connect a Xero organisation (or, as they land, a PMS)')
    .argument('<target>', '"xero"')
    .option(
      '--client-credentials',
      'a Xero custom connection (client id and secret of the custom connection)',
    )
    .option('--no-open', 'print the consent address without opening a browser')
    .action(
      bind(async (ctx, [target, options]) => {
        requireXero(target);
        const { runConnectXero } = await import('./commands/connect-xero.js');
        return runConnectXero(ctx, options as ConnectOptions);
      }),
    );
  program
    .command('disconnect')
    .description(
      'disconnect a Xero organisation and revoke access when it was the last of its consent',
    )
    .argument('<target>', '"xero"')
    .argument('<tenant>', 'the organisation’s tenant id (see `ledgerbridge status`)')
    .action(
      bind(async (ctx, [target, tenant]) => {
        requireXero(target);
        const { runDisconnectXero } = await import('./commands/disconnect-xero.js');
        return runDisconnectXero(ctx, String(tenant));
      }),
    );
  program
    .command('keys')
    .description('manage the key that encrypts stored tokens')
    .argument(
      '<action>',
      '"rotate": re-encrypt under LEDGERBRIDGE_NEW_SECRET_KEY; "reset": drop the tokens LEDGERBRIDGE_SECRET_KEY cannot open (a lost key), keeping every link to Xero',
    )
    .option('--yes', 'reset without asking (needed when stdin is not a terminal)')
    .action(
      bind(async (ctx, [action, options]) => {
        if (action === 'reset') {
          const { runKeysReset } = await import('./commands/keys-reset.js');
          return runKeysReset(ctx, options as KeysResetOptions);
        }
        if (action !== 'rotate')
          throw new LedgerbridgeError('LB_USAGE', `Unknown keys action "${String(action)}"`);
        const { runKeysRotate } = await import('./commands/keys-rotate.js');
        return runKeysRotate(ctx);
      }),
    );
  program
    .command('sandbox')
    .description('run the local Xero sandbox until stopped')
    .option('--port <port>', 'port on 127.0.0.1', '4010')
    .option('--host <host>', 'interface to listen on')
    .option('--state-file <file>', 'keep the sandbox state in this JSON file')
    .option('--no-limits', 'switch Xero’s rate limits off')
    .option('--client-id <id>', 'client id of the OAuth app to register')
    .option('--client-secret <secret>', 'its secret')
    .option('--redirect-uri <uri>', 'its redirect URI (default XERO_REDIRECT_URI)')
    .action(
      bind(async (ctx, [options]) => {
        const { runSandbox } = await import('./commands/sandbox.js');
        return runSandbox(ctx, options as SandboxOptions);
      }),
    );
}

function requireXero(target: unknown): void {
  if (target !== 'xero')
    throw new LedgerbridgeError('LB_USAGE', `Cannot connect "${String(target)}" yet`, {
      fix: 'Use `ledgerbridge connect xero`; PMS connectors are on the roadmap (docs/roadmap.md).',
    });
}
