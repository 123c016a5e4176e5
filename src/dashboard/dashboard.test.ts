/**
 * The dashboard through the server app as `serve` builds it, on both backends: pages render for
 * a signed-in user, a role's forbidden controls are absent and refused, forms need the CSRF
 * token, retry / unlock / sync now do what the API and CLI do, and the audit log exports.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { serverWorld, signedInAs, type ServerWorld } from '../../test/support/server-world.js';
import { exampleContact, exampleInvoice } from '../ledger/test-support/examples.js';
import { validateDocument } from '../ledger/validate.js';
import { documentId } from '../store/document-id.js';
import { upsertDocuments } from '../store/documents-repo.js';
import { getLink, saveLinks } from '../store/links-repo.js';
import { upsertOrganisation } from '../store/organisations-repo.js';
import { ensureSource } from '../store/sources-repo.js';
import { listOpenSyncErrors, recordSyncErrors } from '../store/sync-errors-repo.js';
import { loadSyncSettings } from '../sync/sync-settings.js';

const PASSWORD = 'correct horse battery';
const TENANT = 'tenant-dash';
const invoiceKey = { source: 'clinic', kind: 'invoice' as const, sourceId: 'INV-ID-77' };

const PMS_URL = 'https://harbour.au1.cliniko.com/invoices/1001';

describe.each(BACKENDS)('the dashboard on %s', (backend) => {
  let world: ServerWorld;
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  beforeAll(async () => {
    world = await serverWorld(backend);
    const { db } = world.fresh;
    for (const role of ['admin', 'viewer'] as const)
      sessions.set(role, await signedInAs(world.app, db, role, PASSWORD));
    await upsertOrganisation(db, {
      tenantId: TENANT,
      name: 'Harbour Physio',
      connectionKind: 'oauth',
    });
    await ensureSource(db, 'clinic', 'file');
    await upsertDocuments(
      db,
      [exampleContact, { ...exampleInvoice, sourceUrl: PMS_URL }].map((d) => {
        const v = validateDocument(d);
        if (!v.ok) throw new Error('invalid example');
        return v.value;
      }),
    );
  });
  afterAll(async () => world.dispose());

  const get = async (role: string, path: string) => {
    const res = await world.app.request(path, {
      headers: { cookie: sessions.get(role)!.cookie, accept: 'text/html' },
    });
    return { status: res.status, text: await res.text() };
  };
  const post = (role: string, path: string, fields: Record<string, string> = {}, csrf = true) =>
    world.app.request(path, {
      method: 'POST',
      headers: {
        cookie: sessions.get(role)!.cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        ...fields,
        ...(csrf && { _csrf: sessions.get(role)!.csrf }),
      }).toString(),
    });

  it('shows the overview with Sync now to an admin, without it to a viewer, and refuses the viewer', async () => {
    const admin = await get('admin', '/');
    expect(admin.status).toBe(200);
    expect(admin.text).toContain('Harbour Physio');
    expect(admin.text).toContain('Sync now');
    expect(admin.text).toContain('href="/users"');
    const viewer = await get('viewer', '/');
    expect(viewer.text).toContain('Harbour Physio');
    expect(viewer.text).not.toContain('Sync now');
    expect(viewer.text).not.toContain('href="/users"');
    expect((await post('viewer', '/sync-now')).status).toBe(403);
    expect((await get('viewer', '/users')).status).toBe(403);
    expect((await post('admin', '/sync-now', {}, false)).status).toBe(403);
    const queued = await post('admin', '/sync-now', { tenantId: TENANT });
    expect(queued.status).toBe(303);
    expect(queued.headers.get('location')).toBe('/?notice=queued&n=1');
  });

  it('groups sync errors by cause, retries one, and logs who did it', async () => {
    const { db } = world.fresh;
    await saveLinks(db, [{ ...invoiceKey, tenantId: TENANT, xeroId: null, pushedHash: null }]);
    await recordSyncErrors(db, [
      {
        ...invoiceKey,
        tenantId: TENANT,
        code: 'LB_MAPPING_MISSING',
        message: 'Line kind "time" has no account',
        xeroMessage: null,
        fix: 'Map it: ledgerbridge map line-kind time CODE',
      },
    ]);
    const page = await get('admin', '/sync-errors');
    expect(page.text).toContain('has no Xero mapping yet (1)');
    expect(page.text).toContain('Line kind &quot;time&quot; has no account');
    expect(page.text).toContain(`/documents/${documentId(invoiceKey)}`);
    expect((await get('viewer', '/sync-errors')).text).not.toContain('Retry');
    const [error] = await listOpenSyncErrors(db);
    const res = await post('admin', `/sync-errors/${error!.id}/retry`);
    expect(res.status).toBe(303);
    expect(await getLink(db, invoiceKey, TENANT)).toBeUndefined(); // the skip is forgotten
    const csv = await get('admin', '/audit.csv?action=sync_errors.retry');
    expect(csv.text.split('\r\n')[1]).toMatch(/^\d+,[^,]+,admin@example\.com,sync_errors\.retry,/);
  });

  it('finds a document by contact and number, shows its history, and unlocks it', async () => {
    const { db } = world.fresh;
    const found = await get('viewer', '/documents?contact=alex&number=INV-1001');
    expect(found.text).toContain('invoice INV-1001');
    expect((await get('viewer', '/documents?contact=nobody')).text).toContain(
      'No document matches',
    );
    await saveLinks(db, [
      { ...invoiceKey, tenantId: TENANT, xeroId: 'a1b2', xeroNumber: 'INV-1001', pushedHash: 'h' },
    ]);
    const path = `/documents/${documentId(invoiceKey)}`;
    const doc = await get('admin', path);
    expect(doc.text).toContain('AccountsReceivable/View.aspx?InvoiceID=a1b2');
    expect(doc.text).toContain(`href="${PMS_URL}"`);
    expect(doc.text).toContain('Unlock &amp; re-push');
    expect((await get('viewer', path)).text).not.toContain('Unlock');
    expect((await post('admin', `${path}/unlock`)).status).toBe(303);
    expect(await getLink(db, invoiceKey, TENANT)).toMatchObject({
      locked: false,
      pushedHash: null,
    });
    expect((await get('admin', path)).text).toContain('document.unlock');
  });

  it('serves the same search and document through the API, cursor-paged', async () => {
    const api = async (path: string) => {
      const res = await world.app.request(`/api${path}`, {
        headers: { cookie: sessions.get('viewer')!.cookie },
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    type Page = { items: { id: string; kind: string; contact: string }[]; next_cursor: string };
    const first = (await api('/documents?contact=ALEX&limit=1')).body as Page;
    expect(first.items.map((d) => d.kind)).toEqual(['contact']);
    const second = (await api(`/documents?contact=ALEX&limit=1&cursor=${first.next_cursor}`))
      .body as Page;
    expect(second.items).toMatchObject([{ kind: 'invoice', contact: 'Alex Morgan' }]);
    expect(second.next_cursor).toBeNull();
    const one = await api(`/documents/${second.items[0]!.id}`);
    expect(one.body).toMatchObject({
      document: { number: 'INV-1001' },
      links: [{ tenantId: TENANT }],
    });
    expect((await api('/documents/not-an-id')).status).toBe(404);
    expect((await api('/documents?from=yesterday')).status).toBe(400);
  });

  it("shows settings to a viewer read-only and validates an admin's change before saving", async () => {
    expect((await get('viewer', '/settings')).text).not.toContain('Save settings');
    expect((await post('viewer', '/settings', { syncPayments: 'true' })).status).toBe(403);
    const bad = await post('admin', '/settings', { pushStatuses: 'paid', issueDateFrom: 'soon' });
    expect(bad.status).toBe(400);
    const refused = await bad.text();
    expect(refused).toContain(
      'Not saved: Invoices issued from &quot;soon&quot; expected YYYY-MM-DD',
    );
    // What was typed stays in the form, to be corrected.
    expect(refused).toContain('value="soon"');
    expect(refused).toMatch(/value="paid"[^>]*checked/);
    expect(await loadSyncSettings(world.fresh.db, '')).toMatchObject({ syncPayments: true });
    const body = new URLSearchParams([
      ['pushStatuses', 'paid'],
      ['pushStatuses', 'draft'],
      ['issueDateFrom', '2026-07-01'],
      ['_csrf', sessions.get('admin')!.csrf],
    ]);
    const res = await world.app.request('/settings', {
      method: 'POST',
      headers: {
        cookie: sessions.get('admin')!.cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: body.toString(),
    });
    expect(res.status).toBe(303);
    expect(await loadSyncSettings(world.fresh.db, '')).toMatchObject({
      pushStatuses: ['paid', 'draft'],
      issueDateFrom: '2026-07-01',
      syncPayments: false,
    });
  });

  it('lets an admin add a user and create a key shown once', async () => {
    const added = await post('admin', '/users', {
      email: 'acct@example.com',
      password: PASSWORD,
      role: 'accountant',
    });
    expect(added.status).toBe(303);
    expect((await get('admin', '/users')).text).toContain('acct@example.com');
    const short = await post('admin', '/users', {
      email: 'b@example.com',
      password: 'x',
      role: 'viewer',
    });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('12');
    const created = await post('admin', '/api-keys', { role: 'viewer', label: 'reports' });
    expect(await created.text()).toMatch(/lbk_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{43}/);
    expect((await get('admin', '/api-keys')).text).not.toMatch(
      /lbk_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{43}/,
    );
  });
});
