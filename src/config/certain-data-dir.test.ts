import { describe, expect, it } from 'vitest';
import { certainDataDir, certainWarmAnswerMs } from './certain-data-dir.js';
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

describe('certainWarmAnswerMs', () => {
  it.each(['', '1', ' 2.5 ', '30'])('reads %j as the configuration does', (text) => {
    const env = { LEDGERBRIDGE_WARM_ANSWER_SECONDS: text };
    const config = loadConfig({ env, cwd: '/srv/practice' });
    expect(certainWarmAnswerMs(env)).toBe(config.warmAnswerSeconds * 1000);
  });

  it.each(['0', '-1', 'soon', '1e3'])(
    'leaves %j to the configuration, which refuses it',
    (text) => {
      const env = { LEDGERBRIDGE_WARM_ANSWER_SECONDS: text };
      expect(certainWarmAnswerMs(env)).toBeUndefined();
      expect(() => loadConfig({ env, cwd: '/srv/practice' })).toThrow(
        /LEDGERBRIDGE_WARM_ANSWER_SECONDS/,
      );
    },
  );
});
