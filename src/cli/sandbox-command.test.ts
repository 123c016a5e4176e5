/**
 * `ledgerbridge sandbox` serves the local Xero and, on the next ports, the Cliniko, Clio and
 * Actionstep emulators with a practice each; the settings it prints connect a store to Cliniko
 * and pull the clinic.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config/index.js';
import { runSandbox } from './commands/sandbox.js';
import { runMain } from '../../test/support/run-main.js';
import { makeOutput } from './output.js';

const work = mkdtempSync(join(tmpdir(), 'lb-sandbox-cmd-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const r = await runMain(argv, { env: { ...env } });
  return { ...r, all: r.stdout + r.stderr };
}

const env: Record<string, string | undefined> = {};

describe('ledgerbridge sandbox', () => {
  it('serves Xero and the three PMS emulators, and what it prints connects Cliniko', async () => {
    let notes = '';
    const out = makeOutput(
      { stdout: { write: () => true }, stderr: { write: (t: string) => (notes += t) } },
      { json: false, verbose: false },
    );
    const config = loadConfig({ env: { LEDGERBRIDGE_DATA_DIR: join(work, 'unused') } });
    let stop!: () => void;
    const until = new Promise<void>((resolve) => (stop = resolve));
    const port = 42_000 + Math.floor(Math.random() * 2_000) * 4;
    const running = runSandbox({ config, out, flags: out }, { port: String(port) }, until);
    try {
      await vi.waitFor(() => expect(notes).toContain('Press Ctrl-C'), { timeout: 20_000 });
      for (const name of ['Cliniko:', 'Clio:', 'Actionstep:']) expect(notes).toContain(name);
      const settings = Object.fromEntries(
        [...notes.matchAll(/\b([A-Z_]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]),
      );
      expect(settings.CLIO_BASE_URL).toBe(`http://127.0.0.1:${port + 2}`);
      for (const k of ['CLINIKO_API_URL', 'CLINIKO_API_KEY', 'LEDGERBRIDGE_CONTACT_EMAIL'])
        env[k] = settings[k];
      Object.assign(env, {
        DATABASE_URL: undefined,
        LEDGERBRIDGE_DATA_DIR: join(work, 'store'),
        LEDGERBRIDGE_SECRET_KEY: 'sandbox-command-test-secret-000000001',
      });
      expect((await cli('init')).code).toBe(0);
      const connected = await cli('connect', 'cliniko');
      expect(connected.all).not.toContain('LB_');
      expect(connected.code).toBe(0);
      const pulled = await cli('pull');
      expect(pulled.stdout).toMatch(/^cliniko: [1-9]\d* added/);
    } finally {
      stop();
      await running;
    }
  });
});
