import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { databaseUrl, postgresUrl } from '../../test/support/backends.js';
import { openStore } from './open-store.js';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'lb-store-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('embedded store directory', () => {
  it('is created by init, reopened by existing, and locked while open', async () => {
    const dataDir = join(tempDir(), 'store');
    await expect(openStore({ dataDir }, 'existing')).rejects.toMatchObject({
      code: 'LB_STORE_NOT_INITIALISED',
    });
    const first = await openStore({ dataDir }, 'init');
    expect(first.migration?.applied.length).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(dataDir, 'ledgerbridge.json'), 'utf8'))).toMatchObject({
      app: 'ledgerbridge',
    });
    await expect(openStore({ dataDir }, 'existing')).rejects.toMatchObject({
      code: 'LB_STORE_LOCKED',
    });
    await first.db.close();
    const again = await openStore({ dataDir }, 'existing');
    expect(again.schemaVersion).toBe(first.schemaVersion);
    await again.db.close();
  });

  it('refuses a directory held by another live process, and takes over a stale lock', async () => {
    const dataDir = tempDir();
    writeFileSync(
      join(dataDir, 'ledgerbridge.json'),
      JSON.stringify({ app: 'ledgerbridge', format: 1 }),
    );
    mkdirSync(join(dataDir, 'pgdata'));
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      writeFileSync(join(dataDir, 'ledgerbridge.lock'), String(other.pid));
      await expect(openStore({ dataDir }, 'existing')).rejects.toMatchObject({
        code: 'LB_STORE_LOCKED',
        message: expect.stringContaining(String(other.pid)) as unknown,
      });
    } finally {
      other.kill();
    }
    await new Promise((resolve) => other.once('exit', resolve));
    // The holder is gone: its lock is stale and taken over; the store itself has no tables yet.
    await expect(openStore({ dataDir }, 'existing')).rejects.toMatchObject({
      code: 'LB_STORE_NOT_INITIALISED',
    });
    expect(existsSync(join(dataDir, 'ledgerbridge.lock'))).toBe(false); // ours, released on failure
  });

  it('refuses a directory that belongs to something else, without touching it', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'notes.txt'), 'mine');
    await expect(openStore({ dataDir }, 'init')).rejects.toMatchObject({
      code: 'LB_STORE_FOREIGN',
    });
    expect(readFileSync(join(dataDir, 'notes.txt'), 'utf8')).toBe('mine');
    writeFileSync(join(dataDir, 'ledgerbridge.json'), JSON.stringify({ app: 'something-else' }));
    await expect(openStore({ dataDir }, 'init')).rejects.toMatchObject({
      code: 'LB_STORE_FOREIGN',
    });
  });

  it('reports a corrupt data directory instead of crashing', async () => {
    const dataDir = tempDir();
    writeFileSync(
      join(dataDir, 'ledgerbridge.json'),
      JSON.stringify({ app: 'ledgerbridge', format: 1 }),
    );
    mkdirSync(join(dataDir, 'pgdata'));
    writeFileSync(join(dataDir, 'pgdata', 'PG_VERSION'), 'garbage\n');
    await expect(openStore({ dataDir }, 'init')).rejects.toMatchObject({
      code: 'LB_STORE_CORRUPT',
    });
    writeFileSync(join(dataDir, 'ledgerbridge.json'), '{not json');
    await expect(openStore({ dataDir }, 'init')).rejects.toMatchObject({
      code: 'LB_STORE_CORRUPT',
    });
  });

  it('refuses a directory laid out by a newer version', async () => {
    const dataDir = tempDir();
    writeFileSync(
      join(dataDir, 'ledgerbridge.json'),
      JSON.stringify({ app: 'ledgerbridge', format: 7 }),
    );
    await expect(openStore({ dataDir }, 'init')).rejects.toMatchObject({
      code: 'LB_STORE_TOO_NEW',
    });
  });
});

describe('PostgreSQL store', () => {
  it('reports a server that does not answer, naming it without the password', async () => {
    const error: unknown = await openStore(
      { dataDir: '/unused', databaseUrl: 'postgres://lb:s3cret@127.0.0.1:1/none' },
      'init',
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'LB_STORE_UNREACHABLE', retryable: true });
    expect((error as Error).message).toContain('127.0.0.1:1');
    expect((error as Error).message).not.toContain('s3cret');
  });

  it.runIf(postgresUrl)('is created by init and reopened by existing', async () => {
    const { admin } = await import('../../test/support/backends.js');
    const name = `lb_open_${process.pid}`;
    await admin(`DROP DATABASE IF EXISTS ${name}`);
    await admin(`CREATE DATABASE ${name}`);
    try {
      const databaseUrlForTest = databaseUrl(name);
      await expect(
        openStore({ dataDir: '/unused', databaseUrl: databaseUrlForTest }, 'existing'),
      ).rejects.toMatchObject({ code: 'LB_STORE_NOT_INITIALISED' });
      const first = await openStore(
        { dataDir: '/unused', databaseUrl: databaseUrlForTest },
        'init',
      );
      await first.db.close();
      const again = await openStore(
        { dataDir: '/unused', databaseUrl: databaseUrlForTest },
        'existing',
      );
      expect(again.schemaVersion).toBe(first.schemaVersion);
      await again.db.close();
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});
