import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cliInProcess } from '../../test/support/cli-in-process.js';
import { startClinikoEmulator, type ClinikoEmulator } from '../sandbox/cliniko/index.js';

const work = mkdtempSync(join(tmpdir(), 'lb-sources-cli-'));
const SECRET = 'source-verbs-test-secret-key-000000001';
const NEW_SECRET = 'source-verbs-test-secret-key-000000002';

const cli = cliInProcess;

describe('the source verbs', () => {
  let emulator: ClinikoEmulator;
  beforeAll(async () => {
    emulator = await startClinikoEmulator({ seedClinic: true, rateLimit: { enabled: false } });
  });
  afterAll(async () => {
    await emulator.stop();
    rmSync(work, { recursive: true, force: true });
  });
  afterEach(() => vi.unstubAllEnvs());

  const env = (more: Record<string, string | undefined> = {}) => {
    const all = {
      DATABASE_URL: undefined,
      LEDGERBRIDGE_DATA_DIR: join(work, 'store'),
      LEDGERBRIDGE_SECRET_KEY: SECRET,
      LEDGERBRIDGE_CONTACT_EMAIL: 'clinic-admin@example.com',
      CLINIKO_API_URL: emulator.apiUrl,
      ...more,
    };
    for (const [k, v] of Object.entries(all)) vi.stubEnv(k, v);
  };

  it('connect, sources, pull, sync --once, keys rotate and disconnect, never showing the key', async () => {
    env();
    const key = emulator.control.addApiKey();
    expect((await cli('init')).code).toBe(0);
    const wrong = await cli('connect', 'cliniko', '--api-key', `${key.slice(0, -4)}x-au1`);
    expect(wrong.code).toBe(1);
    expect(wrong.all).toContain('LB_SOURCE_CREDENTIALS_INVALID');
    const connected = await cli('connect', 'cliniko', '--api-key', key);
    expect(connected.code).toBe(0);
    expect(connected.stdout).toContain('Connected Harbour Physio (Cliniko) as source cliniko');

    const pulled = await cli('pull');
    expect(pulled.code).toBe(0);
    expect(pulled.stdout).toMatch(
      /^cliniko: 10 added, 0 changed, 0 deleted, 0 unchanged, 0 rejected/,
    );

    emulator.control.putRecord('patients', { first_name: '', last_name: '' });
    const partial = await cli('pull', 'cliniko');
    expect(partial.code).toBe(3);
    expect(partial.stdout).toMatch(/name = "" — must not be empty/);

    const listed = JSON.parse((await cli('sources', '--json')).stdout) as Record<string, unknown>[];
    expect(listed).toEqual([
      expect.objectContaining({
        name: 'cliniko',
        kind: 'cliniko',
        connection: 'connected',
        entities: [{ entity: emulator.control.seedClinic().businessId, organisation: null }],
        lastPull: expect.objectContaining({ status: 'partial' }) as unknown,
        cursor: expect.objectContaining({ '/invoices': expect.any(String) as unknown }) as unknown,
      }),
    ]);

    // sync --once pulls first; with no Xero app configured it then stops, the pull kept.
    emulator.control.practice.closeInvoice(emulator.control.seedClinic().invoiceIds[1]!);
    const synced = await cli('sync', '--once');
    expect(synced.stderr).toMatch(/cliniko: 1 added, 1 changed/);

    env({ LEDGERBRIDGE_NEW_SECRET_KEY: NEW_SECRET });
    expect((await cli('keys', 'rotate')).stdout).toContain('1 source credential(s)');
    env({ LEDGERBRIDGE_SECRET_KEY: NEW_SECRET });
    expect((await cli('pull', '--full')).stdout).toMatch(/^cliniko: 0 added, 0 changed/);

    emulator.control.revokeApiKey(key);
    expect((await cli('pull')).code).toBe(1);
    expect((await cli('sources')).stdout).toContain('cliniko (cliniko): needs reconnecting');
    expect((await cli('disconnect', 'cliniko')).code).toBe(0);
    expect((await cli('sources')).stdout).toContain('cliniko (cliniko): not connected');
    const everything = [connected, pulled, partial, synced].map((r) => r.all).join('');
    expect(everything).not.toContain(key);
  });
});
