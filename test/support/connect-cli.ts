/**
 * `ledgerbridge connect xero` in a real process against the sandbox: waits for the consent
 * address on stderr, opens it (the sandbox consents and redirects to the CLI's loopback) and
 * waits for the process to end.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { cliArgs } from './cli-path.js';

const root = join(import.meta.dirname, '..', '..');

export interface ConnectRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly consentUrl: string;
  /** What the consent page answered the browser. */
  readonly page: string;
}

/** A loopback redirect URI on a port free now (register it with the sandbox's app). */
export async function freeRedirectUri(): Promise<string> {
  const port = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
  return `http://127.0.0.1:${port}/callback`;
}

export async function connectXeroInCli(
  env: Record<string, string | undefined>,
  args: readonly string[] = ['--json'],
): Promise<ConnectRun> {
  const childEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
  const child = spawn(process.execPath, cliArgs(['connect', 'xero', '--no-open', ...args]), {
    cwd: root,
    env: childEnv,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const consentUrl = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const m = /(http:\/\/\S+\/identity\/connect\/authorize\S+)/.exec(stderr);
      if (m) resolve(m[1]!);
    });
    void exited.then(() => reject(new Error(`connect exited early: ${stderr}`)));
  });
  const page = await (await fetch(consentUrl)).text();
  const code = await exited;
  return { code, stdout, stderr, consentUrl, page };
}

/** The environment pointing a Ledgerbridge process at the sandbox and its registered app. */
export function sandboxXeroEnv(
  sandbox: { readonly url: string },
  app: { readonly clientId: string; readonly clientSecret?: string },
  redirectUri?: string,
): Record<string, string | undefined> {
  return {
    XERO_CLIENT_ID: app.clientId,
    XERO_CLIENT_SECRET: app.clientSecret,
    XERO_API_URL: sandbox.url,
    XERO_IDENTITY_URL: sandbox.url,
    XERO_LOGIN_URL: sandbox.url,
    XERO_REDIRECT_URI: redirectUri,
  };
}
