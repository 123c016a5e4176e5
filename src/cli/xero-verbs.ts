/** The Xero verbs: connect, disconnect, keys rotate and reset, sandbox. */
import type { Command } from 'commander';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { bindAction } from './bind-action.js';
import type { Runner } from './main.js';
import type { ConnectOptions } from './commands/connect-xero.js';
import type { KeysResetOptions } from './commands/keys-reset.js';
import type { SandboxOptions } from './commands/sandbox.js';
import type { ConnectSourceOptions } from './commands/connect-source.js';

type Bind = ReturnType<typeof bindAction>;

export function registerXeroVerbs(program: Command, run: Runner): void {
  const bind = bindAction(run);
  registerConnect(program, bind);
  registerDisconnect(program, bind);
  registerKeys(program, bind);
  registerSandbox(program, bind);
}

function registerConnect(program: Command, bind: Bind): void {
  program
    .command('connect')
    .description(
      'connect a Xero organisation, or a practice-management system (cliniko, clio, actionstep)',
    )
    .argument('<target>', '"xero", "cliniko", "clio" or "actionstep"')
    .option('--api-key <key>', 'cliniko: the API key (or CLINIKO_API_KEY)')
    .option('--name <source>', 'cliniko, clio, actionstep: the source name (default: the system’s)')
    .option('--region <region>', 'clio: us, eu, ca or au (default CLIO_REGION)')
    .option('--currency <code>', 'cliniko: ISO currency when its businesses’ country does not say')
    .option(
      '--client-credentials',
      'a Xero custom connection (client id and secret of the custom connection)',
    )
    .option('--no-open', 'print the consent address without opening a browser')
    .action(
      bind(async (ctx, [target, options]) => {
        if (target !== 'xero') {
          const { connectSource } = await import('./source-verbs.js');
          return connectSource(ctx, String(target), options as ConnectSourceOptions);
        }
        const { runConnectXero } = await import('./commands/connect-xero.js');
        return runConnectXero(ctx, options as ConnectOptions);
      }),
    );
}

function registerDisconnect(program: Command, bind: Bind): void {
  program
    .command('disconnect')
    .description(
      'disconnect a Xero organisation (revoking access when it was the last of its consent), or a source',
    )
    .argument('<target>', '"xero", or a source’s name (see `ledgerbridge sources`)')
    .argument('[tenant]', 'xero: the organisation’s tenant id (see `ledgerbridge status`)')
    .action(
      bind(async (ctx, [target, tenant]) => {
        if (target !== 'xero') {
          const { disconnectSource } = await import('./source-verbs.js');
          return disconnectSource(ctx, String(target));
        }
        requireTenant(tenant);
        const { runDisconnectXero } = await import('./commands/disconnect-xero.js');
        return runDisconnectXero(ctx, String(tenant));
      }),
    );
}

function registerKeys(program: Command, bind: Bind): void {
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
}

function registerSandbox(program: Command, bind: Bind): void {
  program
    .command('sandbox')
    .description(
      'run the local Xero sandbox, and the Cliniko, Clio and Actionstep emulators, until stopped',
    )
    .option('--port <port>', 'port on 127.0.0.1', '4010')
    .option('--host <host>', 'interface to listen on')
    .option('--state-file <file>', 'keep the sandbox state in this JSON file')
    .option('--no-limits', 'switch Xero’s rate limits off')
    .option('--client-id <id>', 'client id of the OAuth app to register')
    .option('--client-secret <secret>', 'its secret')
    .option('--redirect-uri <uri>', 'its redirect URI (default XERO_REDIRECT_URI)')
    .option('--no-pms', 'leave out the Cliniko, Clio and Actionstep emulators (next three ports)')
    .action(
      bind(async (ctx, [options]) => {
        const { runSandbox } = await import('./commands/sandbox.js');
        return runSandbox(ctx, options as SandboxOptions);
      }),
    );
}

function requireTenant(tenant: unknown): void {
  if (typeof tenant !== 'string' || tenant === '')
    throw new LedgerbridgeError('LB_USAGE', 'Name the organisation to disconnect', {
      fix: 'Use `ledgerbridge disconnect xero TENANT_ID` (`ledgerbridge status` lists them).',
    });
}
