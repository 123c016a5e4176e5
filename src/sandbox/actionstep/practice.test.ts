import { afterEach, describe, expect, it } from 'vitest';
import { makeManualClock } from '../../time/clock.js';
import { ActionstepEmulatorError } from './errors.js';
import type { Harness } from './test-support.js';
import { api, connect, recordsOf, startHarness } from './test-support.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.emulator.stop();
  h = undefined;
});

const ORG = 'harbourlaw';

describe('Actionstep emulator: the practice user', () => {
  it('drafts, finalises, is paid on, edits and reverses a receipt on, and voids a bill', async () => {
    const clock = makeManualClock(Date.UTC(2026, 5, 10, 1, 0, 0));
    h = await startHarness({ clock });
    const token = await connect(h);
    const user = h.emulator.control.practice(ORG);
    const matter = h.emulator.control.list(ORG, 'actions')[0]?.id as number;
    const billId = user.createBill({
      actionId: matter,
      includeUnbilled: false,
      lines: [
        { description: 'Advice', quantity: '1', unitPrice: '1000.00' },
        { description: 'Drafting', quantity: '2.5', unitPrice: '333.33' },
      ],
    });
    const draft = (await api(token, `bills/${billId}`)).body?.bills;
    expect(draft).toMatchObject({
      status: 'Draft',
      ourReference: null,
      invoiceDate: null,
      currency: 'AUD',
      totalExclusive: 1833.33,
      totalSalesTax: 183.33,
      totalInclusive: 2016.66,
      totalPaid: 0,
      totalDue: 2016.66,
      links: { division: '1', action: [String(matter)] },
    });
    const lines = recordsOf(await api(token, `billlines?bill=${billId}`), 'billlines');
    expect(lines.map((l) => [l.amountExclusive, l.salesTax, l.amountInclusive])).toEqual([
      [1000, 100, 1100],
      [833.33, 83.33, 916.66],
    ]);
    user.finaliseBill({ billId, invoiceDate: '2026-06-10' });
    const open = (await api(token, `bills/${billId}`)).body?.bills as Record<string, unknown>;
    expect(open).toMatchObject({
      status: 'Open',
      invoiceDate: '2026-06-10',
      dueDate: '2026-06-24',
    });
    expect(open.ourReference).toMatch(/^\d+$/);
    const payer = Number((open.links as Record<string, string>).theirParticipant);
    const receiptId = user.recordReceipt({
      participantId: payer,
      date: '2026-06-12',
      amount: '1000.00',
      allocations: [{ billId, amount: '1000.00' }],
    });
    expect((await api(token, `bills/${billId}`)).body?.bills).toMatchObject({
      status: 'Open',
      totalPaid: 1000,
      totalDue: 1016.66,
    });
    expect(() => user.voidBill({ billId })).toThrow(ActionstepEmulatorError);
    clock.advance(60_000);
    user.editReceipt({ receiptId, amount: '2016.66' });
    expect((await api(token, `bills/${billId}`)).body?.bills).toMatchObject({
      status: 'Closed',
      totalDue: 0,
      modifiedTimestamp: '2026-06-10T11:01:00+10:00',
    });
    expect(
      (await api(token, `receiptallocations?receipt=${receiptId}`)).body?.receiptallocations,
    ).toMatchObject({ amount: 2016.66 });
    user.reverseReceipt({ receiptId });
    expect((await api(token, `receipts/${receiptId}`)).body?.receipts).toMatchObject({
      status: 'Reversed',
      amount: 2016.66,
      reversedTimestamp: '2026-06-10T11:01:00+10:00',
    });
    expect((await api(token, `bills/${billId}`)).body?.bills).toMatchObject({
      status: 'Open',
      totalPaid: 0,
    });
    user.voidBill({ billId });
    expect((await api(token, `bills/${billId}`)).body?.bills).toMatchObject({
      status: 'Deleted',
      deletedTimestamp: '2026-06-10T11:01:00+10:00',
    });
  });

  it('bills unbilled time and disbursements, credits a bill and pays one from trust', async () => {
    h = await startHarness();
    const token = await connect(h);
    const user = h.emulator.control.practice(ORG);
    const [matter] = h.emulator.control.list(ORG, 'actions');
    const owner = Number((matter?.links as Record<string, string>).assignedTo);
    const time = user.recordTime({
      actionId: matter?.id as number,
      ownerId: owner,
      date: '2026-06-01',
      hours: '0.25',
      rate: '420.00',
      description: 'Call',
    });
    const billId = user.createBill({ actionId: matter?.id as number });
    const lines = recordsOf(await api(token, `billlines?bill=${billId}`), 'billlines');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      lineType: 'Fee',
      amountExclusive: 105,
      links: { timeEntry: String(time) },
    });
    expect((await api(token, `timeentries/${time}`, { method: 'DELETE' })).status).toBe(400);
    user.finaliseBill({ billId });
    const credit = user.createCredit({
      billId,
      amount: '11.50',
      date: '2026-06-02',
      reason: 'Rounding',
    });
    expect((await api(token, `creditnotes/${credit}`)).body?.creditnotes).toMatchObject({
      totalInclusive: 11.5,
      totalSalesTax: 1.05,
      totalExclusive: 10.45,
    });
    expect((await api(token, `bills/${billId}`)).body?.bills).toMatchObject({
      totalPaid: 11.5,
      totalDue: 104,
    });
    const client = Number((matter?.links as Record<string, string>).assignedTo);
    expect(() =>
      user.recordTrustPayment({
        actionId: matter?.id as number,
        date: '2026-06-03',
        amount: '104.00',
        billId,
      }),
    ).toThrow(/trust/);
    user.recordTrustReceipt({
      actionId: matter?.id as number,
      participantId: client,
      date: '2026-06-03',
      amount: '500.00',
    });
    user.recordTrustPayment({
      actionId: matter?.id as number,
      date: '2026-06-04',
      amount: '104.00',
      billId,
    });
    expect((await api(token, `bills/${billId}`)).body?.bills).toMatchObject({
      status: 'Closed',
      totalDue: 0,
    });
    const trust = recordsOf(
      await api(token, `trusttransactions?action=${String(matter?.id)}&sort=id`),
      'trusttransactions',
    );
    expect(trust.map((t) => [t.transactionType, t.amount])).toEqual([
      ['Receipt', 500],
      ['Payment', 104],
    ]);
    const viaTrust = recordsOf(
      await api(token, 'receipts?paymentMethod=Trust transfer'),
      'receipts',
    );
    expect(viaTrust.some((r) => r.amount === 104)).toBe(true);
  });

  it('creates, edits and removes a duplicate participant as Actionstep allows', async () => {
    const clock = makeManualClock(Date.UTC(2026, 5, 10));
    h = await startHarness({ clock });
    const token = await connect(h);
    const user = h.emulator.control.practice(ORG);
    const dup = user.createParticipant({
      displayName: 'Smith, M',
      fields: { firstName: 'M', lastName: 'Smith' },
    });
    clock.advance(5_000);
    user.editParticipant({ participantId: dup, fields: { email: 'm@example.com' } });
    const shown = (await api(token, `participants/${dup}`)).body?.participants;
    expect(shown).toMatchObject({
      displayName: 'Smith, M',
      email: 'm@example.com',
      isCompany: 'F',
      createdTimestamp: '2026-06-10T10:00:00+10:00',
      modifiedTimestamp: '2026-06-10T10:00:05+10:00',
    });
    const matter = user.createMatter({ name: 'Dup matter', divisionId: 1, clientId: dup });
    const keep = Number(
      h.emulator.control.list(ORG, 'participants').find((p) => p.displayName === 'Smith, Mary')?.id,
    );
    user.removeDuplicateParticipant({ duplicateId: dup, keepId: keep });
    expect((await api(token, `participants/${dup}`)).status).toBe(404);
    const roles = recordsOf(
      await api(token, `actionparticipants?action=${matter}`),
      'actionparticipants',
    );
    expect(roles.map((r) => r.id)).toEqual([`${matter}--21--${keep}`]);
    expect(() => user.removeDuplicateParticipant({ duplicateId: keep, keepId: dup })).toThrow();
    const billedClient = h.emulator.control
      .list(ORG, 'bills')
      .map((b) => Number((b.links as Record<string, string>).theirParticipant))
      .find((id) => id !== keep);
    expect(() =>
      user.removeDuplicateParticipant({ duplicateId: billedClient ?? 0, keepId: keep }),
    ).toThrow(/accounting transactions/);
  });

  it('writes through the API: participants, disbursements, matter roles', async () => {
    h = await startHarness();
    const token = await connect(h);
    const created = await api(token, 'participants', {
      method: 'POST',
      body: {
        participants: { displayName: 'Acme Pty Ltd', isCompany: 'T', links: { division: '2' } },
      },
    });
    expect(created.status).toBe(200);
    const acme = created.body?.participants as Record<string, unknown>;
    expect(acme).toMatchObject({
      displayName: 'Acme Pty Ltd',
      isCompany: 'T',
      links: { division: '2' },
    });
    const put = await api(token, `participants/${String(acme.id)}`, {
      method: 'PUT',
      body: { participants: { ...acme, email: 'accounts@acme.example' } },
    });
    expect(put.body?.participants).toMatchObject({
      displayName: 'Acme Pty Ltd',
      email: 'accounts@acme.example',
    });
    expect(
      (await api(token, 'participants', { method: 'POST', body: { displayName: 'bare' } })).status,
    ).toBe(400);
    const missing = await api(token, 'disbursements', {
      method: 'POST',
      body: { disbursements: { description: 'Courier' } },
    });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({
      errors: [{ status: 400, source: { pointer: '/disbursements/date' } }],
    });
    const disbursement = await api(token, 'disbursements', {
      method: 'POST',
      body: {
        disbursements: {
          date: '2026-06-01',
          description: 'Courier',
          quantity: 1,
          unitPrice: 24.5,
          unitPriceIncludesTax: 'T',
          links: { action: '2001' },
        },
      },
    });
    expect(disbursement.body?.disbursements).toMatchObject({
      date: '2026-06-01',
      unitPrice: 24.5,
      isAnticipated: 'F',
      links: { action: '2001' },
    });
    const id = String((disbursement.body?.disbursements as { id: number }).id);
    expect((await api(token, `disbursements/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(token, `disbursements/${id}`)).status).toBe(404);
    const role = await api(token, 'actionparticipants', {
      method: 'POST',
      body: {
        actionparticipants: { links: { action: 2001, participantType: 22, participant: acme.id } },
      },
    });
    const roleId = `2001--22--${String(acme.id)}`;
    expect(role.body?.actionparticipants).toMatchObject({ id: roleId, participantNumber: 2 });
    expect((await api(token, `actionparticipants/${roleId}`, { method: 'DELETE' })).status).toBe(
      204,
    );
  });
});
