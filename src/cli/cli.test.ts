import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, databaseUrl, postgresUrl } from '../../test/support/backends.js';
import { runCli } from '../../test/support/run-cli.js';
import { startCli, until } from '../../test/support/start-cli.js';

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
  // The first ends as `npm start` does, serving its dashboard until interrupted; the second stops
  // after its syncs (--no-serve).
  it('runs the demo on a fresh embedded store, twice in a row, the first serving its dashboard', async () => {
    const served = await serveDemoOnce(join(work, 'demo'));
    expect(served.stdout).toContain('Still refused: nothing.');
    expect(served.signedIn).toMatchObject({ role: 'admin' });
    expect(served.organisations).toBe(2);
    expect(served.code, served.output).toBe(0);
    expect(served.stdout).toContain('Stopping: finishing the job in hand');
    const demo = await runCli(['demo', '--no-serve', '--data-dir', join(work, 'demo')], {
      env: embedded,
    });
    expect(demo.code, demo.stderr).toBe(0);
    expect(demo.stdout).toContain('✓ Created the store');
    expect(demo.stdout).toContain('Still refused: nothing.');
    expect(demo.stdout).toMatch(
      /sources +clinic \(cliniko\), lawfirm \(clio\), lawfirm-payables \(file\)/,
    );
    expect(demo.stdout).toMatch(/The demo took \d+\.\d s\./);
    expect(demo.stdout).not.toContain('The dashboard:');
  }, 180_000);
});

/**
 * `ledgerbridge demo` as `npm start` runs it: waits for the printed dashboard address and
 * password, signs in with them over HTTP, reads the organisations through the API, then presses
 * Ctrl-C (SIGINT).
 */
async function serveDemoOnce(dataDir: string) {
  const demo = startCli(['demo', '--data-dir', dataDir], { ...embedded, LEDGERBRIDGE_PORT: '0' });
  let ended = false;
  void demo.exited.then(() => (ended = true));
  await until(() => {
    if (ended) throw new Error(`the demo ended before serving: ${demo.output()}`);
    return demo.stdout().includes('Press Ctrl-C to stop');
  }, 150_000);
  const printed = demo.stdout();
  const base = /The dashboard: (\S+?)\/\n/.exec(printed)?.[1];
  const password = /with the password (\S+)/.exec(printed)?.[1];
  const login = await fetch(`${base}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.ledgerbridge.example', password }),
  });
  const signedIn = (await login.json()) as Record<string, unknown>;
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  const orgs = await fetch(`${base}/api/organisations`, { headers: { cookie } });
  const organisations = ((await orgs.json()) as { items: unknown[] }).items.length;
  demo.child.kill('SIGINT');
  const code = await demo.exited;
  return { code, stdout: demo.stdout(), output: demo.output(), signedIn, organisations };
}
