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

  it('refuses an unknown key in the config file, naming it, with a suggestion for a near miss', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lb-config-'));
    const file = join(dir, 'lb.json');
    const load = (content: unknown) => {
      writeFileSync(file, JSON.stringify(content));
      return () => loadConfig({ env: { LEDGERBRIDGE_CONFIG: file } });
    };
    expect(load({ xero: { dailyLimt: 1000 } })).toThrow(
      expect.objectContaining({
        code: 'LB_CONFIG_INVALID',
        message: `Config file ${file} has an unknown key "xero.dailyLimt"`,
        fix: expect.stringContaining('Did you mean "xero.dailyLimit"?') as unknown,
      }),
    );
    expect(load({ logLevl: 'debug' })).toThrow(
      expect.objectContaining({
        fix: expect.stringContaining('Did you mean "logLevel"?') as unknown,
      }),
    );
    // The environment variable's name, or a key at the wrong level, points at the file's key.
    expect(load({ XERO_CLIENT_ID: 'abc' })).toThrow(
      expect.objectContaining({ fix: expect.stringContaining('"xero.clientId"') as unknown }),
    );
    expect(load({ clientId: 'abc' })).toThrow(
      expect.objectContaining({ fix: expect.stringContaining('"xero.clientId"') as unknown }),
    );
    expect(load({ 'xero.apiUrl': 'http://127.0.0.1:4010' })).toThrow(
      expect.objectContaining({
        fix: expect.stringContaining('{"xero": {"apiUrl": …}}') as unknown,
      }),
    );
    const unlike = (() => {
      try {
        load({ colour: 'blue' })();
      } catch (e) {
        return e as { message: string; fix: string };
      }
    })();
    expect(unlike?.message).toContain('unknown key "colour"');
    expect(unlike?.fix).not.toContain('Did you mean');
    expect(load({ xero: 'https://api.xero.com' })).toThrow(
      expect.objectContaining({ message: expect.stringContaining('"xero"') as unknown }),
    );
  });

  it('reports an invalid value from the file under the file’s key and path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lb-config-'));
    const file = join(dir, 'lb.json');
    writeFileSync(file, JSON.stringify({ xero: { batchSize: 500 } }));
    const error = (() => {
      try {
        loadConfig({ env: { LEDGERBRIDGE_CONFIG: file } });
      } catch (e) {
        return e as { message: string; fix: string; details: unknown };
      }
    })();
    expect(error).toMatchObject({
      message: `Setting xero.batchSize = 500 in config file ${file} at most 100`,
      details: { setting: 'xero.batchSize', file },
    });
    expect(error?.fix).toContain(`Set xero.batchSize in ${file}`);
    expect(error?.fix).not.toContain('XERO_BATCH_SIZE');
    // The environment still names its own variable, and wins over the file.
    expect(() => loadConfig({ env: { LEDGERBRIDGE_CONFIG: file, XERO_BATCH_SIZE: '0' } })).toThrow(
      expect.objectContaining({
        message: 'Setting XERO_BATCH_SIZE = "0" expected a number above 0',
      }),
    );
    writeFileSync(file, JSON.stringify({ secretKey: 'short-secret' }));
    expect(() => loadConfig({ env: { LEDGERBRIDGE_CONFIG: file } })).toThrow(
      expect.objectContaining({
        message: `Setting secretKey = (hidden) in config file ${file} expected at least 32 characters (e.g. \`openssl rand -base64 32\`)`,
      }),
    );
  });

  it('is documented: README.md carries the generated table (`npm run docs`)', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(configTableMarkdown());
  });
});
