import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configTableMarkdown } from './config-table.js';
import { loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('has working defaults and resolves the data directory', () => {
    const config = loadConfig({ env: {}, cwd: '/srv/lb' });
    expect(config.dataDir).toBe('/srv/lb/.ledgerbridge');
    expect(config.xero).toMatchObject({
      apiUrl: 'https://api.xero.com',
      dailyLimit: 5000,
      batchSize: 50,
    });
    expect(config.http.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
  });

  it('is frozen all the way down', () => {
    const config = loadConfig({ env: {} });
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.xero)).toBe(true);
  });

  it('takes the file, then the environment, then overrides', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lb-config-'));
    writeFileSync(
      join(dir, 'lb.json'),
      JSON.stringify({
        xero: { apiUrl: 'http://127.0.0.1:4010', dailyLimit: 1000 },
        logLevel: 'debug',
      }),
    );
    const config = loadConfig({
      env: { LEDGERBRIDGE_CONFIG: 'lb.json', LEDGERBRIDGE_LOG_LEVEL: 'warn' },
      cwd: dir,
      overrides: { LEDGERBRIDGE_DATA_DIR: '/data/lb' },
    });
    expect(config.xero.apiUrl).toBe('http://127.0.0.1:4010');
    expect(config.xero.dailyLimit).toBe(1000);
    expect(config.logLevel).toBe('warn');
    expect(config.dataDir).toBe('/data/lb');
  });

  it('names the setting, the value and the fix when a value is invalid', () => {
    expect(() => loadConfig({ env: { LEDGERBRIDGE_PORT: 'abc' } })).toThrow(
      expect.objectContaining({
        code: 'LB_CONFIG_INVALID',
        message: 'Setting LEDGERBRIDGE_PORT = "abc" expected a whole number',
      }),
    );
    expect(() => loadConfig({ env: { XERO_API_URL: 'ftp://x' } })).toThrow(
      expect.objectContaining({ message: expect.stringContaining('XERO_API_URL') as unknown }),
    );
    expect(() => loadConfig({ env: { XERO_BATCH_SIZE: '500' } })).toThrow(
      expect.objectContaining({ message: 'Setting XERO_BATCH_SIZE = "500" at most 100' }),
    );
  });

  it('never echoes a secret value', () => {
    const error = (() => {
      try {
        loadConfig({ env: { LEDGERBRIDGE_SECRET_KEY: 'short-secret' } });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toContain('LEDGERBRIDGE_SECRET_KEY = (hidden)');
    expect(error?.message).not.toContain('short-secret');
  });

  it('reports a missing or malformed config file', () => {
    expect(() => loadConfig({ env: { LEDGERBRIDGE_CONFIG: '/nope/lb.json' } })).toThrow(
      expect.objectContaining({ code: 'LB_CONFIG_FILE_UNREADABLE' }),
    );
    const dir = mkdtempSync(join(tmpdir(), 'lb-config-'));
    writeFileSync(join(dir, 'bad.json'), '{oops');
    expect(() => loadConfig({ env: { LEDGERBRIDGE_CONFIG: join(dir, 'bad.json') } })).toThrow(
      expect.objectContaining({ code: 'LB_CONFIG_FILE_UNREADABLE' }),
    );
  });

  it('is documented: README.md carries the generated table (`npm run docs`)', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(configTableMarkdown());
  });
});
