/**
 * The set summary (as a set checker reports it): per bucket a count, an amount and a share of the
 * documents compared. Accepted differences are counted apart and left out of the buckets.
 *
 * @module
 */
import { formatUnits } from '../ledger/decimal.js';
import { CATEGORIES, type Category, type CategoryTotal, type Summary } from './model.js';

export interface Outcome {
  readonly category: Category | 'agree' | 'accepted';
  readonly amount: bigint;
}

export function summarise(outcomes: readonly Outcome[]): Summary {
  const compared = outcomes.filter((o) => o.category !== 'accepted').length;
  const total = (category: Outcome['category']): CategoryTotal => {
    const mine = outcomes.filter((o) => o.category === category);
    const amount = mine.reduce((n, o) => n + o.amount, 0n);
    // One decimal of a percentage, in integers: 1,000 × count / compared, rounded half up.
    const permille = compared === 0 ? 0 : Math.round((1_000 * mine.length) / compared);
    return {
      count: mine.length,
      amount: formatUnits(amount, 2),
      share: `${Math.floor(permille / 10)}.${permille % 10}%`,
    };
  };
  const buckets = Object.fromEntries(CATEGORIES.map((c) => [c, total(c)])) as Record<
    Category,
    CategoryTotal
  >;
  return {
    compared,
    agree: total('agree'),
    ...buckets,
    accepted: outcomes.filter((o) => o.category === 'accepted').length,
  };
}

/** Whether anything is open (the command's exit status follows this). */
export const hasOpenDifferences = (s: Summary): boolean => CATEGORIES.some((c) => s[c].count > 0);
