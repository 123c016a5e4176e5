/**
 * What the practice user's actions take, checked with zod: a bad value is refused (400) naming
 * the field, and nothing changes. Money is a decimal string or a number with at most 2 places;
 * dates are YYYY-MM-DD.
 *
 * @module
 */
import { z } from 'zod';

const id = z.number().int().positive();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const amount = z.union([
  z.number().nonnegative(),
  z.string().regex(/^\d+(\.\d{1,4})?$/, 'a decimal amount'),
]);
const discount = z.object({
  rate: amount,
  type: z.enum(['percentage', 'money']),
  note: z.string().optional(),
});

export const newContact = z.object({
  type: z.enum(['Person', 'Company']),
  name: z.string().min(1).optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  email: z.string().email().optional(),
  phone: z.string().optional(),
  address: z
    .object({
      street: z.string(),
      city: z.string(),
      province: z.string().optional(),
      postalCode: z.string().optional(),
      country: z.string(),
    })
    .optional(),
  salesTaxNumber: z.string().optional(),
  isClient: z.boolean().optional(),
});
export type NewContact = z.input<typeof newContact>;

export const contactEdit = z.object({ contactId: id, patch: z.record(z.string(), z.unknown()) });
export type ContactEdit = z.input<typeof contactEdit>;

export const contactMerge = z.object({ keepId: id, mergeId: id });
export type ContactMerge = z.input<typeof contactMerge>;

export const contactRef = z.object({ contactId: id });
export type ContactRef = z.input<typeof contactRef>;

export const newMatter = z.object({
  clientId: id,
  description: z.string().min(1),
  status: z.enum(['Pending', 'Open', 'Closed']).optional(),
});
export type NewMatter = z.input<typeof newMatter>;

export const timeInput = z.object({
  matterId: id,
  activityDescriptionId: id.optional(),
  date,
  hours: amount,
  rate: amount.optional(),
  note: z.string().optional(),
});
export type TimeInput = z.input<typeof timeInput>;

export const expenseInput = z.object({
  matterId: id,
  expenseCategoryId: id,
  date,
  price: amount,
  quantity: amount.optional(),
  note: z.string().optional(),
  /** Hard costs: who the firm paid, and its cheque or payment reference. */
  vendorId: id.optional(),
  reference: z.string().optional(),
});
export type ExpenseInput = z.input<typeof expenseInput>;

export const lineInput = z.object({
  description: z.string().min(1),
  kind: z.enum(['Service', 'Expense']).optional(),
  price: amount,
  quantity: amount,
  taxable: z.boolean().optional(),
  discount: discount.optional(),
  matterId: id.optional(),
});
export type LineInput = z.input<typeof lineInput>;

export const newBill = z.object({
  matterIds: z.array(id).min(1),
  /** Bill these unbilled activities (default: every unbilled activity of the matters). */
  activityIds: z.array(id).optional(),
  lines: z.array(lineInput).optional(),
  discount: discount.optional(),
  discountServicesOnly: z.boolean().optional(),
  subject: z.string().optional(),
  memo: z.string().optional(),
  purchaseOrder: z.string().optional(),
  taxRate: amount.optional(),
});
export type NewBill = z.input<typeof newBill>;

export const billRef = z.object({ billId: id });
export type BillRef = z.input<typeof billRef>;

export const billApproval = z.object({
  billId: id,
  issuedAt: date.optional(),
  dueAt: date.optional(),
});
export type BillApproval = z.input<typeof billApproval>;

export const billEdit = z.object({
  billId: id,
  subject: z.string().optional(),
  memo: z.string().optional(),
  purchaseOrder: z.string().optional(),
  dueAt: date.optional(),
  discount: discount.nullable().optional(),
  addLines: z.array(lineInput).optional(),
  removeLineIds: z.array(id).optional(),
  editLines: z
    .array(
      z.object({
        lineId: id,
        price: amount.optional(),
        quantity: amount.optional(),
        description: z.string().optional(),
      }),
    )
    .optional(),
});
export type BillEdit = z.input<typeof billEdit>;

export const interestCharge = z.object({
  billId: id,
  amount,
  rate: amount.optional(),
  type: z.enum(['simple', 'compound']).optional(),
});
export type InterestCharge = z.input<typeof interestCharge>;

export const payment = z.object({
  date,
  /** One allocation per bill; a payment may cover several bills. */
  bills: z.array(z.object({ billId: id, amount })).min(1),
  interest: z.boolean().optional(),
});
export type PaymentInput = z.input<typeof payment>;

export const allocationRef = z.object({ allocationId: id });
export type AllocationRef = z.input<typeof allocationRef>;

export const paymentEdit = z.object({ paymentId: id, amount, date: date.optional() });
export type PaymentEdit = z.input<typeof paymentEdit>;

export const creditMemo = z.object({
  contactId: id,
  date,
  amount,
  description: z.string().optional(),
  billId: id.optional(),
  discount: z.boolean().optional(),
});
export type CreditMemoInput = z.input<typeof creditMemo>;

export const creditMemoRef = z.object({ creditMemoId: id });
export type CreditMemoRef = z.input<typeof creditMemoRef>;

export const trustAccount = z.object({ name: z.string().min(1).optional() });
export type TrustAccountInput = z.input<typeof trustAccount>;

export const trustDeposit = z.object({
  matterId: id,
  date,
  amount,
  description: z.string().optional(),
  /** Interest the bank credited to the matter's trust money, not a client's deposit. */
  interest: z.boolean().optional(),
});
export type TrustDeposit = z.input<typeof trustDeposit>;

export const trustToBill = z.object({ billId: id, date, amount, matterId: id.optional() });
export type TrustToBill = z.input<typeof trustToBill>;
