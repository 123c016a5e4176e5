/**
 * A payout's two Xero entries (FEATURES P10): the BankTransfer of the net from the method's
 * clearing account to the bank, and the Spend Money of the fees on the clearing account to the
 * processor-fee account. Xero's BankTransfers need two BANK accounts (reference/xero-api.md §10),
 * so a clearing account of another type is refused here, naming it and the fix.
 *
 * @module
 */
import { toUnits, type PayoutDoc } from '../../ledger/index.js';
import type { XeroBankTransaction, XeroBankTransfer } from '../../xero/xero-types.js';
import { wireNumber } from '../../xero/xero-types.js';
import type { MappingContext } from '../mapping-context.js';
import type { SyncSettings } from '../sync-settings.js';
import { documentDate } from './invoice-payload.js';
import { referenceFor } from './references.js';

export interface PayoutPayloads {
  readonly transfer: XeroBankTransfer;
  /** None when the processor took no fee. */
  readonly fees?: XeroBankTransaction;
}

type Refusal = { ok: false; code: string; message: string; fix: string };

export function payoutPayloads(
  doc: PayoutDoc,
  ctx: MappingContext,
  settings: SyncSettings,
): { ok: true; value: PayoutPayloads } | Refusal {
  const clearing = clearingAccount(doc.method, ctx);
  if (!clearing.ok) return clearing;
  const bank = ctx.bankAccount(doc.bankAccount);
  if (!bank.ok) return bank;
  const date = documentDate(doc.date, ctx, settings);
  if (!date.ok) return date;
  const processor = doc.processorReference ? ` ${doc.processorReference}` : '';
  const transfer: XeroBankTransfer = {
    FromBankAccount: { Code: clearing.value },
    ToBankAccount: { Code: bank.value },
    Amount: wireNumber(doc.net),
    Date: date.value,
    Reference: referenceFor({ sourceId: doc.sourceId, reference: `Payout${processor}` }),
  };
  if (toUnits(doc.fees) === 0n) return { ok: true, value: { transfer } };
  const feeAccount = ctx.processorFeeAccount();
  if (!feeAccount.ok) return feeAccount;
  const feeTax = ctx.settings.accounts.find((a) => a.code === feeAccount.value)?.taxType;
  const fees: XeroBankTransaction = {
    Type: 'SPEND',
    // Xero requires a contact on every bank transaction: the processor, by name (found or added).
    Contact: { Name: processorName(doc.method) },
    BankAccount: { Code: clearing.value },
    Date: date.value,
    // The fees as the processor charged them, taxed as the fee account's default tax rate says —
    // what Xero does when a bookkeeper codes Spend Money to that account: Stripe's Australian fees
    // include 10% GST (claimable), Xero AU's own Bank Fees account is GST free. Inclusive, so the
    // total is the fees to the cent and the clearing account still returns to zero.
    LineAmountTypes: feeTax ? 'Inclusive' : 'NoTax',
    LineItems: [
      {
        Description: `${processorName(doc.method)} fees, payout${processor} (${doc.sourceId})`,
        Quantity: 1,
        UnitAmount: wireNumber(doc.fees),
        AccountCode: feeAccount.value,
        ...(feeTax && { TaxType: feeTax }),
      },
    ],
    Reference: referenceFor({ sourceId: doc.sourceId, reference: `Payout fees${processor}` }),
    CurrencyCode: doc.currency,
  };
  return { ok: true, value: { transfer, fees } };
}

/** "stripe" → "Stripe". */
const processorName = (method: string) => method.charAt(0).toUpperCase() + method.slice(1);

/** The method's clearing account (its payment-method mapping), which must be a BANK account. */
function clearingAccount(
  method: string,
  ctx: MappingContext,
): { ok: true; value: string } | Refusal {
  const code = ctx.paymentAccount(method);
  if (!code.ok) return code;
  const account = ctx.settings.accounts.find((a) => a.code === code.value);
  if (account?.type === 'BANK') return code;
  return {
    ok: false,
    code: 'LB_SYNC_CLEARING_NOT_BANK',
    message: `the clearing account of payment method "${method}", account ${code.value}${account ? ` (${account.name}, type ${account.type})` : ''}, is not a bank account in Xero, and a payout is a bank transfer out of it`,
    fix: `In Xero add a bank account for ${processorName(method)} (e.g. "${processorName(method)} clearing"), then map the method to it: \`ledgerbridge map payment-method ${method} ACCOUNT_CODE\`.`,
  };
}
