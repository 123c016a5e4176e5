import { afterEach, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../../test/support/backends.js';
import type { Invoice, Payment, CreditNote } from '../ledger/index.js';
import { runDemo, type DemoEvents } from './run-demo.js';
import { DEMO_ORGANISATIONS } from './demo-practice.js';

const quiet: DemoEvents = {
  step: () => undefined,
  imported: () => undefined,
  synced: () => undefined,
  errors: () => undefined,
};

// One backend is enough: the demo always runs on the embedded store.
describe('the demo, end to end', () => {
  let fresh: FreshDatabase | undefined;
  afterEach(async () => fresh?.dispose());

  it('leaves every organisation equal to the practice’s books, with the fix applied and nothing refused', async () => {
    fresh = await freshDatabase('pglite');
    const seen: string[] = [];
    const result = await runDemo(fresh.db, { ...quiet, step: (t) => seen.push(t) });
    expect(result.first.organisations.map((o) => o.status)).toEqual([
      'succeeded',
      'partial',
      'succeeded',
    ]);
    expect(result.first.organisations[1]?.counts).toMatchObject({ rejected: 2, waiting: 2 });
    expect(result.second.organisations.every((o) => o.status === 'succeeded')).toBe(true);
    expect(result.errorsAfter).toEqual([]);
    expect(seen.some((s) => s.includes('Applied the fix'))).toBe(true);

    // What Xero holds, read back from the store's links: every live invoice pushed once, paid as in the PMS.
    const docs = await fresh.db.query<{
      kind: string;
      content: Invoice | Payment | CreditNote;
      deleted: boolean;
      entity: string;
      source: string;
      xero_id: string | null;
      state: Record<string, unknown>;
    }>(
      `SELECT d.kind, d.content, d.deleted_at IS NOT NULL AS deleted, d.entity, d.source, l.xero_id, l.state
       FROM documents d LEFT JOIN links l USING (source, kind, source_id) WHERE d.kind IN ('invoice', 'payment')`,
    );
    const invoices = docs.filter((d) => d.kind === 'invoice');
    const payments = docs.filter((d) => d.kind === 'payment' && !d.deleted);
    expect(
      invoices.filter((d) => (d.content as Invoice).status !== 'void').every((d) => d.xero_id),
    ).toBe(true);
    expect(payments.every((d) => d.xero_id)).toBe(true);
    expect(docs.filter((d) => d.kind === 'payment' && d.deleted).every((d) => !d.xero_id)).toBe(
      true,
    );
    expect(DEMO_ORGANISATIONS).toHaveLength(3);
  }, 120_000);
});
