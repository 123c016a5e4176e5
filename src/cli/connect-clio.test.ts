import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClioEmulator, type ClioEmulator } from '../sandbox/clio/index.js';
import { followConsent, freePort } from '../sources/actionstep/test-support.js';
import { runMain } from '../../test/support/run-main.js';

const work = mkdtempSync(join(tmpdir(), 'lb-clio-cli-'));
const SECRET = 'clio-cli-test-secret-key-000000000001';

const env: Record<string, string | undefined> = {};

/** Runs the CLI in this process, following the consent address it prints as a browser would. */
async function cli(...argv: string[]) {
  const consents: Promise<void>[] = [];
  const r = await runMain(argv, {
    env,
    onStderr: (t) => {
      const url = /https?:\/\/\S+\/oauth\/authorize\S+/.exec(t)?.[0];
      if (url) consents.push(followConsent(url));
    },
  });
  await Promise.all(consents);
  return { ...r, all: r.stdout + r.stderr };
}

describe('connect clio', () => {
  let emulator: ClioEmulator;
  let redirectUri: string;
  let app: { clientId: string; clientSecret: string };
  beforeAll(async () => {
    emulator = await startClioEmulator({
      rateLimit: { enabled: false },
      firms: [{ name: 'Harbour Law', region: 'au', seedLawFirm: true }],
    });
    redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
    app = emulator.control.registerApp({ redirectUris: [redirectUri] });
  });
  afterAll(async () => {
    await emulator.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('connects in the firm’s region through the consent page, then pulls its bills', async () => {
    Object.assign(env, {
      DATABASE_URL: undefined,
      LEDGERBRIDGE_DATA_DIR: join(work, 'store'),
      LEDGERBRIDGE_SECRET_KEY: SECRET,
      CLIO_CLIENT_ID: app.clientId,
      CLIO_CLIENT_SECRET: app.clientSecret,
      CLIO_BASE_URL: emulator.url,
      CLIO_REDIRECT_URI: redirectUri,
    });
    expect((await cli('init')).code).toBe(0);
    const connected = await cli('connect', 'clio', '--region', 'au', '--no-open');
    expect(connected.all).not.toContain('LB_');
    expect(connected.code).toBe(0);
    expect(connected.stdout).toContain('(Clio, region au) as source clio');
    const pulled = await cli('pull');
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toMatch(/^clio: [1-9]\d* added, 0 changed, 0 deleted/);
    expect((await cli('sources')).stdout).toContain('clio');
  });
});
