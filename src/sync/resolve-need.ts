/**
 * What one mapping need (a type and a key: line kind "time", tax code "bill:GST", tracking
 * "Practitioner=Dr Lee") resolves to in an organisation now, from the mappings and chart in a
 * `MappingContext`. A need's resolution depends on its type and key alone, so the tally of a pass
 * (mapping-needs.ts), the stored summary read back later (stored-needs.ts) and the check of a
 * mapping before it is saved (`checkMapping`) all resolve through this one function. Pure.
 *
 * @module
 */
import type { LineKind } from '../ledger/index.js';
import type { MappingContext } from './mapping-context.js';
import type { NeedType } from './mapping-needs.js';
import { parseTrackingPair, trackingKey } from './tracking-mapping.js';

export type NeedResolution =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly fix: string };

export function resolveNeed(ctx: MappingContext, type: NeedType, key: string): NeedResolution {
  switch (type) {
    case 'line_kind_account':
      return ctx.accountForLine({ kind: key as LineKind });
    case 'category_account':
      return ctx.accountForLine({ kind: 'other', category: key });
    case 'line_account':
      return ctx.accountForLine({ kind: 'other', accountCode: key });
    case 'tax_code': {
      const bill = key.startsWith('bill:');
      const tax = ctx.taxType(bill ? key.slice(5) : key, bill ? 'bill' : 'sales');
      return tax.ok ? { ok: true, value: tax.value ?? '' } : tax;
    }
    case 'tracking':
      return trackingNeed(ctx, key);
    case 'payment_method_account':
      return ctx.paymentAccount(key);
    case 'bank_account':
      return ctx.bankAccount(key);
    case 'rounding_account':
      return ctx.roundingAccount();
    case 'trust_bank_account':
      return ctx.trustBankAccount();
    case 'trust_liability_account':
      return ctx.trustLiabilityAccount();
    case 'bad_debt_account':
      return ctx.badDebtAccount();
    case 'processor_fee_account':
      return ctx.processorFeeAccount();
  }
}

function trackingNeed(ctx: MappingContext, key: string): NeedResolution {
  const pair = parseTrackingPair(key);
  if (!pair)
    return {
      ok: false,
      code: 'LB_MAPPING_INVALID',
      message: `"${key}" is not CATEGORY=OPTION`,
      fix: 'Write tracking as CATEGORY=OPTION, e.g. "Practitioner=Dr Lee".',
    };
  const r = ctx.tracking(pair);
  return r.ok ? { ok: true, value: trackingKey(r.value) } : r;
}
