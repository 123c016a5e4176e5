import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  connectXeroInCli,
  freeRedirectUri,
  sandboxXeroEnv,
} from '../../test/support/connect-cli.js';
import { runCli } from '../../test/support/run-cli.js';
import { startCli, until } from '../../test/support/start-cli.js';
import { invoice, MAPPINGS } from '../../test/support/sync-world.js';
import { TEST_SECRET } from '../../test/support/xero-world.js';
import { validateDocument } from '../ledger/index.js';
import { exampleContact } from '../ledger/test-support/examples.js';
import { startXeroSandbox } from '../sandbox/xero/index.js';
import { upsertDocuments } from '../store/documents-repo.js';
import { putMapping } from '../store/mappings-repo.js';
import { openStore } from '../store/open-store.js';
import { ensureSource, routeEntity } from '../store/sources-repo.js';

const work = mkdtempSync(join(tmpdir(), 'lb-serve-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('`ledgerbridge serve` on the embedded store (a real process)', () => {
  it('syncs an imported practice by itself, answers health checks, and exits 0 on SIGTERM', async () => {
    const sandbox = await startXeroSandbox({
      organisations: [{ name: 'Harbour Physio Pty Ltd', region: 'AU' }],
    });
    try {
      const redirectUri = await freeRedirectUri();
      const app = sandbox.control.registerClient({ redirectUris: [redirectUri] });
      const dataDir = join(work, 'store');
      const env = {
        DATABASE_URL: undefined,
        LEDGERBRIDGE_DATA_DIR: dataDir,
        LEDGERBRIDGE_SECRET_KEY: TEST_SECRET,
        LEDGERBRIDGE_PORT: '0',
        LEDGERBRIDGE_SYNC_INTERVAL_MINUTES: '0.05',
        ...sandboxXeroEnv(sandbox, app, redirectUri),
      };
      expect((await runCli(['init'], { env })).code).toBe(0);
      const connected = await connectXeroInCli(env);
      expect(connected.code, connected.stderr).toBe(0);
      const [{ tenantId }] = JSON.parse(connected.stdout) as [{ tenantId: string }];
      const { db } = await openStore({ dataDir }, 'existing');
      try {
        await ensureSource(db, 'clinic', 'file');
        await routeEntity(db, 'clinic', 'default', tenantId);
        for (const [type, key, value] of MAPPINGS)
          await putMapping(db, { tenantId, source: '*', type, key, value });
        const docs = [exampleContact, invoice(1), invoice(2)].map((r) => {
          const v = validateDocument(r);
          if (!v.ok) throw new Error(JSON.stringify(v.error));
          return v.value;
        });
        await upsertDocuments(db, docs);
      } finally {
        await db.close();
      }

      const serve = startCli(['serve'], env);
      try {
        await until(() => /Serving on http:\/\/[^:]+:\d+/.test(serve.output()), 60_000);
        const base = /Serving on (http:\/\/[^:]+:\d+)/.exec(serve.output())![1]!;
        expect((await fetch(`${base}/healthz`)).status).toBe(200);
        const ready = await fetch(`${base}/readyz`);
        expect(await ready.json()).toEqual({
          status: 'ready',
          checks: { store: 'ok', queue: 'ok' },
        });
        await until(() => sandbox.control.listDocuments(tenantId, 'Invoices').length === 2, 60_000);
        serve.child.kill('SIGTERM');
        expect(await serve.exited, serve.output()).toBe(0);
      } finally {
        serve.child.kill('SIGKILL');
      }
    } finally {
      await sandbox.stop();
    }
  }, 180_000);
});
