import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  PROCESS_BACKENDS,
  freshDatabase,
  type FreshDatabase,
} from '../../test/support/backends.js';
import {
  connectXeroInCli,
  freeRedirectUri,
  sandboxXeroEnv,
} from '../../test/support/connect-cli.js';
import { runCli } from '../../test/support/run-cli.js';
import { invoice, payment } from '../../test/support/sync-world.js';
import { TEST_SECRET } from '../../test/support/xero-world.js';
import { validateDocument } from '../ledger/index.js';
import { exampleContact } from '../ledger/test-support/examples.js';
import { startXeroSandbox } from '../sandbox/xero/index.js';
import type { Database } from '../store/database.js';
import { upsertDocuments } from '../store/documents-repo.js';
import { putMapping, type MappingType } from '../store/mappings-repo.js';
import { openStore } from '../store/open-store.js';
import { ensureSource, routeEntity } from '../store/sources-repo.js';

const work = mkdtempSync(join(tmpdir(), 'lb-keys-reset-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const NEW_SECRET = 'a-new-secret-after-the-old-one-was-lost';
const MAPPINGS: [MappingType, string, string][] = [
  ['line_kind_account', 'time', '200'],
  ['line_kind_account', 'product', '200'],
  ['tax_code', 'GST', 'OUTPUT'],
  ['payment_method_account', 'card', '090'],
];

interface SyncJson {
  organisations: { status: string; counts: { created: number; writeCalls: number } }[];
}

describe.each(PROCESS_BACKENDS)(
  'a lost LEDGERBRIDGE_SECRET_KEY on %s (real processes)',
  (backend) => {
    it('is refused, keys reset drops the tokens, connect and sync carry on with nothing duplicated', async () => {
      const sandbox = await startXeroSandbox({
        organisations: [{ name: 'Harbour Physio Pty Ltd', region: 'AU' }],
      });
      let fresh: FreshDatabase | undefined;
      try {
        const redirectUri = await freeRedirectUri();
        const app = sandbox.control.registerClient({ redirectUris: [redirectUri] });
        if (backend === 'postgres') fresh = await freshDatabase('postgres');
        const dataDir = join(work, `store-${backend}`);
        const env = {
          DATABASE_URL: fresh?.url,
          LEDGERBRIDGE_DATA_DIR: dataDir,
          LEDGERBRIDGE_SECRET_KEY: TEST_SECRET,
          ...sandboxXeroEnv(sandbox, app, redirectUri),
        };
        const withStore = async <T>(use: (db: Database) => Promise<T>): Promise<T> => {
          if (fresh) return use(fresh.db);
          const { db } = await openStore({ dataDir }, 'existing');
          try {
            return await use(db);
          } finally {
            await db.close();
          }
        };
        const ingest = (...records: unknown[]) =>
          withStore((db) =>
            upsertDocuments(
              db,
              records.map((r) => {
                const v = validateDocument(r);
                if (!v.ok) throw new Error(JSON.stringify(v.error));
                return v.value;
              }),
            ),
          );
        const links = () =>
          withStore((db) =>
            db.query<{ source_id: string; xero_id: string }>(
              'SELECT source_id, xero_id FROM links WHERE xero_id IS NOT NULL ORDER BY source_id',
            ),
          );
        const cli = (args: string[], e: Record<string, string | undefined> = env) =>
          runCli(args, { env: e });
        const live = (collection: string) =>
          sandbox.control
            .listDocuments(tenantId, collection)
            .filter((d) => !['DELETED', 'VOIDED', 'ARCHIVED'].includes(String(d.Status)));

        expect((await cli(['init'])).code).toBe(0);
        const first = await connectXeroInCli(env);
        expect(first.code, first.stderr).toBe(0);
        const [{ tenantId }] = JSON.parse(first.stdout) as [{ tenantId: string }];
        await withStore(async (db) => {
          await ensureSource(db, 'clinic', 'file');
          await routeEntity(db, 'clinic', 'default', tenantId);
          for (const [type, key, value] of MAPPINGS)
            await putMapping(db, { tenantId, source: '*', type, key, value });
        });
        await ingest(exampleContact, invoice(1), payment(1, 1));
        const synced = await cli(['sync', '--once', '--json']);
        expect(synced.code, synced.stderr).toBe(0);
        const before = await links();
        expect(before).toHaveLength(3);

        // The key is lost: another one is set. Everything that needs the tokens is refused.
        const lost = { ...env, LEDGERBRIDGE_SECRET_KEY: NEW_SECRET };
        for (const args of [
          ['sync', '--once'],
          ['connect', 'xero', '--client-credentials'],
        ]) {
          const refused = await cli(args, lost);
          expect(refused.code).toBe(1);
          expect(refused.stderr).toContain('[LB_SECRET_KEY_WRONG]');
          expect(refused.stderr).toContain('ledgerbridge keys reset');
        }
        const unconfirmed = await cli(['keys', 'reset'], lost); // stdin is a pipe, not a terminal
        expect(unconfirmed.code).toBe(2);
        expect(unconfirmed.stderr).toContain('ledgerbridge keys reset --yes');
        expect(unconfirmed.stderr).toContain('[LB_CONFIRMATION_NEEDED]');

        const reset = await cli(['keys', 'reset', '--yes', '--json'], lost);
        expect(reset.code, reset.stderr).toBe(0);
        expect(JSON.parse(reset.stdout)).toMatchObject({
          tokenSets: [{ id: expect.any(String) as unknown }],
          organisations: [{ tenantId, name: 'Harbour Physio Pty Ltd' }],
        });
        const status = JSON.parse((await cli(['status', '--json'], lost)).stdout) as {
          organisations: { status: string }[];
        };
        expect(status.organisations).toEqual([
          expect.objectContaining({ status: 'needs_reconnect' }),
        ]);
        const waiting = await cli(['sync', '--once', '--json'], lost);
        expect(waiting.code).toBe(1);
        expect(JSON.parse(waiting.stdout)).toMatchObject({
          organisations: [
            {
              status: 'not-connected',
              error: { message: 'Harbour Physio Pty Ltd needs reconnecting' },
            },
          ],
        });

        const again = await connectXeroInCli(lost);
        expect(again.code, again.stderr).toBe(0);
        const unchanged = await cli(['sync', '--once', '--json'], lost);
        expect(unchanged.code, unchanged.stderr).toBe(0);
        expect((JSON.parse(unchanged.stdout) as SyncJson).organisations[0]!.counts.writeCalls).toBe(
          0,
        );
        await ingest(invoice(2), payment(2, 2));
        const more = await cli(['sync', '--once', '--json'], lost);
        expect(more.code, more.stderr).toBe(0);
        expect((JSON.parse(more.stdout) as SyncJson).organisations[0]!.counts.created).toBe(2);

        expect(await links()).toEqual(expect.arrayContaining(before));
        expect(await links()).toHaveLength(5);
        const ours = live('Invoices').filter((i) => /^INV-\d$/.test(String(i.InvoiceNumber)));
        expect(ours.map((i) => i.InvoiceNumber).sort()).toEqual(['INV-1', 'INV-2']);
        expect(
          live('Contacts').filter((c) => String(c.Name).startsWith('Alex Morgan')),
        ).toHaveLength(1);
        expect(
          live('Payments')
            .map((p) => p.Reference)
            .sort(),
        ).toEqual(['pay-1', 'pay-2']);
      } finally {
        await fresh?.dispose();
        await sandbox.stop();
      }
    }, 240_000);
  },
);
