import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain } from '../../test/support/run-main.js';
import { openStore } from '../store/open-store.js';
import { setOrganisationStatus, upsertOrganisation } from '../store/organisations-repo.js';
import { ensureSource, routeEntity } from '../store/sources-repo.js';
import { recordSyncErrors } from '../store/sync-errors-repo.js';

const work = mkdtempSync(join(tmpdir(), 'lb-cli-options-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const dataDir = join(work, 'store');
const env = {
  DATABASE_URL: undefined,
  LEDGERBRIDGE_DATA_DIR: dataDir,
  LEDGERBRIDGE_SECRET_KEY: 'cli-options-test-secret-0123456789abcdef',
  XERO_CLIENT_ID: 'cli-options-test',
};
const cli = (...args: string[]) => runMain(args, { env });

/**
 * Two organisations, one source routed to each and an open sync error in each. Both are
 * disconnected, so a sync reaches no Xero: the report names the organisations it took.
 */
beforeAll(async () => {
  const init = await cli('init');
  expect(init.code, init.stderr).toBe(0);
  const { db } = await openStore({ dataDir }, 'existing');
  try {
    for (const [tenantId, name, source] of [
      ['t-alpha', 'Alpha Clinic', 'clinic'],
      ['t-beta', 'Beta Law', 'law'],
    ] as const) {
      await upsertOrganisation(db, { tenantId, name, connectionKind: 'oauth' });
      await setOrganisationStatus(db, tenantId, 'disconnected', 'test');
      await ensureSource(db, source, 'file');
      await routeEntity(db, source, 'default', tenantId);
      await recordSyncErrors(db, [
        {
          source,
          kind: 'invoice',
          sourceId: `${source}-inv-1`,
          tenantId,
          code: 'LB_SYNC_MAPPING_MISSING',
          message: `Invoice ${source}-inv-1 has no account`,
          fix: 'Map it.',
        },
      ]);
    }
  } finally {
    await db.close();
  }
});

describe('options the docs promise (in-process CLI)', () => {
  it('--version prints the package version', async () => {
    const pkg = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../package.json'), 'utf8'),
    ) as { version: string };
    const result = await cli('--version');
    expect(result).toEqual({
      code: 0,
      stdout: `${pkg.version}\n`,
      stderr: '',
    });
  });

  it('init on a new store suggests connecting Xero next', async () => {
    const result = await runMain(['init'], {
      env: { ...env, LEDGERBRIDGE_DATA_DIR: join(work, 'fresh') },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('Next: `ledgerbridge connect xero`');
  });

  it('sync --tenant takes only that organisation', async () => {
    const all = await cli('sync', '--once', '--json');
    const names = (out: string) =>
      (JSON.parse(out) as { organisations: { name: string }[] }).organisations.map((o) => o.name);
    expect(names(all.stdout)).toEqual(['Alpha Clinic', 'Beta Law']);
    const one = await cli('sync', '--once', '--tenant', 't-beta', '--json');
    expect(one.stderr).not.toMatch(/unknown option/);
    expect(names(one.stdout)).toEqual(['Beta Law']);
    const unknown = await cli('sync', '--once', '--tenant', 't-gamma');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /No Xero organisation t-gamma is connected .*\[LB_XERO_NOT_CONNECTED\]/,
    );
  });

  it('errors --tenant lists only that organisation’s errors; an unknown one is an error', async () => {
    const sourceIds = (out: string) =>
      (JSON.parse(out) as { sourceId: string }[]).map((e) => e.sourceId);
    expect(sourceIds((await cli('errors', '--json')).stdout)).toEqual([
      'clinic-inv-1',
      'law-inv-1',
    ]);
    const alpha = await cli('errors', '--tenant', 't-alpha', '--json');
    expect(alpha.code, alpha.stderr).toBe(0);
    expect(sourceIds(alpha.stdout)).toEqual(['clinic-inv-1']);
    const unknown = await cli('errors', '--tenant', 't-gamma');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('[LB_XERO_NOT_CONNECTED]');
  });

  it('retry --all --tenant retries only that organisation’s errors', async () => {
    const result = await cli('retry', '--all', '--tenant', 't-beta');
    expect(result.stdout).toContain('Beta Law: not-connected');
    expect(result.stdout).not.toContain('Alpha Clinic');
    expect(result.stderr).toMatch(/Beta Law is disconnected .*\[LB_SYNC_FAILED\]/);
  });
});
