import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, databaseUrl, postgresUrl } from '../../test/support/backends.js';
import { runCli } from '../../test/support/run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'lb-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const embedded = { DATABASE_URL: undefined, LEDGERBRIDGE_DATA_DIR: join(work, 'store') };

describe('ledgerbridge CLI (real process)', () => {
  it('init then status --json on the embedded store', async () => {
    const init = await runCli(['init'], { env: embedded });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/^Store ready: pglite at .*store \(schema \d+; applied/);
    const status = await runCli(['status', '--json'], { env: embedded });
    expect(status.code, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      backend: 'pglite',
      location: join(work, 'store'),
      documents: {},
      openSyncErrors: 0,
      lastRun: null,
    });
    const again = await runCli(['init', '--json'], { env: embedded });
    expect(JSON.parse(again.stdout)).toMatchObject({ applied: [] });
  });

  it.runIf(postgresUrl)('init then status --json on PostgreSQL', async () => {
    const name = `lb_cli_${process.pid}`;
    await admin(`DROP DATABASE IF EXISTS ${name}`);
    await admin(`CREATE DATABASE ${name}`);
    try {
      const env = { DATABASE_URL: databaseUrl(name) };
      const init = await runCli(['init'], { env });
      expect(init.code, init.stderr).toBe(0);
      const status = await runCli(['status', '--json'], { env });
      expect(JSON.parse(status.stdout)).toMatchObject({
        backend: 'postgres',
        schemaVersion: expect.any(Number) as unknown,
      });
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });

  it('fails in one line with the fix and a non-zero exit; the stack only with --verbose', async () => {
    const missing = await runCli(['status'], {
      env: { ...embedded, LEDGERBRIDGE_DATA_DIR: join(work, 'none') },
    });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(
      /No Ledgerbridge store at .* — Run `ledgerbridge init`.*\[LB_STORE_NOT_INITIALISED\]/,
    );

    const badConfig = await runCli(['status'], { env: { ...embedded, XERO_DAILY_LIMIT: 'lots' } });
    expect(badConfig.code).toBe(1);
    expect(badConfig.stderr.trim()).toMatch(
      /^ledgerbridge: Setting XERO_DAILY_LIMIT = "lots" expected a whole number — .*\[LB_CONFIG_INVALID\]$/,
    );

    const verbose = await runCli(['status', '--verbose'], {
      env: { ...embedded, XERO_DAILY_LIMIT: 'lots' },
    });
    expect(verbose.stderr).toMatch(/at loadConfig/);

    const json = await runCli(['status', '--json'], {
      env: { ...embedded, LEDGERBRIDGE_DATA_DIR: join(work, 'none') },
    });
    expect(JSON.parse(json.stdout)).toMatchObject({
      error: { code: 'LB_STORE_NOT_INITIALISED', retryable: false },
    });
  });

  it('reports an unreachable PostgreSQL and a foreign data directory', async () => {
    const down = await runCli(['init'], {
      env: { DATABASE_URL: 'postgres://lb:pw@127.0.0.1:1/lb' },
    });
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(
      /PostgreSQL at postgres:\/\/lb:\*\*\*@127\.0\.0\.1:1\/lb does not answer.*\[LB_STORE_UNREACHABLE\]/,
    );
    const foreign = join(work, 'foreign');
    rmSync(foreign, { recursive: true, force: true });
    await import('node:fs').then((fs) => fs.mkdirSync(foreign));
    writeFileSync(join(foreign, 'photo.jpg'), 'x');
    const refused = await runCli(['init'], {
      env: { ...embedded, LEDGERBRIDGE_DATA_DIR: foreign },
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[LB_STORE_FOREIGN]');
  });

  it('treats an unknown verb as a usage error (exit 2) with a suggestion', async () => {
    const result = await runCli(['statsu'], { env: embedded });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      "ledgerbridge: unknown command 'statsu' (Did you mean status?) — Run `ledgerbridge --help` to see the commands and options. [LB_USAGE]",
    );
  });

  // Two demos, each creating its store: a generous limit, as the machine running tests may be busy.
  it('runs the demo on a fresh embedded store, twice in a row', async () => {
    for (let i = 0; i < 2; i++) {
      const demo = await runCli(['demo', '--data-dir', join(work, 'demo')], { env: embedded });
      expect(demo.code, demo.stderr).toBe(0);
      expect(demo.stdout).toContain('✓ Created the store');
      expect(demo.stdout).toContain('Still refused: nothing.');
      expect(demo.stdout).toMatch(/sources +clinic \(cliniko\), lawfirm \(clio\)/);
      expect(demo.stdout).toMatch(/The demo took \d+\.\d s\./);
    }
  }, 180_000);
});
