import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PROCESS_BACKENDS, freshDatabase } from '../../test/support/backends.js';
import { runCli } from '../../test/support/run-cli.js';
import { connectToSandbox, sandboxCliEnv, trackInXero } from '../../test/support/sandbox-cli.js';
import { REDIRECT_URI } from '../../test/support/xero-world.js';
import { validateDocument } from '../ledger/index.js';
import { startXeroSandbox, type XeroSandbox } from '../sandbox/xero/index.js';
import type { Backend, Database } from '../store/database.js';
import { upsertDocuments } from '../store/documents-repo.js';
import { putMapping, type MappingType } from '../store/mappings-repo.js';
import { openStore } from '../store/open-store.js';
import { ensureSource, routeEntity } from '../store/sources-repo.js';

const work = mkdtempSync(join(tmpdir(), 'lb-map-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The example files of docs/ledger-format.md (contacts, invoices, credit notes, payments). */
function docsExample() {
  const page = readFileSync(join(import.meta.dirname, '../../docs/ledger-format.md'), 'utf8');
  const section = page.slice(page.indexOf('### Example files'), page.indexOf('### CSV layout'));
  const records = [...section.matchAll(/```jsonl\n([\s\S]*?)```/g)]
    .flatMap((m) => m[1]!.trim().split('\n'))
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((r) => r.deleted !== true);
  return records.map((r) => {
    const v = validateDocument(r, { source: 'clinic' });
    if (!v.ok) throw new Error(JSON.stringify(v.error));
    return v.value;
  });
}

/** A store on the backend, connected to the sandbox, holding the docs' example, routed. */
async function connectedStore(backend: Backend, sandbox: XeroSandbox) {
  const app = sandbox.control.registerClient({ redirectUris: [REDIRECT_URI] });
  const fresh = backend === 'postgres' ? await freshDatabase('postgres') : undefined;
  const dataDir = join(work, `store-${backend}`);
  const db: Database = fresh?.db ?? (await openStore({ dataDir }, 'init')).db;
  const [org] = await connectToSandbox(db, sandbox, app);
  await ensureSource(db, 'clinic', 'file');
  await routeEntity(db, 'clinic', 'default', org!.tenantId);
  await upsertDocuments(db, docsExample());
  // The embedded store is one process's at a time: let the CLI have it.
  if (!fresh) await db.close();
  const tenantId = org!.tenantId;
  return {
    tenantId,
    /** Puts mappings in the store directly. */
    async map(rows: [MappingType, string, string][]) {
      const into = fresh?.db ?? (await openStore({ dataDir }, 'existing')).db;
      for (const [type, key, value] of rows)
        await putMapping(into, { tenantId, source: '*', type, key, value });
      if (!fresh) await into.close();
    },
    env: sandboxCliEnv(sandbox, app, { databaseUrl: fresh?.url, dataDir }),
    dispose: () => fresh?.dispose(),
  };
}

const MISSING = [
  'time lines — 2 documents (categories: Initial consultation)',
  'product lines — 1 document',
  'expense lines — 1 document',
  'other lines — 1 document',
  'tax code "GST" — 3 documents',
  'tax code "GST_FREE" — 1 document',
  'tracking "Practitioner=Dr Lee" — 1 document',
  'payment method "card" — 1 document',
  'payment method "eft" — 1 document',
];

describe.each(PROCESS_BACKENDS)(
  'map verbs on %s (real processes against the sandbox)',
  (backend) => {
    it('the docs’ example: every missing mapping at once, Xero’s choices listed, tracking mapped', async () => {
      const sandbox = await startXeroSandbox({
        organisations: [{ name: 'Harbour Physio Pty Ltd', region: 'AU' }],
      });
      const store = await connectedStore(backend, sandbox);
      try {
        // Xero's Practitioner category has Dr Okafor, not the docs' Dr Lee.
        trackInXero(sandbox, store.tenantId, { Practitioner: ['Dr Okafor'], Region: ['North'] });
        const cli = (...args: string[]) => runCli(args, { env: store.env });

        const check = await cli('map', 'check');
        expect(check.code, check.stderr).toBe(3);
        expect(check.stderr).toContain('LB_MAPPINGS_INCOMPLETE');
        expect(check.stdout).toContain(
          'Harbour Physio Pty Ltd: the documents to push need 9 mappings — 0 mapped, 9 missing, 0 invalid:',
        );
        for (const need of MISSING) expect(check.stdout).toContain(`✗ missing  ${need}`);
        expect(check.stdout).toContain('No mappings set yet.');
        expect(check.stdout).not.toContain('0 of 0');

        const plan = await cli('sync', '--dry-run', '--json');
        expect(plan.code).toBe(3);
        const planned = JSON.parse(plan.stdout) as {
          organisations: { mappings: { key: string; status: string; fix: string }[] }[];
        };
        const needs = planned.organisations[0]!.mappings;
        expect(needs).toHaveLength(9);
        expect(needs.every((n) => n.status === 'missing')).toBe(true);
        const text = await cli('sync', '--dry-run');
        expect(text.stdout).toContain(
          '  Mappings to fix before these documents can go (9 missing; 0 of 9 mapped):',
        );
        for (const need of MISSING) expect(text.stdout).toContain(`✗ missing  ${need}`);

        const accounts = await cli('map', 'accounts');
        expect(accounts.stdout).toMatch(/^ {2}200 +Sales +REVENUE +ACTIVE *$/m);
        expect(accounts.stdout).toMatch(/^ {2}090 +.+ +BANK +ACTIVE +yes$/m);
        const taxTypes = await cli('map', 'tax-types', '--tenant', store.tenantId);
        expect(taxTypes.stdout).toMatch(/^ {2}EXEMPTOUTPUT +GST Free Income +0(\.0+)? +ACTIVE$/m);
        const tracking = await cli('map', 'tracking-categories', '--json');
        expect(JSON.parse(tracking.stdout)).toContainEqual({
          category: 'Practitioner',
          option: 'Dr Okafor',
          status: 'ACTIVE',
        });

        // Two through the command (the rest as it would: a process each is slow under load).
        expect((await cli('map', 'tax-code', 'GST_FREE', 'EXEMPTOUTPUT')).code).toBe(0);
        expect((await cli('map', 'payment-method', 'card', '090')).code).toBe(0);
        await store.map([
          ['line_kind_account', 'time', '200'],
          ['line_kind_account', 'product', '200'],
          ['line_kind_account', 'expense', '200'],
          ['line_kind_account', 'other', '200'],
          ['tax_code', 'GST', 'OUTPUT'],
          ['payment_method_account', 'eft', '090'],
        ]);
        const once = await cli('sync', '--once');
        expect(once.code).toBe(3);
        const errors = await cli('errors');
        expect(errors.stdout).toContain('ledgerbridge map tracking "Practitioner=Dr Lee"');
        expect(errors.stdout).toContain(
          'credit note CN-0003 (source id CN-ID-3): Its allocation of 15.00 to invoice INV-1001 (source id INV-ID-77) waits',
        );

        const slash = await cli('map', 'tracking', 'Practitioner/Dr Lee', 'Region=North');
        expect(slash.code).toBe(2);
        expect(slash.stderr).toContain('"Practitioner/Dr Lee" is not CATEGORY=OPTION');
        expect((await cli('map', 'tracking', 'Practitioner=Dr Lee', 'Region=North')).code).toBe(0);
        const after = await cli('map', 'check');
        expect(after.code, after.stderr).toBe(0);
        expect(after.stdout).toContain('✓ mapped   tracking "Practitioner=Dr Lee" → Region=North');
        expect(after.stdout).toContain('9 of 9 mappings valid');
        const fixed = await cli('sync', '--once');
        expect(fixed.code, fixed.stderr).toBe(0);
        expect((await cli('errors')).stdout.trim()).toBe('No sync errors.');
      } finally {
        await store.dispose();
        await sandbox.stop();
      }
    }, 420_000);
  },
);
