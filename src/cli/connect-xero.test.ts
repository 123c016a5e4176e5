import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  connectXeroInCli,
  freeRedirectUri,
  sandboxXeroEnv,
} from '../../test/support/connect-cli.js';
import { runCli } from '../../test/support/run-cli.js';
import { TEST_SECRET } from '../../test/support/xero-world.js';
import { startXeroSandbox } from '../sandbox/xero/index.js';

const work = mkdtempSync(join(tmpdir(), 'lb-connect-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('ledgerbridge connect xero (real process, sandbox over HTTP)', () => {
  it('connects through the consent page, shows the organisation, and disconnects', async () => {
    const sandbox = await startXeroSandbox({
      organisations: [{ name: 'Harbour Physio Pty Ltd', region: 'AU' }],
    });
    try {
      const redirectUri = await freeRedirectUri();
      const app = sandbox.control.registerClient({ redirectUris: [redirectUri] });
      const env = {
        DATABASE_URL: undefined,
        LEDGERBRIDGE_DATA_DIR: join(work, 'store'),
        LEDGERBRIDGE_SECRET_KEY: TEST_SECRET,
        ...sandboxXeroEnv(sandbox, app, redirectUri),
      };
      expect((await runCli(['init'], { env })).code).toBe(0);

      const { code, stdout, stderr, consentUrl, page } = await connectXeroInCli(env);
      expect(new URL(consentUrl).searchParams.get('code_challenge_method')).toBe('S256');
      expect(page).toContain('Connected to Xero'); // the sandbox consented and redirected to the CLI
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

      // Under a key that cannot open its tokens, disconnect still works, here only, and says so.
      const lostKey = await runCli(['disconnect', 'xero', org!.tenantId], {
        env: { ...env, LEDGERBRIDGE_SECRET_KEY: 'a-new-secret-after-the-old-one-was-lost' },
      });
      expect(lostKey.code, lostKey.stderr).toBe(0);
      expect(lostKey.stdout).toContain('Xero was not told');
      expect(lostKey.stdout).toContain('Connected apps');
    } finally {
      await sandbox.stop();
    }
  }, 120_000);
});
