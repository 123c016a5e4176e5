/**
 * The Setup page through the server app as `serve` builds it, against the Xero sandbox over real
 * HTTP, on both backends: an entity routed, a missing mapping chosen from the organisation's
 * chart and saved, a choice Xero would refuse refused naming it, a mapping the chart no longer
 * accepts bannered on every page until it is chosen again, and a viewer kept out.
 */
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { signedInAs } from '../../test/support/server-world.js';
import { makeXeroWorld, TEST_SECRET, type XeroWorld } from '../../test/support/xero-world.js';
import { loadConfig } from '../config/load-config.js';
import type { AuthEnv } from '../http/principal.js';
import { exampleContact, exampleInvoice, examplePayment } from '../ledger/test-support/examples.js';
import { validateDocument } from '../ledger/validate.js';
import { makeLogger } from '../log/logger.js';
import type { JobQueue } from '../queue/job-queue.js';
import { openJobQueue } from '../queue/pg-boss-queue.js';
import { serverApp } from '../service/server-app.js';
import { upsertDocuments } from '../store/documents-repo.js';
import { readNeedsChecks } from '../store/mapping-needs-repo.js';
import { listMappings } from '../store/mappings-repo.js';
import { ensureEntity, ensureSource, listRoutes } from '../store/sources-repo.js';
import { runSync } from '../sync/run-sync.js';
import { makeSettingsCache } from '../xero/organisation-settings.js';

const PASSWORD = 'correct horse battery';

describe.each(BACKENDS)('the Setup page on %s', (backend) => {
  let world: XeroWorld;
  let queue: JobQueue;
  let app: Hono<AuthEnv>;
  let tenantId: string;
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  beforeAll(async () => {
    world = await makeXeroWorld({ backend });
    tenantId = world.organisations[0]!.tenantId;
    const { db } = world.fresh;
    queue = await openJobQueue({
      db,
      ...(world.fresh.url && { databaseUrl: world.fresh.url }),
      schedules: false,
    });
    const config = loadConfig({
      env: {
        XERO_CLIENT_ID: world.app.clientId,
        XERO_CLIENT_SECRET: world.app.clientSecret ?? '',
        LEDGERBRIDGE_SECRET_KEY: TEST_SECRET,
        XERO_API_URL: world.sandbox.url,
        XERO_IDENTITY_URL: world.sandbox.url,
        XERO_LOGIN_URL: world.sandbox.url,
      },
    });
    app = await serverApp(config, db, queue, makeLogger({}, 'silent'));
    for (const role of ['admin', 'viewer'] as const)
      sessions.set(role, await signedInAs(app, db, role, PASSWORD));
    // As a first pull leaves it: a source, its entity not routed yet, and its documents.
    await ensureSource(db, 'clinic', 'file');
    await ensureEntity(db, 'clinic', 'default');
    await upsertDocuments(
      db,
      [exampleContact, exampleInvoice, examplePayment].map((d) => {
        const v = validateDocument(d);
        if (!v.ok) throw new Error('invalid example');
        return v.value;
      }),
    );
  });
  afterAll(async () => {
    await queue.stop();
    await world.dispose();
  });

  const get = async (role: string, path: string) => {
    const res = await app.request(path, { headers: { cookie: sessions.get(role)!.cookie } });
    return { status: res.status, text: await res.text() };
  };
  const post = (role: string, path: string, fields: Record<string, string>) =>
    app.request(path, {
      method: 'POST',
      headers: {
        cookie: sessions.get(role)!.cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ ...fields, _csrf: sessions.get(role)!.csrf }).toString(),
    });

  it('routes an entity to the organisation chosen', async () => {
    const page = await get('admin', '/setup-sync');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Not sent anywhere yet');
    expect(page.text).toContain('Harbour Physio Pty Ltd');
    const res = await post('admin', '/setup-sync/route', {
      source: 'clinic',
      entity: 'default',
      tenantId,
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/setup-sync?notice=route-saved');
    expect(await listRoutes(world.fresh.db)).toEqual([
      { source: 'clinic', entity: 'default', tenantId },
    ]);
  });

  it('lists the missing mappings first with choices from the chart, and saves one', async () => {
    const page = (await get('admin', '/setup-sync')).text;
    // No sync has run: the page ran the check itself, once, and stored what it found.
    expect(page).toContain('No sync has checked the documents waiting here yet');
    expect(await readNeedsChecks(world.fresh.db, tenantId)).toMatchObject([
      { source: 'clinic', entities: ['default'], dryRun: true },
    ]);
    expect(page).toContain('Line kind &quot;time&quot;');
    expect(page).toMatch(/<option value="200"[^>]*>\s*200 — Sales/);
    // Payment methods only to bank or payment-enabled accounts: the Sales account is not offered.
    const payments = /value="payment_method_account"[\s\S]*?<\/select>/.exec(page)?.[0] ?? '';
    expect(payments).toContain('value="090"');
    expect(payments).not.toContain('value="200"');
    expect(page).toContain('>missing<');
    const res = await post('admin', '/setup-sync/mapping', {
      tenantId,
      type: 'line_kind_account',
      key: 'time',
      value: '200',
    });
    expect(res.status).toBe(303);
    expect(await listMappings(world.fresh.db, tenantId)).toMatchObject([
      { type: 'line_kind_account', key: 'time', value: '200', source: '*' },
    ]);
    const after = (await get('admin', '/setup-sync?notice=mapping-saved')).text;
    expect(after).toContain('The next sync uses this mapping');
    expect(after).toContain('Counted by the check of');
    expect(after).toMatch(/<option value="200" selected/);
    // Missing first: the tax code, still missing, now comes before the mapped line kind.
    const tax = after.indexOf('Tax code &quot;GST&quot;');
    expect(tax).toBeGreaterThan(-1);
    expect(tax).toBeLessThan(after.indexOf('Line kind &quot;time&quot;'));
  });

  it('refuses a choice Xero would refuse, naming the mapping and the value', async () => {
    const res = await post('admin', '/setup-sync/mapping', {
      tenantId,
      type: 'payment_method_account',
      key: 'card',
      value: '200',
    });
    expect(res.status).toBe(422);
    const text = await res.text();
    expect(text).toContain('Not saved: Payment method &quot;card&quot; → value &quot;200&quot;');
    expect(text).toContain('Setup');
    expect((await listMappings(world.fresh.db, tenantId)).filter((m) => m.key === 'card')).toEqual(
      [],
    );
  });

  it('re-validates the mappings when the chart changes and banners the one no longer valid (S7)', async () => {
    world.sandbox.control.bookkeeper.archiveAccount(tenantId, '200');
    expect((await post('admin', '/setup-sync/recheck', { tenantId })).status).toBe(303);
    const setup = (await get('admin', '/setup-sync')).text;
    expect(setup).toMatch(/Line kind &quot;time&quot;[\s\S]*?>invalid</);
    const overview = (await get('admin', '/')).text;
    expect(overview).toContain('Mappings to fix before the next sync');
    expect(overview).toMatch(/Line kind\s+"time" → 200\s+is no longer valid \(Account 200/);
    expect(overview).toContain('href="/setup-sync#mappings"');
    const fixed = { tenantId, type: 'line_kind_account', key: 'time', value: '260' };
    expect((await post('admin', '/setup-sync/mapping', fixed)).status).toBe(303);
    expect((await get('admin', '/')).text).not.toContain('Mappings to fix');
  });

  it('gives a viewer no Setup link and refuses its requests', async () => {
    expect((await get('admin', '/')).text).toContain('href="/setup-sync"');
    expect((await get('viewer', '/')).text).not.toContain('href="/setup-sync"');
    expect((await get('viewer', '/setup-sync')).status).toBe(403);
    const fields = { tenantId, type: 'line_kind_account', key: 'product', value: '200' };
    expect((await post('viewer', '/setup-sync/mapping', fields)).status).toBe(403);
    const route = { source: 'clinic', entity: 'default', tenantId };
    expect((await post('viewer', '/setup-sync/route', route)).status).toBe(403);
    expect(await listMappings(world.fresh.db, tenantId)).toHaveLength(1);
  });
  it('reads what the last sync left waiting, counts documents changed since, and shows a saved mapping at once', async () => {
    const { db } = world.fresh;
    const settings = makeSettingsCache(world.api, world.clock);
    const deps = { db, api: world.api, settings, clock: world.clock, batchSize: 50 };
    await runSync(deps, { tenantId });
    // The pass sent the contact and refused the invoice (product, GST) and its payment (card).
    const [check] = await readNeedsChecks(db, tenantId);
    expect(check).toMatchObject({ source: 'clinic', dryRun: false });
    expect(check!.needs.map((n) => [n.type, n.key, n.documents])).toEqual([
      ['line_kind_account', 'product', 1],
      ['line_kind_account', 'time', 1],
      ['tax_code', 'GST', 1],
      ['payment_method_account', 'card', 1],
    ]);
    const later = validateDocument({ ...exampleInvoice, sourceId: 'INV-ID-78', number: 'INV-1002', lines: [{ ...exampleInvoice.lines[0], taxCode: 'FRE' }], total: '110.00' }); // prettier-ignore
    if (!later.ok) throw new Error('invalid example');
    await upsertDocuments(db, [later.value]);
    const page = (await get('admin', '/setup-sync')).text;
    expect(page).toContain('Counted by the sync of');
    expect(page).toContain('1 document(s) changed since: not yet checked — run a sync.');
    // The summary, not a new plan: the later invoice's tax code is not counted before a sync.
    expect(page).not.toContain('Tax code &quot;FRE&quot;');
    const gst =
      /Tax code &quot;GST&quot;<\/th>\s*<td>1<\/td>\s*<td>\s*(?:<span class="bad">)?([a-z]+)/;
    expect(gst.exec(page)?.[1]).toBe('missing');
    const map = { tenantId, type: 'tax_code', key: 'GST', value: 'OUTPUT' };
    expect((await post('admin', '/setup-sync/mapping', map)).status).toBe(303);
    expect(gst.exec((await get('admin', '/setup-sync')).text)?.[1]).toBe('mapped');
    // The next pass counts the later invoice: its tax code now shows, and nothing is unchecked.
    await runSync(deps, { tenantId });
    const next = (await get('admin', '/setup-sync')).text;
    expect(next).toMatch(/Tax code &quot;FRE&quot;<\/th>\s*<td>1<\/td>/);
    expect(next).not.toContain('changed since');
    // An entity routed here after that pass: named as not yet checked until the next one.
    await ensureEntity(db, 'clinic', 'north');
    const route = { source: 'clinic', entity: 'north', tenantId };
    expect((await post('admin', '/setup-sync/route', route)).status).toBe(303);
    const routed = (await get('admin', '/setup-sync')).text;
    expect(routed).toContain('Routed here since: clinic / north — not yet checked; run a sync.');
    await runSync(deps, { tenantId });
    expect((await get('admin', '/setup-sync')).text).not.toContain('Routed here since');
  });
});
