import { describe, expect, it } from 'vitest';
import { certainDataDir } from './certain-data-dir.js';
import { loadConfig } from './load-config.js';

describe('certainDataDir', () => {
  const cwd = '/srv/practice';
  it.each([
    [{}, {}],
    [{ LEDGERBRIDGE_DATA_DIR: 'books' }, {}],
    [{ LEDGERBRIDGE_DATA_DIR: '' }, {}],
    [{ LEDGERBRIDGE_DATA_DIR: '/var/lib/lb' }, { dataDir: 'here' }],
    [{}, { dataDir: '../elsewhere' }],
  ])('names the directory the configuration names (env %j, flags %j)', (env, flags) => {
    const config = loadConfig({
      env,
      cwd,
      overrides: { LEDGERBRIDGE_DATA_DIR: (flags as { dataDir?: string }).dataDir },
    });
    expect(certainDataDir(env, cwd, flags)).toBe(config.dataDir);
  });

  it('is not certain with a config file or PostgreSQL', () => {
    expect(certainDataDir({ LEDGERBRIDGE_CONFIG: 'lb.json' }, cwd, {})).toBeUndefined();
    expect(certainDataDir({}, cwd, { config: 'lb.json' })).toBeUndefined();
    expect(certainDataDir({ DATABASE_URL: 'postgres://x@y/z' }, cwd, {})).toBeUndefined();
  });
});
