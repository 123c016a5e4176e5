/**
 * `ledgerbridge sandbox --port 4010`: the local Xero, serving until stopped (Ctrl-C). It registers
 * an OAuth app so `ledgerbridge connect xero` can be tried against it: point XERO_LOGIN_URL,
 * XERO_IDENTITY_URL and XERO_API_URL at the printed base and use the printed client id and secret.
 * Beside it, on the next three ports, the Cliniko, Clio and Actionstep emulators with a practice
 * each (`--no-pms` leaves them out), and the settings that point `connect` at them.
 *
 * @module
 */
import { runXeroSandboxCommand } from '../../sandbox/xero/index.js';
import type { CommandContext } from '../context.js';
import { startPmsSandboxes } from './pms-sandboxes.js';

export interface SandboxOptions {
  readonly port: string;
  readonly host?: string;
  readonly stateFile?: string;
  readonly limits?: boolean;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly redirectUri?: string;
  /** false: only the Xero sandbox. */
  readonly pms?: boolean;
}

export async function runSandbox(
  ctx: CommandContext,
  options: SandboxOptions,
  until: Promise<unknown> = stopSignal(),
): Promise<void> {
  const sandbox = await runXeroSandboxCommand({
    port: Number(options.port),
    ...(options.host && { host: options.host }),
    ...(options.stateFile && { stateFile: options.stateFile }),
    limits: options.limits !== false,
    print: (line) => ctx.out.note(line),
  });
  const app = sandbox.control.registerClient({
    ...(options.clientId && { clientId: options.clientId }),
    ...(options.clientSecret && { clientSecret: options.clientSecret }),
    redirectUris: [options.redirectUri ?? ctx.config.xero.redirectUri],
  });
  ctx.out.note(
    `  OAuth app:     XERO_CLIENT_ID=${app.clientId} XERO_CLIENT_SECRET=${app.clientSecret}`,
  );
  ctx.out.note(`  redirect URI:  ${options.redirectUri ?? ctx.config.xero.redirectUri}`);
  const pms =
    options.pms === false
      ? undefined
      : await startPmsSandboxes(ctx.config, options.host, Number(options.port) + 1);
  for (const line of pms?.lines ?? []) ctx.out.note(line);
  ctx.out.note('Press Ctrl-C to stop.');
  await until;
  await Promise.all([sandbox.stop(), pms?.stop()]);
}

function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}
