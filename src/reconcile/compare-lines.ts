/**
 * Which lines differ, for a document whose totals differ (pure). Xero's lines are read by `IDs`
 * only for those documents (reads stay at pages of 100 without lines otherwise), so the report can
 * say "line 1 (Consult): unit amount 134.69 in Clio, 150.00 in Xero" instead of only the totals.
 *
 * @module
 */
import { normalDecimal, toUnits } from '../ledger/decimal.js';
import type { Line } from '../ledger/index.js';
import type { XeroLine } from './model.js';

/** Lines are compared by position (the sync writes them in the source's order). */
export function lineEdits(ours: readonly Line[], xero: readonly XeroLine[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(ours.length, xero.length); i++) {
    const o = ours[i];
    const x = xero[i];
    const name = `line ${i + 1} (${o?.description ?? x?.description ?? ''})`;
    if (!x) out.push(`${name} is not in Xero`);
    else if (!o) out.push(`${name} is only in Xero (${x.lineAmount})`);
    else {
      const fields: string[] = [];
      if (o.description !== x.description)
        fields.push(
          `description "${o.description}" in the practice system, "${x.description}" in Xero`,
        );
      if (toUnits(o.quantity) !== toUnits(x.quantity))
        fields.push(
          `quantity ${plain(o.quantity)} in the practice system, ${plain(x.quantity)} in Xero`,
        );
      if (toUnits(o.unitAmount) !== toUnits(x.unitAmount))
        fields.push(
          `unit amount ${money(o.unitAmount)} in the practice system, ${money(x.unitAmount)} in Xero`,
        );
      if (fields.length > 0) out.push(`${name}: ${fields.join(', ')}`);
    }
  }
  return out;
}

const money = (v: string) => normalDecimal(v, 2);
const plain = (v: string) => normalDecimal(v, 0);
