import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../test/support/run-cli.js';
import { TEST_SECRET } from '../../test/support/xero-world.js';
import { startXeroSandbox } from '../sandbox/xero/index.js';

const root = join(import.meta.dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'lb-connect-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('ledgerbridge connect xero (real process, sandbox over HTTP)', () => {
  it('connects through the consent page, shows the organisation, and disconnects', async () => {
    const sandbox = await startXeroSandbox({
      organisations: [{ name: 'Harbour Physio Pty Ltd', region: 'AU' }],
    });
    try {
      const redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
      const app = sandbox.control.registerClient({ redirectUris: [redirectUri] });
      const env = {
        DATABASE_URL: undefined,
        LEDGERBRIDGE_DATA_DIR: join(work, 'store'),
        LEDGERBRIDGE_SECRET_KEY: TEST_SECRET,
        XERO_CLIENT_ID: app.clientId,
        XERO_CLIENT_SECRET: app.clientSecret,
        XERO_API_URL: sandbox.url,
        XERO_IDENTITY_URL: sandbox.url,
        XERO_LOGIN_URL: sandbox.url,
        XERO_REDIRECT_URI: redirectUri,
      };
      expect((await runCli(['init'], { env })).code).toBe(0);

      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          join(root, 'src/cli/entry.ts'),
          'connect',
          'xero',
          '--no-open',
          '--json',
        ],
        { cwd: root, env: { ...process.env, ...env, DATABASE_URL: '' } },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      const consentUrl = await new Promise<string>((resolve, reject) => {
        child.stderr.on('data', (d: Buffer) => {
          stderr += d.toString();
          const m = /(http:\/\/\S+\/identity\/connect\/authorize\S+)/.exec(stderr);
          if (m) resolve(m[1]!);
        });
        child.once('exit', () => reject(new Error(`exited early: ${stderr}`)));
      });
      expect(new URL(consentUrl).searchParams.get('code_challenge_method')).toBe('S256');
      const page = await fetch(consentUrl); // the sandbox consents and redirects to the CLI's loopback
      expect(await page.text()).toContain('Connected to Xero');
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code, stderr).toBe(0);
      const [org] = JSON.parse(stdout) as { tenantId: string; name: string }[];
      expect(org).toMatchObject({ name: 'Harbour Physio Pty Ltd' });
      expect(stderr).not.toContain(app.clientSecret);

      const status = JSON.parse((await runCli(['status', '--json'], { env })).stdout) as {
        organisations: { tenantId: string; status: string }[];
      };
      expect(status.organisations).toEqual([
        expect.objectContaining({ tenantId: org!.tenantId, status: 'connected' }),
      ]);

      const off = await runCli(['disconnect', 'xero', org!.tenantId], { env });
      expect(off.code, off.stderr).toBe(0);
      expect(off.stdout).toContain('revoked');

      const noKey = await runCli(['connect', 'xero', '--client-credentials'], {
        env: { ...env, LEDGERBRIDGE_SECRET_KEY: undefined },
      });
      expect(noKey.code).toBe(1);
      expect(noKey.stderr).toContain('[LB_SECRET_KEY_MISSING]');

      const custom = sandbox.control.registerCustomConnection({ tenantId: org!.tenantId });
      const cc = await runCli(['connect', 'xero', '--client-credentials'], {
        env: { ...env, XERO_CLIENT_ID: custom.clientId, XERO_CLIENT_SECRET: custom.clientSecret },
      });
      expect(cc.code, cc.stderr).toBe(0);
      expect(cc.stdout).toContain('Connected 1 Xero organisation:');
    } finally {
      await sandbox.stop();
    }
  }, 120_000);
});
