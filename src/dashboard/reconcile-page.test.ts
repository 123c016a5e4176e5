/**
 * The reconciliation page through the server app as `serve` builds it, on both backends: the
 * latest reconciliation's summary and differences in words, the trend, and the actions — run now,
 * re-push, accept with a reason — for the roles that may reconcile, none for a viewer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { serverWorld, signedInAs, type ServerWorld } from '../../test/support/server-world.js';
import type { BankAccountCheck } from '../reconcile/bank-accounts.js';
import type { Difference, Summary } from '../reconcile/model.js';
import { listAudit } from '../store/audit-repo.js';
import { upsertOrganisation } from '../store/organisations-repo.js';
import { saveDifferences } from '../store/reconcile-differences-repo.js';
import { saveXeroCopy } from '../store/reconcile-repo.js';
import { finishRun, startRun } from '../store/runs-repo.js';

const TENANT = 'tenant-reconcile';
const total = (count: number, amount: string, share: string) => ({ count, amount, share });
const SUMMARY: Summary = {
  compared: 10,
  agree: total(8, '800.00', '80.0'),
  missing_in_xero: total(1, '110.00', '10.0'),
  only_in_xero: total(0, '0.00', '0.0'),
  different: total(0, '0.00', '0.0'),
  changed_in_xero: total(1, '50.00', '10.0'),
  accepted: 0,
};
const missing: Difference = {
  ref: 'missing:clinic/invoice/INV-ID-77',
  id: 'aaaa1111',
  state: 's1',
  category: 'missing_in_xero',
  kind: 'missing_in_xero',
  document: { kind: 'invoice', number: 'INV-1001', source: 'clinic', sourceId: 'INV-ID-77' },
  amount: '110.00',
  explanation: 'Invoice INV-1001 for 110.00 is in the practice system but not in Xero',
  cause: 'It was deleted in Xero, or never sent',
  fix: 'Send it again',
  offers: ['repush', 'accept'],
  accepted: false,
} as unknown as Difference;
const paidInXero: Difference = {
  ...missing,
  ref: 'payment_added:xero/Payments/p-1',
  id: 'bbbb2222',
  category: 'changed_in_xero',
  document: { kind: 'payment', xeroId: 'p-1' },
  amount: '50.00',
  changedAt: '2026-12-03T09:00:00.000Z',
  explanation: 'A 50.00 payment on INV-1002 was added in Xero on 3 Dec',
  cause: 'Applied through the bank feed',
  offers: ['accept'],
} as unknown as Difference;

const OPERATING: Partial<BankAccountCheck> = {
  code: '090',
  name: 'Operating',
  ledger: '1000.00',
  xero: '1120.00',
  difference: '120.00',
  agrees: false,
  explanation:
    "Xero holds $120.00 more on Operating (090) than the practice's ledger posted: 2 payments ($120.00 in) entered in Xero.",
  cause:
    'Money recorded in Xero itself — often from the bank feed — that Ledgerbridge did not post.',
  fix: 'Record them in the practice system, or delete them in Xero if they do not belong there.',
};

describe.each(BACKENDS)('the reconciliation page on %s', (backend) => {
  let world: ServerWorld;
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  beforeAll(async () => {
    world = await serverWorld(backend);
    const { db } = world.fresh;
    for (const role of ['accountant', 'viewer'] as const)
      sessions.set(role, await signedInAs(world.app, world.fresh.db, role));
    await upsertOrganisation(db, {
      tenantId: TENANT,
      name: 'Harbour Law',
      connectionKind: 'oauth',
    });
    for (const differences of [[missing], [missing, paidInXero]]) {
      const runId = await startRun(db, 'reconcile', undefined, TENANT);
      await saveDifferences(
        db,
        runId,
        TENANT,
        differences.map((d) => ({ ...d, detail: { ...d } })),
      );
      await finishRun(db, runId, 'succeeded', { summary: SUMMARY, banks: [OPERATING] });
    }
  });
  afterAll(async () => world.dispose());

  const get = async (role: string, path: string) => {
    const res = await world.app.request(path, {
      headers: { cookie: sessions.get(role)!.cookie, accept: 'text/html' },
    });
    return { status: res.status, text: await res.text() };
  };
  const post = (role: string, path: string, fields: Record<string, string> = {}) =>
    world.app.request(path, {
      method: 'POST',
      headers: {
        cookie: sessions.get(role)!.cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ ...fields, _csrf: sessions.get(role)!.csrf }).toString(),
    });

  it('shows the latest reconciliation in words with its trend; actions only to those who may reconcile', async () => {
    const page = await get('accountant', '/reconciliation');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Harbour Law');
    expect(page.text).toContain('2 difference(s) open.');
    expect(page.text).toContain('Missing in Xero');
    expect(page.text).toContain('A 50.00 payment on INV-1002 was added in Xero on 3 Dec');
    expect(page.text).toContain('Applied through the bank feed');
    expect(page.text).toContain('<svg'); // two runs: a trend
    expect(page.text).toContain('Operating (090)');
    expect(page.text).toContain(
      'Xero holds $120.00 more on Operating (090) than the practice&#39;s ledger posted: 2 payments ($120.00 in) entered in Xero.',
    );
    expect(page.text).toContain('Reconcile now');
    expect(page.text).toContain('Send again from the PMS');
    expect(page.text).toContain('action="/reconciliation/bbbb2222/accept"');
    const viewer = await get('viewer', '/reconciliation');
    expect(viewer.text).toContain('A 50.00 payment on INV-1002');
    expect(viewer.text).not.toContain('<form method="post" action="/reconciliation');
    expect((await post('viewer', '/reconciliation/run')).status).toBe(403);
    expect((await post('viewer', '/reconciliation/bbbb2222/accept', { reason: 'x' })).status).toBe(
      403,
    );
  });

  it('queues a reconciliation, marks a document to send again, and accepts a difference with a reason', async () => {
    const run = await post('accountant', '/reconciliation/run');
    expect(run.headers.get('location')).toBe('/reconciliation?notice=reconcile-queued&n=1');
    const fix = await post('accountant', '/reconciliation/aaaa1111/fix', { action: 'repush' });
    expect(fix.status).toBe(303);
    expect((await post('accountant', '/reconciliation/bbbb2222/fix', { action: 'repush' })).status).toBe(409); // prettier-ignore
    expect((await post('accountant', '/reconciliation/bbbb2222/accept', { reason: ' ' })).status).toBe(400); // prettier-ignore
    expect((await post('accountant', '/reconciliation/cccc3333/accept', { reason: 'x' })).status).toBe(404); // prettier-ignore
    const accepted = await post('accountant', '/reconciliation/bbbb2222/accept', {
      reason: 'Paid by bank transfer; recorded in Clio tomorrow',
    });
    expect(accepted.headers.get('location')).toBe('/reconciliation?notice=accepted');
    const audit = await listAudit(world.fresh.db);
    expect(audit.find((a) => a.action === 'reconcile-accept')).toMatchObject({
      actor: 'accountant@example.com',
      tenantId: TENANT,
    });
    expect(audit.find((a) => a.action === 'reconcile-fix-repush')).toMatchObject({
      sourceId: 'INV-ID-77',
    });
  });
  it('sends a payment changed in Xero again, and refuses one reconciled there, saying what to do', async () => {
    const { db } = world.fresh;
    const tenant = 'tenant-payments';
    await upsertOrganisation(db, { tenantId: tenant, name: 'Bayside', connectionKind: 'oauth' });
    const changed = (id: string, sourceId: string) =>
      ({
        ...missing,
        ref: `payment_changed:clinic/payment/${sourceId}`,
        id,
        kind: 'payment_changed',
        category: 'changed_in_xero',
        document: { kind: 'payment', source: 'clinic', sourceId, xeroId: `x-${sourceId}` },
        explanation: `Our payment ${sourceId} on invoice INV-7 was changed in Xero`,
      }) as unknown as Difference;
    const runId = await startRun(db, 'reconcile', undefined, tenant);
    const differences = [changed('dddd4444', 'pay-1'), changed('eeee5555', 'pay-2')];
    await saveDifferences(db, runId, tenant, differences.map((d) => ({ ...d, detail: { ...d } }))); // prettier-ignore
    await finishRun(db, runId, 'succeeded', { summary: SUMMARY });
    const payment = { collection: 'Payments', status: 'AUTHORISED', updatedAt: 1, invoiceId: 'x-inv', amount: '45.00', date: '2026-11-09' }; // prettier-ignore
    await saveXeroCopy(db, tenant, [
      { id: 'x-inv', collection: 'Invoices', status: 'AUTHORISED', updatedAt: 1, number: 'INV-7' },
      { ...payment, id: 'x-pay-1' },
      { ...payment, id: 'x-pay-2', reconciled: true },
    ]);
    const page = (await get('accountant', '/reconciliation')).text;
    expect(page).toContain('action="/reconciliation/eeee5555/fix"');
    expect(page).toContain('Send again from the PMS: ');
    expect((await post('accountant', '/reconciliation/dddd4444/fix', { action: 'repush' })).status).toBe(303); // prettier-ignore
    const refused = await post('accountant', '/reconciliation/eeee5555/fix', { action: 'repush' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(
      /^The \$45\.00 payment of 9 Nov 2026 on invoice INV-7 is reconciled in Xero, .*; nothing was changed\. In Xero, unreconcile it first/,
    );
  });

  it('shows thousands of differences a page at a time, by key, with links either side', async () => {
    const { db } = world.fresh;
    await upsertOrganisation(db, { tenantId: 'tenant-many', name: 'Northside', connectionKind: 'oauth' }); // prettier-ignore
    const many = Array.from({ length: 250 }, (_, i) => ({
      ...missing,
      ref: `missing:clinic/invoice/INV-${String(i).padStart(4, '0')}`,
      id: `many${i}`,
      category: i % 2 === 1 ? 'changed_in_xero' : 'missing_in_xero',
      explanation: `Entry ${i} differs`,
      accepted: i < 3,
    })) as unknown as Difference[];
    const runId = await startRun(db, 'reconcile', undefined, 'tenant-many');
    await saveDifferences(
      db,
      runId,
      'tenant-many',
      many.map((d) => ({ ...d, detail: { ...d } })),
    );
    await finishRun(db, runId, 'succeeded', { summary: SUMMARY });
    // The report's order (category, then ref), the three accepted ones left out.
    const expected = many
      .filter((d) => !d.accepted)
      .sort((a, b) => a.category.localeCompare(b.category) || a.ref.localeCompare(b.ref))
      .map((d) => d.explanation);
    const entries = (text: string) => [...text.matchAll(/Entry \d+ differs/g)].map((m) => m[0]);
    const link = (text: string, label: string) =>
      new RegExp(`href="([^"]*)">${label}<`).exec(text.slice(text.indexOf('id="differences-tenant-many"')))?.[1]?.replaceAll('&amp;', '&'); // prettier-ignore
    const first = (await get('viewer', '/reconciliation')).text;
    expect(first).toContain('247 difference(s) open.');
    expect(first).toContain('Showing 1–100 of 247.');
    expect(first).toContain('aria-label="Pages of differences for Northside"');
    expect(first).toContain('2 difference(s) open.'); // Harbour Law: its first (only) page
    expect(link(first, 'Previous 100')).toBeUndefined();
    const seen = [...entries(first)];
    let text = first;
    const walked: string[] = [];
    for (let next = link(first, 'Next 100'); next; next = link(text, 'Next 100')) {
      walked.push(next);
      text = (await get('viewer', next)).text;
      seen.push(...entries(text));
    }
    expect(seen).toEqual(expected);
    expect(walked).toHaveLength(2);
    expect(text).toContain('Showing 201–247 of 247.');
    expect(link(text, 'First page')).toBe('/reconciliation#differences-tenant-many');
    const back = (await get('viewer', link(text, 'Previous 100')!)).text;
    expect(back).toContain('Showing 101–200 of 247.');
    expect(entries(back)).toEqual(expected.slice(100, 200));
    expect(link(back, 'Next 100')).toBe(walked[1]);
    // Accepting on page 2 comes back to page 2 (the acceptance counts from the next reconciliation).
    const [path, fragment] = walked[0]!.split('#');
    const query = path!.split('?')[1]!;
    const mine = (await get('accountant', path!)).text;
    expect(mine).toContain(
      `<input type="hidden" name="page" value="${query.replaceAll('&', '&amp;')}" />`,
    );
    const id = `many${/Entry (\d+) differs/.exec(expected[100]!)![1]}`;
    const res = await post('accountant', `/reconciliation/${id}/accept`, {
      reason: 'Checked',
      page: query,
    });
    expect(res.headers.get('location')).toBe(`${path}&notice=accepted#${fragment}`);
    const after = (await get('accountant', path!)).text;
    expect(after).toContain('Showing 101–200 of 247.');
    expect(entries(after)).toEqual(expected.slice(100, 200));
  });
});
