import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { admin, databaseUrl, postgresUrl } from '../../../test/support/backends.js';
import { cliArgs } from '../../../test/support/cli-path.js';
import { runCli } from '../../../test/support/run-cli.js';
import { SAMPLES, tempFolder } from './test-support/files.js';
import { contact, invoice } from './test-support/records.js';

const folder = tempFolder('lb-import-cli-');
afterAll(() => folder.remove());
const embedded = { DATABASE_URL: undefined, LEDGERBRIDGE_DATA_DIR: join(folder.dir, 'store') };
const embeddedEnv = () => {
  const { DATABASE_URL: _postgres, ...env } = process.env;
  return { ...env, LEDGERBRIDGE_DATA_DIR: embedded.LEDGERBRIDGE_DATA_DIR };
};

describe('ledgerbridge import (real process)', () => {
  it('imports a folder with a summary per file, then --json reports the re-import as unchanged', async () => {
    expect((await runCli(['init'], { env: embedded })).code).toBe(0);
    const human = await runCli(['import', join(SAMPLES, 'clinic'), '--source', 'demo-clinic'], {
      env: embedded,
    });
    expect(human.code, human.stderr).toBe(0);
    expect(human.stderr).toBe('');
    const at = (f: string) => join(SAMPLES, 'clinic', f);
    expect(human.stdout).toBe(
      [
        'Import into source demo-clinic (run 1): done',
        `  ${at('01-patients.jsonl')}  15 added · 0 changed · 0 deleted · 0 unchanged · 0 rejected`,
        `  ${at('02-invoices.jsonl')}  40 added · 0 changed · 0 deleted · 0 unchanged · 0 rejected`,
        `  ${at('03-payments.jsonl')}  35 added · 0 changed · 0 deleted · 0 unchanged · 0 rejected`,
        `  ${'total'.padEnd(at('01-patients.jsonl').length)}  90 added · 0 changed · 0 deleted · 0 unchanged · 0 rejected`,
        '',
      ].join('\n'),
    );
    const json = await runCli(
      ['import', join(SAMPLES, 'clinic'), '--source', 'demo-clinic', '--json'],
      { env: embedded },
    );
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      source: 'demo-clinic',
      runId: 2,
      status: 'succeeded',
      files: [
        { format: 'jsonl', lines: 15, records: 15, unchanged: 15, applied: true, issues: [] },
        {},
        {},
      ],
      skipped: [],
      full: null,
      totals: { added: 0, changed: 0, deleted: 0, unchanged: 90, rejected: 0, files: 3 },
    });
  });

  it('exits 1 when anything is rejected: the summary on stdout (one JSON document with --json), the reason on stderr', async () => {
    const bad = folder.write('bad.jsonl', [contact('P-1'), invoice('I-1', 'P-404')]);
    const human = await runCli(['import', bad, '--source', 'clinic'], { env: embedded });
    expect(human.code).toBe(1);
    expect(human.stdout).toContain(
      `${bad}:2: invoice N-I-1 (source id I-1): contactId = "P-404" — refers to contact P-404, which is neither in this import nor in source clinic`,
    );
    expect(human.stdout).toContain('— not applied (fix the file, or pass --partial');
    expect(human.stderr).toBe(
      `ledgerbridge: 1 record rejected in ${bad}, so nothing of it was applied — Correct the records listed (file:line, field and value) and import the file again; --partial applies the valid ones and reports the rest. [LB_IMPORT_REJECTED]\n`,
    );

    const json = await runCli(['import', bad, '--source', 'clinic', '--partial', '--json'], {
      env: embedded,
    });
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as {
      status: string;
      files: { issues: { code: string; line: number }[] }[];
    };
    expect(report.status).toBe('partial');
    expect(report.files[0]!.issues).toMatchObject([
      { code: 'LB_IMPORT_MISSING_REFERENCE', line: 2 },
    ]);
    expect(json.stderr).toMatch(
      /^ledgerbridge: 1 record rejected in .*bad\.jsonl \(its valid records were applied\) — .*import again: the records already applied count as unchanged\. \[LB_IMPORT_REJECTED\]\n$/,
    );
    expect(json.stderr).not.toContain('--partial');
  });

  it('reports progress on stderr, never on stdout, and refuses what it cannot read in one line', async () => {
    const long = folder.write(
      'long.jsonl',
      `${'\n'.repeat(100_000)}${JSON.stringify(contact('P-9'))}\n`,
    );
    const json = await runCli(['import', long, '--source', 'clinic', '--json'], { env: embedded });
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ totals: { added: 1 } });
    expect(json.stderr).toBe(`${long}: 50,000 lines checked\n${long}: 100,000 lines checked\n`);

    const missing = await runCli(['import', join(folder.dir, 'nope.csv')], { env: embedded });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^ledgerbridge: Cannot read .*nope\.csv: ENOENT.*\[LB_IMPORT_UNREADABLE\]\n$/,
    );
    const badName = await runCli(['import', long, '--source', 'Not A Name'], { env: embedded });
    expect(badName.code).toBe(2);
    expect(badName.stderr).toContain('"Not A Name" is not a valid source name');
  });

  it('--watch imports files as they arrive until stopped, then exits 0', async () => {
    const drop = tempFolder('lb-drop-cli-');
    drop.write('01-contacts.jsonl', [contact('P-1')]);
    const child = spawn(
      process.execPath,
      cliArgs(['import', drop.dir, '--watch', '--source', 'drop']),
      { env: embeddedEnv() },
    );
    let stdout = '';
    let stderr = '';
    let waiting: { text: string; resolve: () => void } | undefined;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (waiting && stdout.includes(waiting.text)) waiting.resolve();
    });
    const waitFor = (text: string) =>
      new Promise<void>((resolve) => {
        waiting = { text, resolve };
        if (stdout.includes(text)) resolve();
      });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number>((resolve) =>
      child.on('close', (code) => resolve(code ?? -1)),
    );
    await waitFor('01-contacts.jsonl  1 added');
    drop.write('02-invoices.jsonl', [invoice('I-1', 'P-1')]);
    await waitFor('02-invoices.jsonl  1 added');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toBe(
      `Watching ${drop.dir} for new files (source drop); Ctrl-C to stop.\nStopped watching.\n`,
    );
    expect(stdout.match(/^Import into source drop/gm), stdout).toHaveLength(2);
    drop.remove();
  });

  it.runIf(postgresUrl)('imports into PostgreSQL the same way', async () => {
    const name = `lb_import_cli_${process.pid}`;
    await admin(`DROP DATABASE IF EXISTS ${name}`);
    await admin(`CREATE DATABASE ${name}`);
    try {
      const env = { DATABASE_URL: databaseUrl(name) };
      expect((await runCli(['init'], { env })).code).toBe(0);
      const lawfirm = await runCli(
        ['import', join(SAMPLES, 'lawfirm'), '--source', 'demo-lawfirm', '--json'],
        { env },
      );
      expect(lawfirm.code, lawfirm.stderr).toBe(0);
      expect(JSON.parse(lawfirm.stdout)).toMatchObject({
        status: 'succeeded',
        totals: { added: 51 },
      });
      // Applied while checked (one transaction per file): progress cannot name a total yet.
      const many = folder.write(
        'many.jsonl',
        Array.from({ length: 50_000 }, (_, n) => contact(`M-${n}`)),
      );
      const big = await runCli(['import', many, '--source', 'bulk'], { env });
      expect(big.code, big.stderr).toBe(0);
      expect(big.stderr).toBe(
        `${many}: 50,000 lines checked\n` +
          `${many}: 50,000 records written (committed when the whole file is checked)\n`,
      );
    } finally {
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  });
});
