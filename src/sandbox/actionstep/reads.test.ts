import { afterEach, describe, expect, it } from 'vitest';
import { makeManualClock } from '../../time/clock.js';
import type { Harness, TokenAnswer } from './test-support.js';
import { api, connect, getUrl, paging, recordsOf, startHarness, VND } from './test-support.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.emulator.stop();
  h = undefined;
});

/** Every bill id, following nextPage links from the first page. */
async function readAllPages(token: TokenAnswer, first: string): Promise<number[]> {
  const ids: number[] = [];
  let answer = await api(token, first);
  for (;;) {
    expect(answer.status).toBe(200);
    ids.push(...recordsOf(answer, 'bills').map((b) => b.id as number));
    const next = paging(answer, 'bills').nextPage;
    if (typeof next !== 'string') return ids;
    answer = await getUrl(token, next);
  }
}

describe('Actionstep emulator reads', () => {
  it('pages through every bill exactly once, with meta.paging and nextPage links', async () => {
    h = await startHarness();
    const generated = h.emulator.control.generateBills('harbourlaw', 437, 7);
    const token = await connect(h);
    const all = h.emulator.control.list('harbourlaw', 'bills').map((b) => b.id as number);
    expect(all.length).toBe(443);
    for (const size of [50, 200]) {
      const ids = await readAllPages(token, `bills?pageSize=${size}&sort=-id`);
      expect(ids.length).toBe(all.length);
      expect(new Set(ids)).toEqual(new Set(all));
      expect(ids).toEqual([...all].sort((a, b) => b - a));
    }
    const first = await api(token, 'bills?pageSize=50&page=2');
    expect(paging(first, 'bills')).toEqual({
      recordCount: 443,
      pageCount: 9,
      page: 2,
      pageSize: 50,
      prevPage: `${token.api_endpoint}rest/bills?pageSize=50&page=1`,
      nextPage: `${token.api_endpoint}rest/bills?pageSize=50&page=3`,
    });
    expect(generated).toHaveLength(437);
  });

  it('caps pageSize at 200 and answers 204 past the last page', async () => {
    h = await startHarness();
    h.emulator.control.generateBills('harbourlaw', 250);
    const token = await connect(h);
    const big = await api(token, 'bills?pageSize=1000');
    expect(recordsOf(big, 'bills')).toHaveLength(200);
    expect(paging(big, 'bills')).toMatchObject({ pageSize: 200, pageCount: 2 });
    expect((await api(token, 'bills?pageSize=200&page=3')).status).toBe(204);
    expect((await api(token, 'bills?status=Nonsense')).status).toBe(204);
  });

  it('carries a one-record page as a bare object, as Actionstep does', async () => {
    h = await startHarness();
    const token = await connect(h);
    const one = await api(token, 'bills?status=Draft');
    expect(Array.isArray(one.body?.bills)).toBe(false);
    expect(one.body?.bills).toMatchObject({ status: 'Draft', ourReference: null });
    const byId = await api(token, 'bills/5001');
    expect(byId.body?.bills).toMatchObject({ id: 5001 });
    expect(byId.body?.meta).toBeUndefined();
    const two = await api(token, 'bills/5001,5002');
    expect((two.body?.bills as unknown[]).length).toBe(2);
  });

  it('reads only what changed since a timestamp (modifiedTimestamp_gt)', async () => {
    const clock = makeManualClock(Date.UTC(2026, 4, 1, 0, 0, 0));
    h = await startHarness({ clock });
    const token = await connect(h);
    clock.advance(1_800_000);
    const cursor = '2026-05-01T00:15:00';
    expect((await api(token, `bills?modifiedTimestamp_gt=${cursor}`)).status).toBe(204);
    const seed = h.emulator.control.list('harbourlaw', 'bills');
    const open = seed.find((b) => b.status === 'Open');
    const user = h.emulator.control.practice('harbourlaw');
    user.recordReceipt({
      participantId: Number((open?.links as Record<string, string>).theirParticipant),
      date: '2026-05-01',
      amount: '100.00',
      allocations: [{ billId: open?.id as number, amount: '100.00' }],
    });
    const changed = await api(token, `bills?modifiedTimestamp_gt=${cursor}`);
    expect(recordsOf(changed, 'bills').map((b) => b.id)).toEqual([open?.id]);
    expect(recordsOf(changed, 'bills')[0]).toMatchObject({
      modifiedTimestamp: '2026-05-01T10:30:00+10:00',
    });
    const withOffset = await api(token, 'bills?modifiedTimestamp_gteq=2026-05-01T10:30:00%2B10:00');
    expect(recordsOf(withOffset, 'bills')).toHaveLength(1);
  });

  it('side-loads included resources under linked and sends link templates', async () => {
    h = await startHarness();
    const token = await connect(h);
    const answer = await api(token, 'bills?include=theirParticipant,division.participant&sort=id');
    const bills = recordsOf(answer, 'bills');
    const linked = answer.body?.linked as Record<string, Record<string, unknown>[]>;
    const participantIds = new Set(linked.participants?.map((p) => String(p.id)));
    for (const bill of bills) {
      const links = bill.links as Record<string, string>;
      expect(participantIds.has(links.theirParticipant ?? '')).toBe(true);
    }
    expect(linked.divisions?.map((d) => d.id).sort()).toEqual([1, 2]);
    expect(answer.body?.links).toMatchObject({
      'bills.theirParticipant': {
        href: `${token.api_endpoint}rest/participants/{bills.theirParticipant}`,
        type: 'participants',
      },
    });
  });

  it('filters, sorts and trims fields as the documented query syntax says', async () => {
    h = await startHarness();
    const token = await connect(h);
    const statuses = await api(
      token,
      'bills?status_nteq=Deleted&sort=-totalDue&fields=id,status,totalDue',
    );
    const rows = recordsOf(statuses, 'bills');
    expect(rows.every((b) => b.status !== 'Deleted')).toBe(true);
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['id', 'status', 'totalDue']);
    const dues = rows.map((b) => b.totalDue as number);
    expect(dues).toEqual([...dues].sort((a, b) => b - a));
    const smiths = await api(token, 'participants?displayName_ilike=*smith*');
    expect(recordsOf(smiths, 'participants').map((p) => p.displayName)).toEqual(['Smith, Mary']);
    const sydneyBills = await api(token, 'bills?division=1&status_in=Open,Closed');
    expect(
      recordsOf(sydneyBills, 'bills').every(
        (b) => (b.links as { division: string }).division === '1',
      ),
    ).toBe(true);
    const viaLink = await api(token, 'timeentries?action[name_ilike]=estate');
    expect(recordsOf(viaLink, 'timeentries')).toHaveLength(2);
    expect((await api(token, 'bills?statsu=Open')).status).toBe(400);
    expect((await api(token, 'bills?include=nothing')).status).toBe(400);
  });

  it('is case-sensitive, answers 404/405/OPTIONS, and hides the extensions when they are off', async () => {
    h = await startHarness({ extensions: false });
    const token = await connect(h);
    expect((await api(token, 'Bills')).status).toBe(404);
    expect((await api(token, 'bills/999999')).status).toBe(404);
    expect((await api(token, 'billlines')).status).toBe(404);
    const post = await api(token, 'bills', { method: 'POST', body: { bills: {} } });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, OPTIONS');
    const options = await api(token, 'participants', { method: 'OPTIONS' });
    expect(options.headers.get('allow')).toBe('GET, POST, OPTIONS');
  });

  it('asks for Actionstep’s media types', async () => {
    h = await startHarness();
    const token = await connect(h);
    const headers = { authorization: `Bearer ${token.access_token}` };
    const json = await fetch(`${token.api_endpoint}rest/bills`, {
      headers: { ...headers, accept: 'text/html' },
    });
    expect(json.status).toBe(406);
    const write = await fetch(`${token.api_endpoint}rest/participants`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', accept: VND },
      body: JSON.stringify({ participants: { displayName: 'X' } }),
    });
    expect(write.status).toBe(415);
    const ok = await fetch(`${token.api_endpoint}rest/bills?pageSize=2`, { headers });
    expect(ok.headers.get('content-type')).toBe(VND);
  });
});
