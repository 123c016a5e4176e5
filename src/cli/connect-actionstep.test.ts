import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startActionstepEmulator, type ActionstepEmulator } from '../sandbox/actionstep/index.js';
import { followConsent, freePort } from '../sources/actionstep/test-support.js';
import { runMain } from '../../test/support/run-main.js';

const work = mkdtempSync(join(tmpdir(), 'lb-actionstep-cli-'));
const SECRET = 'actionstep-cli-test-secret-key-0000001';

/** Runs the CLI in this process, following the consent address it prints as a browser would. */
async function cli(env: Record<string, string | undefined>, ...argv: string[]) {
  const consents: Promise<void>[] = [];
  const result = await runMain(argv, {
    env,
    onStderr: (t) => {
      const url = /https?:\/\/\S+\/api\/oauth\/authorize\S+/.exec(t)?.[0];
      if (url) consents.push(followConsent(url));
    },
  });
  await Promise.all(consents);
  return { ...result, all: result.stdout + result.stderr };
}

describe('connect actionstep', () => {
  let emulator: ActionstepEmulator;
  let redirectUri: string;
  let app: { clientId: string; clientSecret: string };
  beforeAll(async () => {
    emulator = await startActionstepEmulator({
      organisations: [{ name: 'Harbour Law', orgkey: 'harbourlaw', seedLawFirm: true }],
    });
    redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
    app = emulator.control.registerApp({ redirectUris: [redirectUri] });
  });
  afterAll(async () => {
    await emulator.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('connects through the consent page, pulls, and keeps each rotated refresh token', async () => {
    const env = {
      DATABASE_URL: undefined,
      LEDGERBRIDGE_DATA_DIR: join(work, 'store'),
      LEDGERBRIDGE_SECRET_KEY: SECRET,
      ACTIONSTEP_AUTHORIZE_URL: emulator.urls.authorize,
      ACTIONSTEP_TOKEN_URL: emulator.urls.token,
      ACTIONSTEP_CLIENT_ID: app.clientId,
      ACTIONSTEP_CLIENT_SECRET: app.clientSecret,
      ACTIONSTEP_REDIRECT_URI: redirectUri,
    };
    expect((await cli(env, 'init')).code).toBe(0);
    const connected = await cli(env, 'connect', 'actionstep', '--no-open');
    expect(connected.all).not.toContain('LB_');
    expect(connected.code).toBe(0);
    expect(connected.stdout).toContain('Connected Actionstep harbourlaw as source actionstep');
    expect(connected.stdout).toContain('1 (Harbour Law – Sydney), 2 (Harbour Law – Brisbane)');

    const pulled = await cli(env, 'pull');
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toMatch(/^actionstep: \d+ added, 0 changed, 0 deleted/);

    // Each expiry makes the next pull refresh, which spends the refresh token it used: the
    // second refresh works only if the first one's new token was stored.
    for (let i = 0; i < 2; i++) {
      emulator.control.expireAccessTokens();
      const again = await cli(env, 'pull');
      expect(again.all).not.toContain('needs reconnecting');
      expect(again.code).toBe(0);
    }
  });
});
