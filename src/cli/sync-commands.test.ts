import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROCESS_BACKENDS, freshDatabase } from '../../test/support/backends.js';
import { runCli } from '../../test/support/run-cli.js';
import { connectToSandbox, sandboxCliEnv } from '../../test/support/sandbox-cli.js';
import { REDIRECT_URI } from '../../test/support/xero-world.js';
import { exampleContact, exampleInvoice, examplePayment } from '../ledger/test-support/examples.js';
import { validateDocument } from '../ledger/index.js';
import { startXeroSandbox } from '../sandbox/xero/index.js';
import { upsertDocuments } from '../store/documents-repo.js';
import { openStore } from '../store/open-store.js';
import { ensureSource } from '../store/sources-repo.js';

const work = mkdtempSync(join(tmpdir(), 'lb-sync-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * On one backend (PROCESS_BACKENDS): PostgreSQL when the run has it, as the map verbs' tests. The
 * 18 commands here took 1.2–3.4 s each on the embedded store, most of it booting PGlite in each
 * process (52 s for the test on a busy 2-core machine); the embedded CLI keeps its end-to-end tests
 * in cli.test.ts, warm/warm-store.test.ts and the demo's, and the sync on both backends in-process.
 */
describe.each(PROCESS_BACKENDS)(
  'sync verbs on %s (real processes against the sandbox)',
  (backend) => {
    it('route, map, dry-run, sync, errors, retry, settings, unlock and resync', async () => {
      const sandbox = await startXeroSandbox({
        organisations: [{ name: 'Harbour Physio Pty Ltd', region: 'AU' }],
      });
      const fresh = backend === 'postgres' ? await freshDatabase('postgres') : undefined;
      try {
        const app = sandbox.control.registerClient({ redirectUris: [REDIRECT_URI] });
        const dataDir = join(work, 'store');
        const env = sandboxCliEnv(sandbox, app, { databaseUrl: fresh?.url, dataDir });
        // Connect and load documents in-process (the import verb is tested on its own).
        const db = fresh?.db ?? (await openStore({ dataDir }, 'init')).db;
        const [org] = await connectToSandbox(db, sandbox, app);
        await ensureSource(db, 'clinic', 'file');
        const docs = [exampleContact, exampleInvoice, examplePayment].map((d) => {
          const v = validateDocument(d);
          if (!v.ok) throw new Error('invalid');
          return v.value;
        });
        await upsertDocuments(db, docs);
        // The embedded store is one process's at a time: let the CLI have it.
        if (!fresh) await db.close();
        const cli = (...args: string[]) => runCli(args, { env });

        const unrouted = await cli('sync', '--once');
        expect(unrouted.stdout).toContain('Not routed: clinic/default');
        expect((await cli('map', 'route', 'clinic/default')).code).toBe(0);
        for (const args of [
          ['line-kind', 'time', '200'],
          ['line-kind', 'product', '200'],
          ['tax-code', 'GST', 'OUTPUT'],
        ])
          expect((await cli('map', ...args)).code).toBe(0);

        const plan = await cli('sync', '--dry-run');
        // What it would do and cost first, then the decisions; a refusal to come is exit 3.
        expect(plan.code).toBe(3);
        expect(plan.stdout).toContain(
          [
            'Plan (nothing written):',
            'Harbour Physio Pty Ltd:',
            '  create    1 contact · 1 invoice',
            '  reject    1 payment',
            "  ≈ 2 Xero write calls: about 1 min at Xero's 60 calls a minute",
            // Every mapping missing, at once, before the decisions.
            '  Mappings to fix before these documents can go (1 missing; 3 of 4 mapped):',
            '    ✗ missing  payment method "card" — 1 document',
          ].join('\n'),
        );
        expect(plan.stdout).toMatch(
          /ACCOUNT_CODE --tenant \S+` \(`ledgerbridge map accounts` lists Xero’s\)\.\n3 decisions:/,
        );
        expect(plan.stderr).toMatch(/1 document would be refused .*\[LB_SYNC_INCOMPLETE\]/);
        expect(plan.stdout).toMatch(/create\s+contact Alex Morgan \(source id P-1001\)/);
        expect(plan.stdout).toMatch(/create\s+invoice INV-1001 \(source id INV-ID-77\)/);
        expect(plan.stdout).toMatch(/reject\s+payment PAY-9 — LB_MAPPING_MISSING/);
        const limited = await cli('sync', '--dry-run', '--limit', '1', '--json');
        const planJson = JSON.parse(limited.stdout) as {
          organisations: { planned: { operations: Record<string, Record<string, number>> } }[];
          plan: { detail: unknown[]; more: number };
        };
        expect(planJson.organisations[0]?.planned.operations).toEqual({
          create: { contact: 1, invoice: 1 },
          reject: { payment: 1 },
        });
        expect(planJson.plan.detail).toHaveLength(1);
        expect(planJson.plan.more).toBe(2);
        expect(sandbox.control.listDocuments(org!.tenantId, 'Invoices')).toHaveLength(0);

        const once = await cli('sync', '--once', '--json');
        expect(once.code, once.stderr).toBe(3);
        expect(once.stderr).toMatch(/^ledgerbridge: 1 document was refused/);
        const report = JSON.parse(once.stdout) as {
          organisations: { counts: { created: number; rejected: number } }[];
        };
        expect(report.organisations[0]?.counts).toMatchObject({ created: 2, rejected: 1 });

        const errors = await cli('errors');
        expect(errors.stdout).toContain('LB_MAPPING_MISSING (1)');
        expect(errors.stdout).toContain('ledgerbridge map payment-method "card" ACCOUNT_CODE');

        expect((await cli('map', 'payment-method', 'card', '090')).code).toBe(0);
        const check = await cli('map', 'check');
        expect(check.stdout).toContain('4 of 4 mappings valid');
        const retry = await cli('retry', '--all');
        expect(retry.code, retry.stderr).toBe(0);
        expect((await cli('errors')).stdout.trim()).toBe('No sync errors.');
        expect(sandbox.control.listDocuments(org!.tenantId, 'Payments')).toHaveLength(1);

        expect((await cli('settings', 'set', 'lockPushed', 'true')).code).toBe(0);
        const bad = await cli('settings', 'set', 'lockPushed', 'maybe');
        expect(bad.code).toBe(2);
        expect(
          (await cli('unlock', 'invoice', 'INV-ID-77', '--source', 'clinic')).stdout,
        ).toContain('the next sync pushes it again');

        const resync = await cli('resync', '--from', '2026-11-01', '--to', '2026-11-30');
        expect(resync.code, resync.stderr).toBe(0);
        expect(resync.stdout).toContain('updated 1');

        expect((await cli('unlock', 'invoice', 'INV-ID-77', '--source', 'clinic')).code).toBe(0);
        // Progress on stderr when asked (not a terminal here), and the log at debug: each call.
        const progressed = await runCli(['sync', '--once', '--progress'], {
          env: { ...env, LEDGERBRIDGE_LOG_LEVEL: 'debug' },
        });
        expect(progressed.code, progressed.stderr).toBe(0);
        expect(progressed.stderr).toMatch(
          /Harbour Physio Pty Ltd · invoices 1 of 1 · \d+ Xero calls/,
        );
        const logged = progressed.stderr
          .split('\n')
          .filter((line) => line.startsWith('{'))
          .map((line) => JSON.parse(line) as { msg: string; level: number });
        expect(logged.map((l) => l.msg)).toContain('Xero POST /Invoices: 200');
        expect(logged.map((l) => l.msg)).toContain('sync of Harbour Physio Pty Ltd succeeded');
        expect(progressed.stderr).not.toContain(app.clientSecret);
        expect(progressed.stderr).not.toMatch(/access_token|Bearer /);
      } finally {
        await fresh?.dispose();
        await sandbox.stop();
      }
    }, 180_000);
  },
);
