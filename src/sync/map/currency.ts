/**
 * A document's currency checked against the organisation's (FEATURES B7). Xero refuses a document
 * in a currency the organisation has not added ("The currency USD is not enabled for this
 * organisation."), one at a time and after a call; checked here, the refusal names the currency,
 * the organisation and what it has, before anything is sent. Pure.
 *
 * @module
 */
import type { MappingContext } from '../mapping-context.js';

export type CurrencyOutcome =
  | { readonly ok: true; readonly rate: number | undefined }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly fix: string };

/**
 * The currency rate to send with a document: the PMS's own rate for a foreign currency, none for
 * the base currency (Xero fixes it at 1) or when the PMS has none (Xero uses its day rate).
 */
export function checkCurrency(
  currency: string,
  exchangeRate: string | undefined,
  ctx: MappingContext,
): CurrencyOutcome {
  const { baseCurrency, currencies, name } = ctx.settings;
  if (currency === baseCurrency) return { ok: true, rate: undefined };
  if (!currencies.includes(currency)) {
    const has = [...new Set([baseCurrency, ...currencies])].sort().join(', ');
    return {
      ok: false,
      code: 'LB_SYNC_CURRENCY_NOT_ENABLED',
      message: `currency = "${currency}", which ${name} has not added in Xero (it has ${has})`,
      fix: `In Xero add ${currency} to ${name} (Accounting → Advanced → Currencies → Add currency; Xero offers multi-currency on its Premium and Ultimate plans), then sync again — or record the document in ${baseCurrency} in the PMS.`,
    };
  }
  // Xero's wire takes CurrencyRate as a JSON number; six decimal places survive a double exactly
  // enough for Xero's [18].[6] (it rounds to six places itself).
  return { ok: true, rate: exchangeRate === undefined ? undefined : Number(exchangeRate) };
}
