/**
 * The warm store process end to end, as real processes over the compiled CLI: which process ran
 * a command is what the client prints under LEDGERBRIDGE_LOG_LEVEL=debug ("ran in the warm store
 * process PID"), checked against the store's lock file.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { admin, databaseUrl, postgresUrl } from '../../../test/support/backends.js';
import { runCli } from '../../../test/support/run-cli.js';
import { startCli, until } from '../../../test/support/start-cli.js';
import { isAlive, lockHolder } from '../../store/data-dir.js';
import { openStore } from '../../store/open-store.js';
import { upsertOrganisation } from '../../store/organisations-repo.js';

const work = mkdtempSync(join(tmpdir(), 'lb-warm-'));
const dirs: string[] = [];
afterEach(() => {
  // A warm store process outlives its command: end the ones a test left.
  for (const dir of dirs.splice(0)) {
    const pid = lockHolder(dir);
    if (pid !== undefined) process.kill(pid, 'SIGKILL');
  }
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const warmPid = (stderr: string) =>
  Number(/ran in the warm store process (\d+)/.exec(stderr)?.[1] ?? Number.NaN);

/**
 * `init` runs once in this file, into a template each test's store is a copy of: a fresh PGlite
 * store costs an initdb and every migration (~5 s of CPU, 8 s of wall time on a busy 2-core
 * machine), and the tests here are about the store process, not about creating the store.
 */
let template: string | undefined;

async function initialisedCopy(dataDir: string): Promise<void> {
  if (template === undefined) {
    const dir = join(work, 'template');
    const init = await runCli(['init'], {
      env: { DATABASE_URL: undefined, LEDGERBRIDGE_DATA_DIR: dir },
    });
    expect(init.code, init.stderr).toBe(0);
    template = dir;
  }
  cpSync(template, dataDir, { recursive: true });
}

async function newStore(name: string) {
  const dataDir = join(work, name);
  dirs.push(dataDir);
  const env = {
    DATABASE_URL: undefined,
    LEDGERBRIDGE_DATA_DIR: dataDir,
    LEDGERBRIDGE_KEEP_WARM_MINUTES: '2',
    LEDGERBRIDGE_LOG_LEVEL: 'debug',
  };
  await initialisedCopy(dataDir);
  const socket = join(dataDir, 'run', 'warm.sock');
  const cli = (args: string[], extra: Record<string, string> = {}) =>
    runCli(args, { env: { ...env, ...extra } });
  return { dataDir, env, socket, cli };
}

describe('the warm store process (embedded store)', () => {
  it('serves the second `status`, one process for clients at once, replaces one killed with -9, and `store stop` ends it', async () => {
    const { dataDir, socket, cli } = await newStore('status');
    const first = await cli(['status']);
    expect(first.code, first.stderr).toBe(0);
    const pid = warmPid(first.stderr);
    expect(lockHolder(dataDir)).toBe(pid);
    const second = await cli(['status', '--json']);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ backend: 'pglite', location: dataDir });
    expect(warmPid(second.stderr)).toBe(pid);

    process.kill(pid, 'SIGKILL');
    await until(() => !isAlive(pid), 10_000);
    expect(existsSync(socket)).toBe(true); // left behind by the killed process
    const [a, b] = await Promise.all([cli(['errors']), cli(['map', 'list'])]);
    expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
    expect(a.stdout).toContain('No sync errors.');
    const replacement = warmPid(a.stderr);
    expect(replacement).not.toBe(pid);
    expect(warmPid(b.stderr)).toBe(replacement); // two clients, one warm store process

    const stop = await cli(['store', 'stop']);
    expect(stop.stdout).toContain(`Stopped the warm store process ${replacement}`);
    expect(lockHolder(dataDir)).toBeUndefined();
    expect(existsSync(socket)).toBe(false);
    expect((await cli(['store', 'stop'])).stdout).toContain('No warm store process');

    // Idle for LEDGERBRIDGE_KEEP_WARM_MINUTES (here 1.2 s), it lets the store go by itself.
    const brief = await cli(['status'], { LEDGERBRIDGE_KEEP_WARM_MINUTES: '0.02' });
    expect(brief.code, brief.stderr).toBe(0);
    expect(Number.isInteger(warmPid(brief.stderr))).toBe(true);
    await until(() => lockHolder(dataDir) === undefined && !existsSync(socket), 30_000);
  });

  it('a mapping set through it is there in a process of its own; `import` stops it first; keep-warm 0 starts none', async () => {
    const { dataDir, socket, cli } = await newStore('map');
    const { db } = await openStore({ dataDir }, 'existing');
    try {
      await upsertOrganisation(db, { tenantId: 't-1', name: 'Harbour', connectionKind: 'oauth' });
    } finally {
      await db.close();
    }
    const set = await cli(['map', 'line-kind', 'time', '200']);
    expect(set.code, set.stderr).toBe(0);
    const pid = warmPid(set.stderr);
    expect(lockHolder(dataDir)).toBe(pid);

    const imported = await cli(['import', join('samples', 'demo', 'clinic', '01-patients.jsonl')]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(isAlive(pid)).toBe(false);
    expect(lockHolder(dataDir)).toBeUndefined();

    const listed = await cli(['map', 'list', '--json'], { LEDGERBRIDGE_KEEP_WARM_MINUTES: '0' });
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/"key": "time"[\s\S]*"value": "200"/);
    expect(listed.stderr).not.toContain('warm store process');
    expect(existsSync(socket)).toBe(false);
    expect(lockHolder(dataDir)).toBeUndefined();
  });

  it('beside an embedded `serve`, `errors` runs in serve’s process and `import` is refused', async () => {
    const { env, cli } = await newStore('serve');
    const serve = startCli(['serve'], {
      ...env,
      LEDGERBRIDGE_PORT: '0',
      LEDGERBRIDGE_KEEP_WARM_MINUTES: '0',
    });
    try {
      await until(() => /Serving on http/.test(serve.output()), 60_000);
      const errors = await cli(['errors'], { LEDGERBRIDGE_KEEP_WARM_MINUTES: '0' });
      expect(errors.code, errors.stderr).toBe(0);
      expect(errors.stdout).toContain('No sync errors.');
      expect(warmPid(errors.stderr)).toBe(serve.child.pid);
      const imported = await cli([
        'import',
        join('samples', 'demo', 'clinic', '01-patients.jsonl'),
      ]);
      expect(imported.code).not.toBe(0);
      expect(imported.stderr).toContain('LB_STORE_LOCKED');
      const stop = await cli(['store', 'stop']);
      expect(stop.stderr).toContain('held by `ledgerbridge serve`');
      serve.child.kill('SIGTERM');
      expect(await serve.exited, serve.output()).toBe(0);
    } finally {
      serve.child.kill('SIGKILL');
    }
  });

  it('a warm store process that dies mid-command is a clear error, not a hang', async () => {
    const dataDir = join(work, 'lost');
    mkdirSync(join(dataDir, 'run'), { recursive: true });
    // Stands in for a warm store process killed while it runs the command: it takes the request
    // and the connection drops.
    const dying = createServer((socket) => socket.once('data', () => socket.destroy()));
    await new Promise<void>((resolve) => dying.listen(join(dataDir, 'run', 'warm.sock'), resolve));
    try {
      const run = await runCli(['status'], {
        env: { DATABASE_URL: undefined, LEDGERBRIDGE_DATA_DIR: dataDir },
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('LB_WARM_STORE_LOST');
    } finally {
      dying.close();
    }
  });

  it('a stuck warm store process is a clear error, not a hang; `store stop` ends it; none starts while a command opens the store for itself', async () => {
    const { dataDir, cli } = await newStore('stuck');
    const first = await cli(['status']);
    expect(first.code, first.stderr).toBe(0);
    const pid = warmPid(first.stderr);
    process.kill(pid, 'SIGSTOP'); // as stuck as a process gets: it cannot even run a signal handler
    const quick = { LEDGERBRIDGE_WARM_ANSWER_SECONDS: '1' };
    const stuck = await cli(['status'], quick);
    expect(stuck.code).toBe(1);
    expect(stuck.stderr).toContain('LB_WARM_STORE_STUCK');
    expect(stuck.stderr).toContain(`(process ${pid}) has not answered \`status\` for 1 s`);
    expect(stuck.stderr).toContain('ledgerbridge store stop');
    const stop = await cli(['store', 'stop'], quick);
    expect(stop.code, stop.stderr).toBe(0);
    expect(stop.stdout).toContain(`Ended the warm store process ${pid} of ${dataDir}`);
    expect(isAlive(pid)).toBe(false);
    // As `import` leaves it between asking the warm store process to exit and opening the store:
    // a live process (this test's) has said it is about to open the store for itself. A `status`
    // then starts no warm store process to hold the store for minutes: it runs alone.
    writeFileSync(join(dataDir, 'run', 'exclusive'), `${process.pid}\n`);
    const alone = await cli(['status', '--json']);
    expect(alone.code, alone.stderr).toBe(0);
    expect(JSON.parse(alone.stdout)).toMatchObject({ backend: 'pglite', location: dataDir });
    expect(alone.stderr).not.toContain('ran in the warm store process');
    expect(lockHolder(dataDir)).toBeUndefined();
    rmSync(join(dataDir, 'run', 'exclusive'));
    const again = await cli(['status']);
    expect(again.code, again.stderr).toBe(0);
    expect(warmPid(again.stderr)).toBe(lockHolder(dataDir));
    expect(warmPid(again.stderr)).not.toBe(pid);
  });

  it('a warm store process that says it is alive is waited for past the limit', async () => {
    const dataDir = join(work, 'slow');
    mkdirSync(join(dataDir, 'run'), { recursive: true });
    // Stands in for a warm store process running a long command: "alive" every 200 ms for 2.5 s
    // (the limit is 1 s), then the command's output and exit code.
    const slow = createServer((socket) =>
      socket.once('data', () => {
        const beat = setInterval(() => socket.write('{"type":"alive"}\n'), 200);
        setTimeout(() => {
          clearInterval(beat);
          socket.end('{"type":"out","text":"done\\n"}\n{"type":"exit","code":0,"pid":1}\n');
        }, 2_500);
      }),
    );
    await new Promise<void>((resolve) => slow.listen(join(dataDir, 'run', 'warm.sock'), resolve));
    try {
      const run = await runCli(['status'], {
        env: {
          DATABASE_URL: undefined,
          LEDGERBRIDGE_DATA_DIR: dataDir,
          LEDGERBRIDGE_WARM_ANSWER_SECONDS: '1',
        },
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toBe('done\n');
    } finally {
      slow.close();
    }
  });

  it.skipIf(!postgresUrl)('is never used on PostgreSQL', async () => {
    const name = `lb_warm_${process.pid}`;
    await admin(`DROP DATABASE IF EXISTS ${name}`);
    await admin(`CREATE DATABASE ${name}`);
    try {
      const dataDir = join(work, 'unused');
      const env = {
        DATABASE_URL: databaseUrl(name),
        LEDGERBRIDGE_DATA_DIR: dataDir,
        LEDGERBRIDGE_KEEP_WARM_MINUTES: '2',
        LEDGERBRIDGE_LOG_LEVEL: 'debug',
      };
      expect((await runCli(['init'], { env })).code).toBe(0);
      const status = await runCli(['status'], { env });
      expect(status.code, status.stderr).toBe(0);
      expect(status.stderr).not.toContain('warm store process');
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});
