import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startClioEmulator } from './emulator.js';
import { ClioEmulatorError } from './errors.js';
import type { Harness } from './test-support.js';
import { FIRM, NUM, STR } from './test-support.js';
import { api, connect, dataOf, recordOf, startHarness } from './test-support.js';

/** A nested resource as rendered: its id (and etag). */
const withId = (id: number): unknown => expect.objectContaining({ id });

let h: Harness | undefined;
afterEach(async () => {
  await h?.emulator.stop();
  h = undefined;
});

describe('Clio emulator: the practice user', () => {
  it('drafts, approves, pays, edits the payment of and voids bills as the API shows them', async () => {
    h = await startHarness({}, [{ name: 'Harbour Law' }]);
    const token = await connect(h);
    const user = h.emulator.control.practice(FIRM);
    const client = user.createContact({
      type: 'Person',
      firstName: 'Ana',
      lastName: 'Ruiz',
      email: 'ana@example.com',
    });
    const matterId = user.createMatter({ clientId: client, description: 'Ruiz — contract' });
    const category = h.emulator.control.list(FIRM, 'expense_categories');
    expect(category).toEqual([]);
    user.recordTime({ matterId, date: '2026-03-02', hours: '2.5', rate: '333.33' });
    const billId = user.createBill({
      matterIds: [matterId],
      lines: [
        {
          description: 'Search fee',
          kind: 'Expense',
          price: '12.345',
          quantity: '1',
          taxable: false,
        },
      ],
    });
    const fields = 'fields=id,number,state,sub_total,tax_sum,total,paid,due,type';
    expect(recordOf(await api(token, `bills/${billId}.json?${fields}`))).toEqual({
      id: billId,
      number: null,
      state: 'draft',
      type: 'MatterBill',
      sub_total: 845.68,
      tax_sum: 83.33,
      total: 929.01,
      paid: 0,
      due: 929.01,
    });
    user.approveBill({ billId, issuedAt: '2026-03-03' });
    const { paymentId, allocationIds } = user.recordPayment({
      date: '2026-03-05',
      bills: [{ billId, amount: '929.01' }],
    });
    expect(recordOf(await api(token, `bills/${billId}.json?fields=state,due,paid_at`))).toEqual({
      state: 'paid',
      due: 0,
      paid_at: '2026-03-05',
    });
    const newAllocation = user.editPayment({ paymentId, amount: '900.00' });
    const allocations = dataOf(
      await api(
        token,
        `allocations.json?fields=id,amount,voided_at,parent&bill_id=${billId}&order=id(asc)`,
      ),
    );
    expect(allocations).toEqual([
      {
        id: allocationIds[0],
        amount: 929.01,
        voided_at: STR,
        parent: { id: paymentId, type: 'Payment' },
      },
      {
        id: newAllocation,
        amount: 900,
        voided_at: null,
        parent: { id: paymentId, type: 'Payment' },
      },
    ]);
    expect(recordOf(await api(token, `bills/${billId}.json?fields=state,due`))).toEqual({
      state: 'awaiting_payment',
      due: 29.01,
    });
    expect(() => user.voidBill({ billId })).toThrow(ClioEmulatorError);
    user.voidAllocation({ allocationId: newAllocation });
    user.voidBill({ billId });
    const voided = recordOf(await api(token, `bills/${billId}.json?fields=state,paid`));
    expect(voided).toEqual({ state: 'void', paid: 0 });
    const activity = dataOf(
      await api(token, 'activities.json?fields=billed,bill&type=TimeEntry'),
    )[0];
    expect(activity).toEqual({ billed: false, bill: null });
  });

  it('edits an awaiting-payment bill, charges interest and applies a credit memo', async () => {
    h = await startHarness();
    const token = await connect(h);
    const seeded = h.emulator.control
      .list(FIRM, 'bills')
      .find((b) => b.state === 'awaiting_payment' && b.type === 'MatterBill')!;
    const billId = seeded.id as number;
    const user = h.emulator.control.practice(FIRM);
    const before = recordOf(await api(token, `bills/${billId}.json?fields=total,due,etag`));
    user.editBill({
      billId,
      addLines: [{ description: 'Extra research', price: '100', quantity: '1' }],
      discount: { rate: '20', type: 'money' },
    });
    user.chargeInterest({ billId, amount: '5.55' });
    const after = recordOf(
      await api(token, `bills/${billId}.json?fields=total,due,etag,discount,interest{total}`),
    );
    // +100 line, +10 tax, −20 discount, −2 tax on it, +5.55 interest.
    expect(after.total).toBe(Math.round(((before.total as number) + 93.55) * 100) / 100);
    expect(after.etag).not.toBe(before.etag);
    expect(after.discount).toMatchObject({ rate: 20, type: 'money' });
    const memoId = user.issueCreditMemo({
      contactId: h.emulator.control.list(FIRM, 'contacts')[0]!.id as number,
      billId,
      date: '2026-03-10',
      amount: '10.00',
    });
    const memo = recordOf(
      await api(token, `credit_memos/${memoId}.json?fields=amount,allocations{amount,parent}`),
    );
    expect(memo).toEqual({
      amount: 10,
      allocations: [{ amount: 10, parent: { id: memoId, type: 'CreditMemo' } }],
    });
    expect(recordOf(await api(token, `bills/${billId}.json?fields=credits_issued`))).toEqual({
      credits_issued: 10,
    });
    user.voidCreditMemo({ creditMemoId: memoId });
    expect(recordOf(await api(token, `bills/${billId}.json?fields=credits_issued`))).toEqual({
      credits_issued: 0,
    });
  });

  it('merges contacts: the kept one takes the bills and matters, the other is gone', async () => {
    h = await startHarness();
    const token = await connect(h);
    const user = h.emulator.control.practice(FIRM);
    const [chen] = h.emulator.control.list(FIRM, 'contacts');
    const dup = user.createContact({
      type: 'Person',
      firstName: 'Maria',
      lastName: 'Chen',
      email: 'm.chen@work.example',
    });
    const matter = user.createMatter({ clientId: dup, description: 'Dup matter' });
    user.mergeContacts({ keepId: chen!.id as number, mergeId: dup });
    expect((await api(token, `contacts/${dup}.json`)).status).toBe(404);
    expect(recordOf(await api(token, `matters/${matter}.json?fields=client{id}`))).toEqual({
      client: { id: chen!.id },
    });
    const kept = recordOf(
      await api(token, `contacts/${String(chen!.id)}.json?fields=email_addresses`),
    );
    expect((kept.email_addresses as unknown[]).length).toBe(2);
    expect(() => user.deleteContact({ contactId: chen!.id as number })).toThrow(/merge it instead/);
    const lone = user.createContact({ type: 'Company', name: 'Short-lived Ltd' });
    user.deleteContact({ contactId: lone });
    expect((await api(token, `contacts/${lone}.json`)).status).toBe(404);
  });

  it('keeps trust money per matter: deposits, a bill paid from trust, no overdrawn matter', async () => {
    h = await startHarness({}, [{ name: 'Harbour Law' }]);
    const token = await connect(h);
    const user = h.emulator.control.practice(FIRM);
    const client = user.createContact({ type: 'Company', name: 'Kauri Ltd' });
    const matterId = user.createMatter({ clientId: client, description: 'Kauri — lease' });
    const trust = user.openTrustAccount();
    user.depositToTrust({ matterId, date: '2026-03-01', amount: '500.00' });
    const billId = user.createBill({
      matterIds: [matterId],
      lines: [{ description: 'Lease review', price: '400', quantity: '1', taxable: false }],
    });
    user.approveBill({ billId, issuedAt: '2026-03-02' });
    expect(() =>
      user.payBillFromTrust({ billId, date: '2026-03-03', amount: '400.00', matterId: 999 }),
    ).toThrow(ClioEmulatorError);
    const allocation = user.payBillFromTrust({ billId, date: '2026-03-03', amount: '400.00' });
    // Only id and etag unless `fields` asks (as for every resource).
    const bare = dataOf(await api(token, 'bank_transactions.json'));
    expect(bare.map((t) => Object.keys(t).sort())).toEqual([
      ['etag', 'id'],
      ['etag', 'id'],
      ['etag', 'id'],
    ]);
    const fields = 'fields=funds_in,funds_out,transaction_type,bill,allocation,matter';
    const onTrust = await api(token, `bank_transactions.json?bank_account_id=${trust}&${fields}`);
    expect(dataOf(onTrust)).toEqual([
      expect.objectContaining({ funds_in: 500, funds_out: 0, transaction_type: 'Deposit', bill: null }), // prettier-ignore
      expect.objectContaining({
        funds_in: 0,
        funds_out: 400,
        transaction_type: 'Transfer',
        bill: withId(billId),
        allocation: withId(allocation),
        matter: withId(matterId),
      }),
    ]);
    const paid = await api(token, `allocations/${allocation}.json?fields=source_bank_account`);
    expect(recordOf(paid)).toMatchObject({
      source_bank_account: withId(trust),
    });
    expect(h.emulator.control.get(FIRM, 'bills', billId)).toMatchObject({ state: 'paid' });
    // 100.00 left for the matter: more is refused, nothing changes.
    const again = user.createBill({
      matterIds: [matterId],
      lines: [{ description: 'Further advice', price: '150', quantity: '1', taxable: false }],
    });
    user.approveBill({ billId: again, issuedAt: '2026-03-04' });
    expect(() =>
      user.payBillFromTrust({ billId: again, date: '2026-03-05', amount: '150.00' }),
    ).toThrow(/trust ledger holds less/);
    expect(h.emulator.control.list(FIRM, 'bank_transactions')).toHaveLength(3);
  });

  it('refuses bad input naming the field and changes nothing', () => {
    return (async () => {
      h = await startHarness();
      const user = h.emulator.control.practice(FIRM);
      const count = h.emulator.control.list(FIRM, 'allocations').length;
      expect(() =>
        user.recordPayment({ date: '03/05/2026', bills: [{ billId: 1, amount: '1' }] }),
      ).toThrow(/date/);
      const draft = h.emulator.control.list(FIRM, 'bills').find((b) => b.state === 'draft')!;
      expect(() =>
        user.recordPayment({
          date: '2026-03-05',
          bills: [{ billId: draft.id as number, amount: '1' }],
        }),
      ).toThrow(/draft/);
      expect(h.emulator.control.list(FIRM, 'allocations').length).toBe(count);
    })();
  });

  it('serves the control surface over HTTP and keeps state in a file across restarts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'clio-emu-'));
    const stateFile = join(dir, 'state.json');
    try {
      const first = await startClioEmulator({ stateFile, controlToken: 'ctl' });
      const call = (path: string, body?: unknown) =>
        fetch(`${first.url}/sandbox${path}`, {
          method: body === undefined ? 'GET' : 'POST',
          headers: { authorization: 'Bearer ctl', 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as Record<string, unknown>,
        }));
      expect((await fetch(`${first.url}/sandbox/firms`)).status).toBe(401);
      const firm = await call('/firms', {
        name: 'Lakeside Legal',
        region: 'ca',
        seedLawFirm: true,
      });
      expect(firm.body.result).toMatchObject({ id: FIRM, region: 'ca', currency: 'CAD' });
      const contact = await call(`/firms/${FIRM}/practice/create-contact`, {
        type: 'Company',
        name: 'Maple Ltd',
      });
      expect(contact.body.result).toEqual(NUM);
      const bad = await call(`/firms/${FIRM}/practice/create-contact`, { type: 'Robot' });
      expect(bad.status).toBe(400);
      expect((await call(`/firms/${FIRM}/practice/teleport`, {})).status).toBe(404);
      const generated = await call(`/firms/${FIRM}/generate-bills`, { count: 3 });
      expect((generated.body.result as number[]).length).toBe(3);
      await first.stop();
      const second = await startClioEmulator({ stateFile });
      expect(second.control.list(FIRM, 'bills').length).toBe(10);
      expect(second.control.list(FIRM, 'contacts').some((c) => c.name === 'Maple Ltd')).toBe(true);
      await second.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
