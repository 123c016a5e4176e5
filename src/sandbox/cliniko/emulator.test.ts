import { afterEach, describe, expect, it } from 'vitest';
import { makeManualClock } from '../../time/clock.js';
import { startClinikoEmulator, type ClinikoEmulator } from './index.js';

const UA = 'Ledgerbridge tests (tests@example.com)';

describe('the Cliniko emulator over HTTP', () => {
  let emulator: ClinikoEmulator | undefined;
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  const start = async (options: Parameters<typeof startClinikoEmulator>[0] = {}) => {
    emulator = await startClinikoEmulator({ seedClinic: true, ...options });
    return { e: emulator, key: emulator.control.addApiKey() };
  };
  const get = (e: ClinikoEmulator, key: string | undefined, path: string, ua: string | null = UA) =>
    fetch(path.startsWith('http') ? path : `${e.apiUrl}${path}`, {
      headers: {
        accept: 'application/json',
        ...(key === undefined
          ? {}
          : { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` }),
        ...(ua === null ? {} : { 'user-agent': ua }),
      },
    });
  const body = async (r: Response) =>
    (await r.json()) as Record<string, unknown> & { links: { next?: string } };

  it('takes the API key as Basic auth for its own shard only, and requires a User-Agent with an e-mail', async () => {
    const { e, key } = await start();
    expect(key).toMatch(/-au1$/);
    expect((await get(e, key, '/patients')).status).toBe(200);
    expect((await get(e, undefined, '/patients')).status).toBe(401);
    expect((await get(e, key.replace(/-au1$/, '-uk1'), '/patients')).status).toBe(401);
    expect((await get(e, key, '/patients', null)).status).toBe(403);
    expect((await get(e, key, '/patients', 'curl/8')).status).toBe(403);
    e.control.revokeApiKey(key);
    expect((await get(e, key, '/patients')).status).toBe(401);
  });

  it('pages with per_page ≤ 100 and links.next, reaching every invoice once, ids as strings, money to 3 places', async () => {
    const { e, key } = await start({ rateLimit: { enabled: false } });
    e.control.generateInvoices(250);
    expect((await get(e, key, '/invoices?per_page=101')).status).toBe(400);
    const seen: string[] = [];
    let next: string | undefined = '/invoices?per_page=100&sort=updated_at';
    let pages = 0;
    while (next) {
      const page = await body(await get(e, key, next));
      const invoices = page.invoices as { id: unknown; total_amount: unknown; patient: unknown }[];
      for (const i of invoices) {
        expect(i.id).toMatch(/^\d{18}$/);
        expect(i.total_amount).toMatch(/^\d+\.\d{3}$/);
        expect(JSON.stringify(i.patient)).toMatch(
          /^\{"links":\{"self":"[^"]+\/v1\/patients\/\d{18}"\}\}$/,
        );
      }
      seen.push(...invoices.map((i) => String(i.id)));
      expect(page.total_entries).toBe(253);
      next = page.links.next;
      pages++;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(253);
  });

  it('filters on updated_at, hides archived patients unless asked, and lists deletions', async () => {
    const clock = makeManualClock(Date.parse('2026-11-01T00:00:00Z'));
    const { e, key } = await start({ clock });
    const seeded = e.control.seedClinic();
    clock.advance(60_000);
    const [a, b] = seeded.patientIds as [string, string];
    e.control.practice.editPatient(a, { email: 'new@example.com' });
    e.control.practice.mergePatients(b, a);
    e.control.practice.deleteInvoice(seeded.invoiceIds[2]!);
    const changed = await body(await get(e, key, '/patients?q[]=updated_at:>2026-11-01T00:00:30Z'));
    expect((changed.patients as { id: string }[]).map((p) => p.id)).toEqual([a]);
    const all = await body(
      await get(e, key, '/patients?q[]=updated_at:>2026-11-01T00:00:30Z&q[]=archived_at:*'),
    );
    const merged = (all.patients as Record<string, unknown>[]).find((p) => p.id === b)!;
    expect(merged.merged_with_patient).toEqual({ links: { self: `${e.apiUrl}/patients/${a}` } });
    const invoices = await body(
      await get(e, key, '/invoices?q[]=updated_at:>2026-11-01T00:00:30Z'),
    );
    expect((invoices.invoices as { patient: unknown }[]).map((i) => i.patient)).toEqual([
      { links: { self: `${e.apiUrl}/patients/${a}` } },
    ]);
    const deleted = await body(await get(e, key, '/invoices/deleted'));
    expect(deleted.invoices).toEqual([
      expect.objectContaining({ id: seeded.invoiceIds[2], deleted_at: '2026-11-01T00:01:00Z' }),
    ]);
    expect((await get(e, key, `/invoices/${seeded.invoiceIds[2]}`)).status).toBe(404);
  });

  it('answers 429 with X-RateLimit-Reset past 200 requests a minute per user', async () => {
    const clock = makeManualClock(Date.parse('2026-11-01T00:00:00Z'));
    const { e, key } = await start({ clock });
    for (let i = 0; i < 200; i++) expect((await get(e, key, '/taxes')).status).toBe(200);
    const refused = await get(e, key, '/taxes');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ratelimit-reset')).toBe(
      String(Date.parse('2026-11-01T00:01:00Z') / 1000),
    );
    expect((await get(e, e.control.addApiKey('Another user'), '/taxes')).status).toBe(200);
    clock.advance(60_000);
    expect((await get(e, key, '/taxes')).status).toBe(200);
    expect(e.control.stats().rateLimited).toBe(1);
  });

  it('fails the nth request of an endpoint once, as seeded', async () => {
    const { e, key } = await start();
    e.control.setFaults({ nthRequest: [{ endpoint: 'GET /invoices', nth: 2, kind: 'http503' }] });
    expect((await get(e, key, '/invoices')).status).toBe(200);
    expect((await get(e, key, '/invoices')).status).toBe(503);
    expect((await get(e, key, '/invoices')).status).toBe(200);
  });

  it('offers its control surface over HTTP behind the control token', async () => {
    const { e } = await start({ seedClinic: false });
    const post = (path: string, payload: unknown, token = e.controlToken) =>
      fetch(`${e.url}/sandbox${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
    expect((await post('/seed', {}, 'wrong')).status).toBe(401);
    const seeded = (await (await post('/seed', {})).json()) as { result: { invoiceIds: string[] } };
    const paid = await post('/practice/close-invoice', { id: seeded.result.invoiceIds[1] });
    expect(await paid.json()).toMatchObject({
      result: { status: 30, status_description: 'Closed' },
    });
    expect(await (await post('/generate-invoices', { count: 5 })).json()).toEqual({ result: 5 });
    expect((await post('/practice/no-such-thing', {})).status).toBe(404);
  });
});
