import { Ajv2020 } from 'ajv/dist/2020.js';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { newSyncWorld, invoice } from '../../test/support/sync-world.js';
import { BACKENDS } from '../../test/support/backends.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import type { AuthEnv, Role } from '../http/principal.js';
import { exampleContact, exampleInvoice } from '../ledger/test-support/examples.js';
import type { JobQueue } from '../queue/job-queue.js';
import { openJobQueue } from '../queue/pg-boss-queue.js';
import { makeSettingsCache } from '../xero/organisation-settings.js';
import { apiRoutes } from './api-routes.js';

interface Answer {
  status: number;
  body: Record<string, unknown> & {
    items?: Record<string, unknown>[];
    next_cursor?: string | null;
  };
}

/** A synced world: two invoices in Xero, one refused for an unmapped tax code (a sync error). */
async function seeded(backend: (typeof BACKENDS)[number]) {
  const w = await newSyncWorld({ backend });
  const odd = exampleInvoice.lines.map((l) => ({ ...l, taxCode: 'ODD' }));
  await w.ingest(exampleContact, invoice(1), invoice(2), invoice(3, { lines: odd }));
  await w.sync();
  const queue = await openJobQueue({
    db: w.db,
    ...(w.fresh.url && { databaseUrl: w.fresh.url }),
    schedules: false,
  });
  const settings = makeSettingsCache(w.api, w.clock);
  const api = apiRoutes({
    db: w.db,
    clock: w.clock,
    queue,
    organisationSettings: (t) => settings.get(t),
  });
  return { w, queue, api };
}

/** The app as served, with a stand-in for the authentication in front: a principal of `role`. */
function asRole(api: Hono<AuthEnv>, role: Role | undefined) {
  const app = new Hono<AuthEnv>();
  app.use('/api/*', async (c, next) => {
    if (role)
      c.set('principal', { kind: 'user', id: `u-${role}`, name: `${role}@practice.test`, role });
    await next();
  });
  app.route('/api', api);
  return async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const res = await app.request(`/api${path}`, {
      method,
      ...(body !== undefined && {
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  };
}

describe.each(BACKENDS)('the HTTP API on %s', (backend) => {
  let queue: JobQueue | undefined;
  afterEach(async () => {
    await queue?.stop();
    queue = undefined;
    await disposeWorlds();
  });

  it('reads sources, organisations, routes, runs and sync errors, paged by cursor', async () => {
    const s = await seeded(backend);
    queue = s.queue;
    const viewer = asRole(s.api, 'viewer');

    const sources = await viewer('GET', '/sources');
    expect(sources.status).toBe(200);
    expect(sources.body.items).toEqual([
      expect.objectContaining({
        name: 'clinic',
        kind: 'file',
        entities: [{ entity: 'default', organisation: s.w.tenantId }],
      }),
    ]);
    const org = await viewer('GET', `/organisations/${s.w.tenantId}`);
    expect(org.body).toMatchObject({ name: 'Harbour Physio Pty Ltd', status: 'connected' });
    expect((org.body.budget as { callsToday: number }).callsToday).toBeGreaterThan(0);
    expect((await viewer('GET', '/organisations/nope')).body).toMatchObject({
      code: 'LB_API_NOT_FOUND',
    });

    const errors = await viewer('GET', '/sync-errors');
    expect(errors.body.items).toEqual([
      expect.objectContaining({ sourceId: 'inv-3', code: 'LB_MAPPING_MISSING' }),
    ]);
    expect((await viewer('GET', '/sync-errors/codes')).body.items).toEqual([
      { code: 'LB_MAPPING_MISSING', count: 1 },
    ]);

    // Mapping page by page, one at a time: every row once, in a stable order, then no cursor.
    const seen: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await viewer(
        'GET',
        `/organisations/${s.w.tenantId}/mappings?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items!.map((m) => `${String(m.type)}/${String(m.key)}`));
      cursor = page.body.next_cursor;
    } while (cursor);
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);

    const runs = await viewer('GET', '/runs?limit=1');
    expect(runs.body.items).toHaveLength(1);
    expect(runs.body.next_cursor).toBeNull(); // one sync run so far
    const run = await viewer('GET', `/runs/${String(runs.body.items![0]!.id)}`);
    expect(run.body).toMatchObject({ kind: 'sync', status: 'partial' });

    expect((await viewer('GET', '/runs?limit=1000')).body).toMatchObject({ code: 'LB_USAGE' });
    expect((await viewer('GET', '/runs?cursor=garbage')).status).toBe(400);
  });

  it('lets a viewer read but not write; writes are validated against Xero and audited by name', async () => {
    const s = await seeded(backend);
    queue = s.queue;
    const viewer = asRole(s.api, 'viewer');
    const accountant = asRole(s.api, 'accountant');
    const path = `/organisations/${s.w.tenantId}/mappings/tax_code/ODD`;

    expect((await asRole(s.api, undefined)('GET', '/sources')).status).toBe(401);
    const refused = await viewer('PUT', path, { value: 'OUTPUT' });
    expect(refused).toMatchObject({ status: 403, body: { code: 'LB_AUTH_FORBIDDEN' } });
    expect((await viewer('POST', '/sync-errors/retry', {})).status).toBe(403);

    const invalid = await accountant('PUT', path, { value: 'NOPE' });
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({
      code: 'LB_MAPPING_INVALID',
      details: { field: 'value', value: 'NOPE' },
    });
    const badBody = await accountant('PUT', path, { valeu: 'OUTPUT' });
    expect(badBody).toMatchObject({ status: 400, body: { code: 'LB_USAGE' } });

    const set = await accountant('PUT', path, { value: 'OUTPUT' });
    expect(set).toMatchObject({
      status: 200,
      body: { type: 'tax_code', key: 'ODD', value: 'OUTPUT', problem: null },
    });
    const retried = await accountant('POST', '/sync-errors/retry', { code: 'LB_MAPPING_MISSING' });
    expect(retried.body).toEqual({ retried: 1, queued: [s.w.tenantId] });
    await s.w.sync(); // what the queued pass does
    expect((await viewer('GET', '/sync-errors')).body.items).toEqual([]);
    expect(s.w.xero('Invoices')).toHaveLength(3);

    const settings = await accountant('PATCH', '/settings', { lockPushed: true });
    expect(settings.body).toMatchObject({ lockPushed: true, syncPayments: true });
    expect((await accountant('PATCH', '/settings', { lockPushed: 'yes' })).status).toBe(400);
    expect((await viewer('GET', '/settings')).body).toMatchObject({ lockPushed: true });

    const audit = await viewer('GET', '/audit?actor=accountant@practice.test');
    expect(audit.body.items!.map((e) => e.action)).toEqual([
      'mapping.set',
      'sync_errors.retry',
      'settings.set',
    ]);
    const mappingAudit = await viewer('GET', '/audit?action=mapping.set&limit=1');
    expect(mappingAudit.body.items).toHaveLength(1);

    // The range as it would be in force is checked by the one save (the dashboard's too), and a
    // null date is "any date" again.
    await accountant('PATCH', '/settings', { issueDateFrom: '2026-07-01' });
    const backwards = await accountant('PATCH', '/settings', { issueDateTo: '2026-06-30' });
    expect(backwards).toMatchObject({
      status: 400,
      body: { code: 'LB_USAGE', details: { field: 'issueDateTo', value: '2026-06-30' } },
    });
    const cleared = await accountant('PATCH', '/settings', { issueDateFrom: null });
    expect(cleared.body).not.toHaveProperty('issueDateFrom');
  });

  it('describes every route it serves in an OpenAPI 3.1 document', async () => {
    const s = await seeded(backend);
    queue = s.queue;
    const doc = (await asRole(s.api, 'viewer')('GET', '/openapi.json')).body as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    const described = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const mounted = s.api.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path}`);
    expect(new Set(mounted)).toEqual(new Set(described));
    // Every schema in it is valid JSON Schema 2020-12 (OpenAPI 3.1's dialect) and its refs resolve.
    const schemas = (doc as unknown as { components: { schemas: Record<string, object> } })
      .components.schemas;
    for (const schema of Object.values(schemas)) {
      const ajv = new Ajv2020({ strict: false });
      expect(() => ajv.compile({ ...schema, components: { schemas } })).not.toThrow();
    }
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining([
        'Source',
        'Organisation',
        'Mapping',
        'Run',
        'SyncError',
        'AuditEntry',
        'ApiError',
      ]),
    );
  });
});
