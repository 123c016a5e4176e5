/**
 * The practice user: what someone at the law firm does in Actionstep's screens, which an
 * integration then has to notice through the API — contacts created and edited, duplicates
 * removed, matters opened, time and disbursements recorded; bills (practice-bills.ts) and money
 * received — receipts, credits, trust — (practice-money.ts) are delegated.
 *
 * Actionstep has no "merge contacts": a duplicate is removed by re-assigning its matters to the
 * right contact and deleting it, and a contact with accounting transactions cannot be deleted
 * (support.actionstep.com article 150000019994 "Removing Duplicate Contacts"; a partner's note
 * "Actionstep will not allow you to delete a contact if it has related matters or accounting
 * transactions"). `removeDuplicateParticipant` does exactly that.
 *
 * @module
 */
import type { Books } from './books.js';
import { resourceDef } from './books.js';
import { badRequest } from './errors.js';
import { createBill, editBill, finaliseBill, voidBill } from './practice-bills.js';
import {
  createCredit,
  editReceipt,
  recordReceipt,
  recordTrustPayment,
  recordTrustReceipt,
  reverseReceipt,
  voidCredit,
} from './practice-money.js';
import * as input from './practice-inputs.js';
import { parseInput } from './practice-inputs.js';
import { parseValue } from './values.js';
import type { Stored } from './values.js';
import { multiplyUnits } from '../../ledger/decimal.js';

/** Midnight of a local date, as epoch ms. */
export function localMidnight(books: Books, isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) - books.org.utcOffsetMinutes * 60_000;
}

function participantValues(
  fields: Record<string, string | null> | undefined,
): Record<string, Stored> {
  const def = resourceDef('participants');
  const out: Record<string, Stored> = {};
  for (const [name, raw] of Object.entries(fields ?? {})) {
    const field = def.fields[name];
    if (!field || field.readOnly) throw badRequest(`participants has no writable field '${name}'.`);
    const parsed = parseValue(field, raw);
    if (!parsed.ok) throw badRequest(`'${name}' ${parsed.problem}.`);
    out[name] = parsed.value;
  }
  return out;
}

/** Records that tie a participant to the books (accounting transactions). */
function accountingLinks(books: Books, participantId: number): number {
  const uses: [string, string][] = [
    ['bills', 'theirParticipant'],
    ['receipts', 'participant'],
    ['creditnotes', 'theirParticipant'],
    ['trusttransactions', 'participant'],
  ];
  return uses.reduce(
    (n, [table, link]) =>
      n + books.all(table).filter((r) => r.links[link] === participantId).length,
    0,
  );
}

export class PracticeUser {
  constructor(readonly books: Books) {}

  createParticipant(value: input.NewParticipant): number {
    const p = parseInput(input.newParticipant, value);
    const values = {
      ...participantValues(p.fields),
      displayName: p.displayName,
      isCompany: p.isCompany ? 'T' : 'F',
    };
    if (p.divisionId !== undefined) this.books.require('divisions', p.divisionId);
    return this.books.create('participants', values, { division: p.divisionId ?? null }).id;
  }

  editParticipant(value: input.ParticipantEdit): void {
    const p = parseInput(input.participantEdit, value);
    const record = this.books.require('participants', p.participantId);
    this.books.update('participants', record, participantValues(p.fields));
  }

  /** Re-assigns the duplicate's matters to `keepId`, then deletes the duplicate. */
  removeDuplicateParticipant(value: input.DuplicateRemoval): void {
    const p = parseInput(input.duplicateRemoval, value);
    const duplicate = this.books.require('participants', p.duplicateId);
    this.books.require('participants', p.keepId);
    if (p.duplicateId === p.keepId) throw badRequest('A participant cannot replace itself.');
    if (accountingLinks(this.books, p.duplicateId) > 0)
      throw badRequest(
        `participants ${p.duplicateId} has accounting transactions and cannot be deleted.`,
      );
    for (const role of this.books
      .all('actionparticipants')
      .filter((r) => r.links.participant === p.duplicateId)) {
      this.books.remove('actionparticipants', role);
      const key = `${String(role.links.action)}--${String(role.links.participantType)}--${p.keepId}`;
      if (!this.books.find(resourceDef('actionparticipants'), key))
        this.books.create(
          'actionparticipants',
          { participantNumber: role.values.participantNumber ?? null },
          { ...role.links, participant: p.keepId },
        );
    }
    for (const action of this.books.all('actions')) {
      const primary = action.links.primaryParticipants;
      if (Array.isArray(primary) && primary.includes(p.duplicateId)) {
        const next = [...new Set(primary.map((id) => (id === p.duplicateId ? p.keepId : id)))];
        this.books.update('actions', action, {}, { primaryParticipants: next });
      }
    }
    this.books.remove('participants', duplicate);
  }

  createMatter(value: input.NewMatter): number {
    const p = parseInput(input.newMatter, value);
    const { books } = this;
    books.require('divisions', p.divisionId);
    books.require('participants', p.clientId);
    const actionType = p.actionTypeId ?? books.org.settings.defaultActionType ?? null;
    const action = books.create(
      'actions',
      {
        name: p.name,
        reference: p.reference ?? null,
        priority: 0,
        status: 'Active',
        statusTimestamp: books.now(),
        isDeleted: 'F',
        isFavorite: 'F',
      },
      {
        division: p.divisionId,
        actionType,
        assignedTo: p.assignedToId ?? null,
        primaryParticipants: [p.clientId],
      },
    );
    const clientType = books.org.settings.clientParticipantType;
    if (clientType !== undefined)
      books.create(
        'actionparticipants',
        { participantNumber: 1 },
        { action: action.id, participantType: clientType, participant: p.clientId },
      );
    return action.id;
  }

  recordTime(value: input.TimeRecordInput): number {
    const p = parseInput(input.timeRecord, value);
    this.books.require('actions', p.actionId);
    this.books.require('participants', p.ownerId);
    return this.books.create(
      'timeentries',
      {
        timestampDate: localMidnight(this.books, p.date),
        description: p.description,
        actualHours: p.hours,
        billableHours: p.hours,
        billingBehavior: 'Bill',
        rateUnitPrice: p.rate,
        billableAmountType: 'Calculated',
        billableAmount: multiplyUnits(p.hours, p.rate, 2),
        isBillable: 'T',
      },
      { action: p.actionId, owner: p.ownerId, createdBy: p.ownerId },
    ).id;
  }

  recordDisbursement(value: input.DisbursementInput): number {
    const p = parseInput(input.disbursementRecord, value);
    this.books.require('actions', p.actionId);
    return this.books.create(
      'disbursements',
      {
        date: p.date,
        description: p.description,
        quantity: p.quantity,
        unitPrice: p.unitPrice,
        unitPriceIncludesTax: p.unitPriceIncludesTax ? 'T' : 'F',
        isAnticipated: 'F',
      },
      {
        action: p.actionId,
        taxCode: p.taxCodeId ?? null,
        incomeAccount: p.incomeAccountId ?? null,
      },
    ).id;
  }

  createBill(value: input.NewBill): number {
    return createBill(this.books, value);
  }

  editBill(value: input.BillEdit): void {
    editBill(this.books, value);
  }

  finaliseBill(value: input.BillFinalise): void {
    finaliseBill(this.books, value);
  }

  voidBill(value: input.BillRef): void {
    voidBill(this.books, value);
  }

  recordReceipt(value: input.NewReceipt): number {
    return recordReceipt(this.books, value);
  }

  editReceipt(value: input.ReceiptEdit): void {
    editReceipt(this.books, value);
  }

  reverseReceipt(value: input.ReceiptRef): void {
    reverseReceipt(this.books, value);
  }

  createCredit(value: input.NewCredit): number {
    return createCredit(this.books, value);
  }

  voidCredit(value: input.CreditRef): void {
    voidCredit(this.books, value);
  }

  recordTrustReceipt(value: input.TrustReceiptInput): number {
    return recordTrustReceipt(this.books, value);
  }

  recordTrustPayment(value: input.TrustPaymentInput): number {
    return recordTrustPayment(this.books, value);
  }
}
