/** Human text for the mappings documents need (sync/mapping-needs.ts): all of them, or what is missing. */
import type { MappingNeed } from '../../sync/mapping-needs.js';

/** "time lines", "tax code "GST" on supplier bills", "tracking Practitioner=Dr Lee" … */
export function needLabel(n: Pick<MappingNeed, 'type' | 'key'>): string {
  switch (n.type) {
    case 'line_kind_account':
      return `${n.key} lines`;
    case 'category_account':
      return `category "${n.key}"`;
    case 'line_account':
      return `account ${n.key} (set on lines)`;
    case 'tax_code':
      return n.key.startsWith('bill:')
        ? `tax code "${n.key.slice(5)}" on supplier bills`
        : `tax code "${n.key}"`;
    case 'tracking':
      return `tracking "${n.key}"`;
    case 'payment_method_account':
      return `payment method "${n.key}"`;
    case 'bank_account':
      return `bank account "${n.key}"`;
    case 'trust_bank_account':
      return 'trust bank account';
    case 'trust_liability_account':
      return 'trust liability account';
    case 'bad_debt_account':
      return 'bad-debt account';
    case 'processor_fee_account':
      return 'processor-fee account';
    default:
      return 'rounding account';
  }
}

/** Every need: mapped ones with their Xero value, the others with why and the fix. */
export function renderNeeds(needs: readonly MappingNeed[], indent = '  '): string[] {
  const sources = new Set(needs.map((n) => n.source));
  return needs.flatMap((n) => {
    const head = `${indent}${n.status === 'mapped' ? '✓' : '✗'} ${n.status.padEnd(8)} ${needLabel(n)}${n.status === 'mapped' ? ` → ${n.value}` : ''} — ${documents(n.documents)}${sources.size > 1 ? ` of ${n.source}` : ''}${n.categories ? ` (categories: ${n.categories.join(', ')})` : ''}`;
    return n.status === 'mapped' ? [head] : [head, `${indent}    ${n.message}. ${n.fix}`];
  });
}

/** The dry run's summary: what is missing or invalid, all at once, or nothing when all is mapped. */
export function renderMissing(needs: readonly MappingNeed[]): string[] {
  const open = needs.filter((n) => n.status !== 'mapped');
  if (open.length === 0) return [];
  const missing = open.filter((n) => n.status === 'missing').length;
  const invalid = open.length - missing;
  return [
    `  Mappings to fix before these documents can go (${[
      missing && `${missing} missing`,
      invalid && `${invalid} invalid`,
    ]
      .filter(Boolean)
      .join(', ')}; ${needs.length - open.length} of ${needs.length} mapped):`,
    ...renderNeeds(open, '    '),
  ];
}

const documents = (n: number) => `${n.toLocaleString('en')} document${n === 1 ? '' : 's'}`;
