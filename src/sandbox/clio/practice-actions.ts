/**
 * The practice user's actions by route name, for `POST /sandbox/firms/{id}/practice/{action}`;
 * each checks its own input (practice-inputs.ts).
 *
 * @module
 */
import { notFound } from './errors.js';
import type { PracticeUser } from './practice.js';
import type * as input from './practice-inputs.js';

const ACTIONS: Record<string, (user: PracticeUser, body: unknown) => unknown> = {
  'create-contact': (u, b) => u.createContact(b as input.NewContact),
  'edit-contact': (u, b) => u.editContact(b as input.ContactEdit),
  'merge-contacts': (u, b) => u.mergeContacts(b as input.ContactMerge),
  'delete-contact': (u, b) => u.deleteContact(b as input.ContactRef),
  'create-matter': (u, b) => u.createMatter(b as input.NewMatter),
  'record-time': (u, b) => u.recordTime(b as input.TimeInput),
  'record-expense': (u, b) => u.recordExpense(b as input.ExpenseInput),
  'create-bill': (u, b) => u.createBill(b as input.NewBill),
  'approve-bill': (u, b) => u.approveBill(b as input.BillApproval),
  'edit-bill': (u, b) => u.editBill(b as input.BillEdit),
  'charge-interest': (u, b) => u.chargeInterest(b as input.InterestCharge),
  'void-bill': (u, b) => u.voidBill(b as input.BillRef),
  'delete-bill': (u, b) => u.deleteBill(b as input.BillRef),
  'record-payment': (u, b) => u.recordPayment(b as input.PaymentInput),
  'void-allocation': (u, b) => u.voidAllocation(b as input.AllocationRef),
  'edit-payment': (u, b) => u.editPayment(b as input.PaymentEdit),
  'issue-credit-memo': (u, b) => u.issueCreditMemo(b as input.CreditMemoInput),
  'void-credit-memo': (u, b) => u.voidCreditMemo(b as input.CreditMemoRef),
  'open-trust-account': (u, b) => u.openTrustAccount(b as input.TrustAccountInput),
  'deposit-to-trust': (u, b) => u.depositToTrust(b as input.TrustDeposit),
  'pay-bill-from-trust': (u, b) => u.payBillFromTrust(b as input.TrustToBill),
};

export const PRACTICE_ACTIONS: readonly string[] = Object.keys(ACTIONS);

export function practiceAction(
  user: PracticeUser,
  name: string | undefined,
  body: unknown,
): unknown {
  const run = ACTIONS[name ?? ''];
  if (!run) throw notFound(`No practice action '${name ?? ''}'.`);
  return run(user, body);
}
