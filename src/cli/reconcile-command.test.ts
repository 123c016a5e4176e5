import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresUrl } from '../../test/support/backends.js';
import { runMain } from '../../test/support/run-main.js';
import { invoice, newSyncWorld, processEnv } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { exampleContact } from '../ledger/test-support/examples.js';
import { listAudit } from '../store/audit-repo.js';

// The CLI opens the store by DATABASE_URL, so this runs on PostgreSQL (the embedded store of a
// test world is in memory); src/reconcile/reconcile.test.ts covers both backends.
describe.runIf(postgresUrl)('`ledgerbridge reconcile`', () => {
  afterEach(disposeWorlds);

  it('reports, exits 4 while differences are open, writes every format, fixes and accepts', async () => {
    const w = await newSyncWorld({ backend: 'postgres' });
    await w.ingest(exampleContact, invoice(1), invoice(2));
    await w.sync();
    const env = processEnv(w);
    const clean = await runMain(['reconcile'], { env });
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
    expect(clean.stdout).toContain('Everything agrees.');

    const inv1 = w.xero('Invoices').find((i) => i.InvoiceNumber === 'INV-1')!;
    w.sandbox.control.bookkeeper.payInvoice(w.tenantId, String(inv1.InvoiceID), {
      amount: '20.00',
      accountCode: '090',
    });
    const open = await runMain(['reconcile', '--as-of', '2026-12-31'], { env });
    expect(open.code).toBe(4);
    expect(open.stderr).toContain('[LB_RECONCILE_DIFFERENCES]');
    const id = /\[([0-9a-f]{8})\] A \$20\.00 payment on invoice INV-1 was added in Xero/.exec(
      open.stdout,
    )?.[1];
    expect(id).toBeDefined();
    expect(open.stdout).toMatch(/In Xero, not in the practice system\s+1\s+20\.00\s+33\.3%/);
    expect(open.stdout).toContain('Alex Morgan: receivable 269.38 / 249.38');

    const dir = mkdtempSync(join(tmpdir(), 'lb-reconcile-'));
    for (const format of ['html', 'csv', 'json'])
      expect(
        (
          await runMain(['reconcile', '--format', format, '--out', join(dir, `r.${format}`)], {
            env,
          })
        ).code,
      ).toBe(4);
    const html = readFileSync(join(dir, 'r.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('@media print');
    expect(html).toContain('was added in Xero on');
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).toContain('<svg'); // the trend of earlier reconciliations
    const csv = readFileSync(join(dir, 'r.csv'), 'utf8').split('\r\n');
    expect(csv[0]).toBe(
      'organisation,id,category,kind,document,number,amount,changed_at,changed_by,explanation,cause,fix,accepted',
    );
    expect(csv[1]).toContain(`,${id},only_in_xero,payment_added,payment,`);
    const json = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as {
      result: { differences: { id: string }[] };
    }[];
    expect(json[0]!.result.differences.map((d) => d.id)).toEqual([id]);

    const notOffered = await runMain(['reconcile', 'fix', id!, '--repush'], { env });
    expect(notOffered.code).toBe(1);
    expect(notOffered.stderr).toContain('[LB_RECONCILE_FIX_NOT_OFFERED]');
    const accepted = await runMain(
      [
        'reconcile',
        'accept',
        id!,
        '--reason',
        'Paid by the bank feed; entered in the PMS next week',
      ],
      { env },
    );
    expect(accepted.code).toBe(0);
    const after = await runMain(['reconcile'], { env });
    expect(after.code).toBe(0);
    expect(after.stdout).toContain('(1 accepted difference(s) left out)');
    expect((await listAudit(w.db)).find((a) => a.action === 'reconcile-accept')).toMatchObject({
      detail: { difference: id, reason: 'Paid by the bank feed; entered in the PMS next week' },
    });
  });
});
