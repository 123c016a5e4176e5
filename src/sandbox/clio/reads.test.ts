import { afterEach, describe, expect, it } from 'vitest';
import { makeManualClock } from '../../time/clock.js';
import type { Harness } from './test-support.js';
import { FIRM, NUM, STR } from './test-support.js';
import { api, connect, dataOf, nextOf, readAll, recordOf, startHarness } from './test-support.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.emulator.stop();
  h = undefined;
});

describe('Clio emulator: reads', () => {
  it('answers only id and etag without fields, and the named fields with nested resources', async () => {
    h = await startHarness();
    const token = await connect(h);
    const bare = dataOf(await api(token, 'contacts.json'));
    expect(bare.length).toBe(4);
    for (const c of bare) expect(Object.keys(c).sort()).toEqual(['etag', 'id']);
    const bills = dataOf(
      await api(token, 'bills.json?fields=id,state,total,client{id,name},matters,currency{code}'),
    );
    expect(bills[0]).toEqual({
      id: NUM,
      state: 'paid',
      total: 1453.65,
      client: { id: NUM, name: 'Maria Chen' },
      matters: [{ id: NUM, etag: STR }],
      currency: { code: 'USD' },
    });
    // A second-level nested resource shows its defaults; choosing its fields is a 400.
    const lines = dataOf(await api(token, 'line_items.json?fields=id,bill{id,client}&limit=1'));
    expect(lines[0]?.bill).toMatchObject({
      client: { id: NUM, etag: STR },
    });
    expect((await api(token, 'line_items.json?fields=bill{client{name}}')).status).toBe(400);
    expect((await api(token, 'bills.json?fields=id,nonsense')).status).toBe(400);
    expect((await api(token, 'bills.json?fields=id,client{')).status).toBe(400);
  });

  it('cursor paging reaches every record exactly once, 200 a page, following meta.paging.next', async () => {
    h = await startHarness();
    const token = await connect(h);
    h.emulator.control.generateBills(FIRM, 450);
    const first = await api(token, 'bills.json?fields=id&order=id(asc)');
    expect(dataOf(first).length).toBe(200);
    expect((first.body?.meta as { records: number }).records).toBe(457);
    expect(nextOf(first)).toContain('page_token=');
    const { records, pages } = await readAll(token, 'bills.json?fields=id&order=id(asc)');
    expect(pages).toBe(3);
    const ids = records.map((r) => r.id as number);
    expect(new Set(ids).size).toBe(457);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids[0]).toBeGreaterThan(2 ** 31);
    const small = await readAll(token, 'bills.json?fields=id&order=id(asc)&limit=50&state=paid');
    expect(small.records.length).toBe(2);
    expect((await api(token, 'bills.json?limit=201')).status).toBe(400);
  });

  it('keeps a cursor read whole while records are added, and recounts a filtered read after writes', async () => {
    h = await startHarness();
    const token = await connect(h);
    h.emulator.control.generateBills(FIRM, 250);
    const path = 'bills.json?fields=id&order=id(asc)&state=awaiting_payment';
    const first = await api(token, path);
    expect((first.body?.meta as { records: number }).records).toBe(252);
    const added = h.emulator.control.generateBills(FIRM, 3);
    const rest = await readAll(token, nextOf(first)!);
    const ids = [...dataOf(first), ...rest.records].map((r) => r.id as number);
    expect(new Set(ids).size).toBe(255);
    expect(ids.slice(-3)).toEqual(added);
    const again = await api(token, path);
    expect((again.body?.meta as { records: number }).records).toBe(255);
  });

  it('offset paging stops at 10,000 records; cursor paging goes past them', async () => {
    h = await startHarness({}, [{ name: 'Big Firm' }]);
    const token = await connect(h);
    h.emulator.control.generateBills(FIRM, 10_050);
    const byOffset = await readAll(token, 'bills.json?fields=id&order=id(desc)');
    expect(byOffset.records.length).toBe(10_000);
    const past = await api(token, 'bills.json?fields=id&order=id(asc)&offset=10000');
    expect(past.status).toBe(400);
    expect(JSON.stringify(past.body)).toMatch(/10000/);
    const byCursor = await readAll(token, 'bills.json?fields=id&order=id(asc)');
    expect(byCursor.records.length).toBe(10_050);
    expect(byCursor.pages).toBe(51);
  }, 60_000);

  it('updated_since and created_since find what changed at or after a time', async () => {
    const clock = makeManualClock(Date.UTC(2026, 2, 1));
    h = await startHarness({ clock });
    const token = await connect(h);
    clock.advance(3_600_000);
    const since = new Date(clock.now()).toISOString();
    const bills = h.emulator.control.list(FIRM, 'bills');
    const draft = bills.find((b) => b.state === 'draft')!;
    h.emulator.control.practice(FIRM).editBill({ billId: draft.id as number, memo: 'Revised' });
    const changed = dataOf(await api(token, `bills.json?fields=id,memo&updated_since=${since}`));
    expect(changed).toEqual([{ id: draft.id, memo: 'Revised' }]);
    expect(dataOf(await api(token, `bills.json?created_since=${since}`))).toEqual([]);
    expect((await api(token, 'bills.json?updated_since=yesterday')).status).toBe(400);
  });

  it('filters by state, bill, status and type; an unknown parameter is a 400', async () => {
    h = await startHarness();
    const token = await connect(h);
    const states = dataOf(await api(token, 'bills.json?fields=state&limit=200'));
    expect(states.map((b) => b.state).sort()).toEqual([
      'awaiting_payment',
      'awaiting_payment',
      'deleted',
      'draft',
      'paid',
      'paid',
      'void',
    ]);
    const voided = dataOf(
      await api(token, 'allocations.json?fields=amount,voided_at,parent&status=invalid'),
    );
    expect(voided).toEqual([
      {
        amount: 100,
        voided_at: STR,
        parent: { id: NUM, type: 'Payment' },
      },
    ]);
    const bill = dataOf(await api(token, 'bills.json?fields=id&state=draft'))[0]!;
    const lines = dataOf(
      await api(token, `line_items.json?fields=bill{id},kind&bill_id=${String(bill.id)}`),
    );
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l.bill).toEqual({ id: bill.id });
    const hard = dataOf(await api(token, 'activities.json?fields=type&type=HardCostEntry'));
    expect(hard.length).toBe(5);
    expect((await api(token, 'bills.json?stat=paid')).status).toBe(400);
    expect((await api(token, 'bills.json?state=unpaid')).status).toBe(400);
  });

  it('reads one record with ETag and Last-Modified, and answers 304 to a current If-None-Match', async () => {
    h = await startHarness();
    const token = await connect(h);
    const id = dataOf(await api(token, 'contacts.json'))[0]!.id as number;
    const one = await api(token, `contacts/${id}.json?fields=id,name,primary_email_address`);
    expect(recordOf(one)).toEqual({
      id,
      name: 'Maria Chen',
      primary_email_address: 'maria.chen@example.com',
    });
    const etag = one.headers.get('etag')!;
    expect(one.headers.get('last-modified')).toBeTruthy();
    expect(
      (await api(token, `contacts/${id}.json`, { headers: { 'if-none-match': etag } })).status,
    ).toBe(304);
    expect((await api(token, 'contacts/1.json')).status).toBe(404);
  });

  it('PATCHes a contact with If-Match: the current etag writes, a stale one is 412', async () => {
    h = await startHarness();
    const token = await connect(h);
    const c = dataOf(await api(token, 'contacts.json?fields=id,etag&type=Company'))[0]!;
    const patch = {
      data: {
        name: 'Northwind Traders Limited',
        email_addresses: [{ name: 'Work', address: 'ap@northwind.example', primary: true }],
      },
    };
    const ok = await api(
      token,
      `contacts/${String(c.id)}.json?fields=id,etag,name,primary_email_address`,
      {
        method: 'PATCH',
        body: patch,
        headers: { 'if-match': String(c.etag) },
      },
    );
    expect(ok.status).toBe(200);
    expect(recordOf(ok)).toMatchObject({
      name: 'Northwind Traders Limited',
      primary_email_address: 'ap@northwind.example',
    });
    expect(recordOf(ok).etag).not.toBe(c.etag);
    const stale = await api(token, `contacts/${String(c.id)}.json`, {
      method: 'PATCH',
      body: { data: { name: 'Lost update' } },
      headers: { 'if-match': String(c.etag) },
    });
    expect(stale.status).toBe(412);
    expect(h.emulator.control.get(FIRM, 'contacts', c.id as number)?.name).toBe(
      'Northwind Traders Limited',
    );
    const bad = await api(token, `contacts/${String(c.id)}.json`, {
      method: 'PATCH',
      body: { data: { colour: 'red' } },
    });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toMatch(/colour/);
    expect(
      (await api(token, `bills/${String(c.id)}.json`, { method: 'PATCH', body: {} })).status,
    ).toBe(405);
  });

  it('DELETE on a bill deletes a draft, voids an unpaid one and refuses one with payments', async () => {
    h = await startHarness();
    const token = await connect(h);
    const user = h.emulator.control.practice(FIRM);
    const matter = h.emulator.control.list(FIRM, 'matters')[0]!.id as number;
    const line = [{ description: 'Letter', price: '50', quantity: '1' }];
    const draft = user.createBill({ matterIds: [matter], lines: line });
    const unpaid = user.createBill({ matterIds: [matter], lines: line });
    user.approveBill({ billId: unpaid });
    const paid = dataOf(await api(token, 'bills.json?fields=id&state=paid'))[0]!.id as number;
    expect((await api(token, `bills/${draft}.json`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(token, `bills/${unpaid}.json`, { method: 'DELETE' })).status).toBe(204);
    const refused = await api(token, `bills/${paid}.json`, { method: 'DELETE' });
    expect(refused.status).toBe(422);
    const states = dataOf(
      await api(token, `bills.json?fields=id,state&ids[]=${draft}&ids[]=${unpaid}&ids[]=${paid}`),
    );
    expect(states).toEqual([
      { id: paid, state: 'paid' },
      { id: draft, state: 'deleted' },
      { id: unpaid, state: 'void' },
    ]);
  });
});
