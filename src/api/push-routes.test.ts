/**
 * The push API over the server `serve` builds (real authentication, real keys, real queue), on
 * both backends: a batch is one change set — counted, idempotent, rejected whole with every bad
 * record named, or applied in part only when asked — and a key bound to a source pushes only there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { serverWorld, type ServerWorld } from '../../test/support/server-world.js';
import { createApiKey } from '../auth/api-keys.js';
import { exampleContact, exampleInvoice } from '../ledger/test-support/examples.js';
import { upsertOrganisation } from '../store/organisations-repo.js';
import { ensureSource, listSources, routeEntity } from '../store/sources-repo.js';

type Body = Record<string, unknown> & {
  details?: { issues?: Record<string, unknown>[] };
  documents?: { kind: string; sourceId: string; outcome: string }[];
};

const invoice = (n: number, extra: Record<string, unknown> = {}) => ({
  ...exampleInvoice,
  sourceId: `INV-ID-${n}`,
  number: `INV-${n}`,
  ...extra,
});

describe.each(BACKENDS)('the push API on %s', (backend) => {
  let world: ServerWorld;
  let pushKey: string;
  let adminKey: string;

  beforeAll(async () => {
    world = await serverWorld(backend);
    const db = world.fresh.db;
    await ensureSource(db, 'clinic', 'push');
    await upsertOrganisation(db, { tenantId: 't-1', name: 'Clinic Pty', connectionKind: 'oauth' });
    await routeEntity(db, 'clinic', 'default', 't-1');
    pushKey = (await createApiKey(db, { role: 'accountant', source: 'clinic', actor: 'test' })).key;
    adminKey = (await createApiKey(db, { role: 'admin', actor: 'test' })).key;
  });
  afterAll(async () => world.dispose());

  async function push(
    source: string,
    body: unknown,
    o: { key?: string; idempotencyKey?: string; type?: string; query?: string } = {},
  ): Promise<{ status: number; body: Body }> {
    const type = o.type ?? 'application/json';
    const res = await world.app.request(`/api/sources/${source}/documents${o.query ?? ''}`, {
      method: 'POST',
      body: typeof body === 'string' ? body : JSON.stringify(body),
      headers: {
        authorization: `Bearer ${o.key ?? pushKey}`,
        'content-type': type,
        ...(o.idempotencyKey && { 'idempotency-key': o.idempotencyKey }),
      },
    });
    return { status: res.status, body: (await res.json()) as Body };
  }

  const live = async (source: string) =>
    (
      await world.fresh.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM documents WHERE source = $1 AND deleted_at IS NULL',
        [source],
      )
    )[0]!.n;

  it('applies a batch as one change set, counted, and queues a sync of the organisation', async () => {
    const first = await push('clinic', [exampleContact, invoice(1), invoice(2)]);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ added: 3, changed: 0, unchanged: 0, rejected: 0 });
    expect(first.body.queued).toEqual(['t-1']);

    const again = await push('clinic', [exampleContact, invoice(1), invoice(2)]);
    expect(again.body).toMatchObject({ added: 0, changed: 0, unchanged: 3, queued: [] });

    const jsonl = [
      JSON.stringify(invoice(1, { dueDate: '2026-11-30' })),
      JSON.stringify({ kind: 'invoice', sourceId: 'INV-ID-2', deleted: true }),
      JSON.stringify({ kind: 'payment', sourceId: 'NEVER-SENT', deleted: true }),
    ].join('\n');
    const edits = await push('clinic', jsonl, { type: 'application/x-ndjson' });
    expect(edits.body).toMatchObject({ added: 0, changed: 1, deleted: 1, unchanged: 1 });
    // And per document, in the batch's order.
    expect(edits.body.documents).toEqual([
      { kind: 'invoice', sourceId: invoice(1).sourceId, outcome: 'changed' },
      { kind: 'invoice', sourceId: 'INV-ID-2', outcome: 'deleted' },
      { kind: 'payment', sourceId: 'NEVER-SENT', outcome: 'unchanged' },
    ]);
    expect(again.body.documents?.map((d) => d.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']); // prettier-ignore
    expect(await live('clinic')).toBe(2);
  });

  it('rejects a batch with a bad record whole, naming document, field and value', async () => {
    const before = await live('clinic');
    const bad = invoice(3, { total: 'lots' });
    const refused = await push('clinic', [invoice(4), bad, 'not a record']);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('LB_PUSH_REJECTED');
    const issues = refused.body.details?.issues ?? [];
    expect(issues.find((i) => i.field === 'total')).toMatchObject({ value: 'lots' });
    expect(String(issues.find((i) => i.field === 'total')?.document)).toContain('INV-3');
    expect(issues).toContainEqual(expect.objectContaining({ record: 3, value: 'not a record' }));
    expect(await live('clinic')).toBe(before);

    const partial = await push('clinic', [invoice(4), bad], { query: '?partial=true' });
    expect(partial.body).toMatchObject({ added: 1, rejected: 1 });
    expect(partial.body.issues).toEqual([
      expect.objectContaining({ field: 'total', value: 'lots' }),
    ]);
    expect(await live('clinic')).toBe(before + 1);
  });

  it('answers a repeated Idempotency-Key from the first answer, and refuses it for another batch', async () => {
    const batch = [invoice(5)];
    const first = await push('clinic', batch, { idempotencyKey: 'batch-5' });
    expect(first.body).toMatchObject({ added: 1, replayed: false });
    const repeat = await push('clinic', batch, { idempotencyKey: 'batch-5' });
    expect(repeat.status).toBe(200);
    expect(repeat.body).toMatchObject({ added: 1, replayed: true, runId: first.body.runId });
    expect(repeat.body.documents).toEqual(first.body.documents);
    const other = await push('clinic', [invoice(6)], { idempotencyKey: 'batch-5' });
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('LB_PUSH_KEY_REUSED');
  });

  it('keeps a bound key to its source, and pulled sources to their pulls', async () => {
    await ensureSource(world.fresh.db, 'firm', 'clio');
    expect((await push('firm', [invoice(7)])).status).toBe(403);
    const pulled = await push('firm', [invoice(7)], { key: adminKey });
    expect([pulled.status, pulled.body.code]).toEqual([409, 'LB_PUSH_SOURCE_PULLED']);
    const created = await push('kiosk', [{ ...invoice(8), source: undefined }, exampleContact], {
      key: adminKey,
    });
    // The contact names "clinic": refused for another source, and the invoice with it.
    expect(created.status).toBe(422);
    // Refused whole, so no empty "kiosk" source is left behind; a good batch creates it.
    const names = async () => (await listSources(world.fresh.db)).map((s) => s.name);
    expect(await names()).not.toContain('kiosk');
    const kiosk = await push('kiosk', [{ ...exampleContact, source: undefined }], {
      key: adminKey,
    });
    expect([kiosk.status, kiosk.body.added]).toEqual([200, 1]);
    expect((await listSources(world.fresh.db)).find((s) => s.name === 'kiosk')?.kind).toBe('push');
    const { key: viewer } = await createApiKey(world.fresh.db, { role: 'viewer', actor: 'test' });
    expect((await push('clinic', [invoice(9)], { key: viewer })).status).toBe(403);
  });

  it('refuses what is not the format with a clear 4xx', async () => {
    expect((await push('clinic', '<xml/>', { type: 'text/xml' })).status).toBe(415);
    const notJson = await push('clinic', '[{', {});
    expect([notJson.status, notJson.body.code]).toEqual([400, 'LB_USAGE']);
    const tooMany = await push('clinic', `[${Array(10_001).fill('{}').join(',')}]`);
    expect([tooMany.status, tooMany.body.code]).toEqual([413, 'LB_PUSH_TOO_LARGE']);
  });

  it('is in the OpenAPI description, JSON and JSON Lines, with its Idempotency-Key', async () => {
    const res = await world.app.request('/api/openapi.json', {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    const doc = (await res.json()) as {
      paths: Record<string, Record<string, Record<string, unknown>>>;
    };
    const op = doc.paths['/sources/{name}/documents']!.post!;
    expect(Object.keys((op.requestBody as { content: object }).content)).toEqual([
      'application/json',
      'application/x-ndjson',
    ]);
    expect(op.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'idempotency-key', in: 'header' })]),
    );
  });
});
