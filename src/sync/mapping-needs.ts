/**
 * Every mapping the documents a sync would push need, at once: line kinds and categories →
 * accounts (and account codes set on lines), tax codes → tax types, tracking values → Xero
 * options, payment methods → accounts, bank accounts → Xero BANK accounts, and the rounding account — each with how many documents
 * need it and whether it is mapped, missing or invalid in the organisation. A new user fixes them
 * in one round instead of one per dry run (a document's own error names only its first). Pure:
 * the tally holds one entry per distinct need, never the documents.
 *
 * @module
 */
import { toUnits } from '../ledger/index.js';
import type {
  BankTransactionDoc,
  BankTransferDoc,
  JournalDoc,
  LedgerDocument,
  Line,
} from '../ledger/index.js';
import type { MappingType } from '../store/mappings-repo.js';
import { mapLines } from './map/line-items.js';
import type { MappingContext } from './mapping-context.js';
import { resolveNeed, type NeedResolution } from './resolve-need.js';
import { trackingKey } from './tracking-mapping.js';

/** A mapping type, or 'line_account': an account code a line names itself. */
export type NeedType = MappingType | 'line_account';

export interface MappingNeed {
  readonly source: string;
  readonly type: NeedType;
  /** "time", "Initial consultation", "GST", "bill:GST", "Practitioner=Dr Lee", "card", "*". */
  readonly key: string;
  /** Documents that need it. */
  readonly documents: number;
  readonly status: 'mapped' | 'missing' | 'invalid';
  /** What it resolves to in Xero, when mapped. */
  readonly value?: string;
  /** Why not, and the command that fixes it, when missing or invalid. */
  readonly message?: string;
  readonly fix?: string;
  /** Line kinds: categories of the lines that fell back to the kind (mapping one of them also does). */
  readonly categories?: readonly string[];
}

export interface MappingNeedsTally {
  add(doc: LedgerDocument): void;
  needs(): MappingNeed[];
}

interface Entry {
  readonly type: NeedType;
  readonly key: string;
  readonly resolution: NeedResolution;
  documents: number;
  categories?: Set<string>;
}

/** Categories listed per line kind; more are counted in the documents, not named. */
const CATEGORIES_SHOWN = 5;

const TYPE_ORDER: readonly NeedType[] = [
  'line_kind_account',
  'category_account',
  'line_account',
  'tax_code',
  'tracking',
  'payment_method_account',
  'bank_account',
  'rounding_account',
  'bad_debt_account',
  'processor_fee_account',
];

export function makeMappingNeeds(
  source: string,
  ctx: MappingContext,
  summarise: boolean,
): MappingNeedsTally {
  const entries = new Map<string, Entry>();
  return {
    add(doc) {
      const seen = new Map<string, Need>();
      for (const need of needsOf(doc, ctx, summarise))
        if (!seen.has(`${need.type}\0${need.key}`)) seen.set(`${need.type}\0${need.key}`, need);
      for (const [id, need] of seen) {
        const entry = entries.get(id) ?? {
          type: need.type,
          key: need.key,
          resolution: resolveNeed(ctx, need.type, need.key),
          documents: 0,
        };
        entry.documents++;
        for (const c of need.categories ?? [])
          if ((entry.categories ??= new Set()).size < CATEGORIES_SHOWN) entry.categories.add(c);
        entries.set(id, entry);
      }
    },
    needs: () =>
      [...entries.values()]
        .sort(
          (a, b) =>
            TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) || a.key.localeCompare(b.key),
        )
        .map((e) => asNeed(source, e)),
  };
}

/** The needs of a list of documents (what the tally gives, for callers holding them all). */
export function mappingNeeds(
  docs: Iterable<LedgerDocument>,
  source: string,
  ctx: MappingContext,
  summarise = false,
): MappingNeed[] {
  const tally = makeMappingNeeds(source, ctx, summarise);
  for (const doc of docs) tally.add(doc);
  return tally.needs();
}

function asNeed(source: string, e: Entry): MappingNeed {
  return resolvedNeed(
    source,
    { type: e.type, key: e.key, documents: e.documents, categories: [...(e.categories ?? [])] },
    e.resolution,
  );
}

/** A counted need as shown: mapped to its value, or missing or invalid with why and the fix. */
export function resolvedNeed(
  source: string,
  n: Pick<MappingNeed, 'type' | 'key' | 'documents' | 'categories'>,
  r: NeedResolution,
): MappingNeed {
  return {
    source,
    type: n.type,
    key: n.key,
    documents: n.documents,
    ...(r.ok
      ? { status: 'mapped' as const, value: r.value }
      : {
          status: r.code === 'LB_MAPPING_INVALID' ? ('invalid' as const) : ('missing' as const),
          message: r.message,
          fix: r.fix,
        }),
    ...(n.categories && n.categories.length > 0 && { categories: [...n.categories] }),
  };
}

/** What a document needs, before it is resolved (once per distinct need, resolve-need.ts). */
interface Need {
  readonly type: NeedType;
  readonly key: string;
  readonly categories?: readonly string[];
}

function needsOf(doc: LedgerDocument, ctx: MappingContext, summarise: boolean): Need[] {
  if (doc.kind === 'payment') return [{ type: 'payment_method_account', key: doc.method }];
  if (doc.kind === 'bank_transaction' || doc.kind === 'bank_transfer' || doc.kind === 'journal')
    return bankingNeeds(doc, ctx);
  if (doc.kind === 'trust_movement')
    return [
      { type: 'trust_bank_account', key: '*' },
      { type: 'trust_liability_account', key: '*' },
    ];
  if (doc.kind === 'refund') return [{ type: 'bank_account', key: doc.bankAccount }];
  if (doc.kind === 'payout')
    return [
      { type: 'payment_method_account', key: doc.method },
      { type: 'bank_account', key: doc.bankAccount },
      ...(toUnits(doc.fees) === 0n ? [] : [{ type: 'processor_fee_account' as const, key: '*' }]),
    ];
  if (doc.kind === 'write_off')
    return [
      { type: 'bad_debt_account', key: '*' },
      ...(doc.taxCode === undefined ? [] : [taxNeed(doc.taxCode, 'sales')]),
    ];
  if (doc.kind === 'overpayment')
    return [
      { type: 'bank_account', key: doc.bankAccount },
      ...(doc.prepayment
        ? [
            accountNeed(
              { category: doc.category, accountCode: doc.accountCode, kind: 'other' },
              ctx,
            ),
          ]
        : []),
    ];
  if (doc.kind !== 'invoice' && doc.kind !== 'credit_note') return [];
  const needs = doc.lines.flatMap((line) => lineNeeds(line, doc.type, ctx));
  // Xero's per-line tax rounding can only be checked once every line's account and tax resolve.
  const lines = mapLines(doc.lines, doc.lineAmountType, doc.total, ctx, summarise, doc.type);
  if ((lines.ok && lines.rounding !== null) || (!lines.ok && lines.field === 'total'))
    needs.push({ type: 'rounding_account', key: '*' });
  return needs;
}

/** What of a line (an invoice's, a bank transaction's, a journal's) its mappings depend on. */
type NeedLine = Pick<Line, 'kind' | 'category' | 'accountCode' | 'taxCode' | 'tracking'>;

/**
 * Bank accounts by the ledger's names, and the lines as plan-banking maps them: a spend's tax codes
 * as on supplier bills, journal lines by their account code or category.
 */
function bankingNeeds(
  doc: BankTransactionDoc | BankTransferDoc | JournalDoc,
  ctx: MappingContext,
): Need[] {
  const bank = (name: string): Need => ({ type: 'bank_account', key: name });
  if (doc.kind === 'bank_transfer') return [bank(doc.fromBankAccount), bank(doc.toBankAccount)];
  if (doc.kind === 'journal')
    return doc.lines.flatMap((line) => lineNeeds({ kind: 'other', ...line }, 'sales', ctx));
  const side = doc.type === 'spend' ? 'bill' : 'sales';
  return [bank(doc.bankAccount), ...doc.lines.flatMap((line) => lineNeeds(line, side, ctx))];
}

function lineNeeds(line: NeedLine, documentType: 'sales' | 'bill', ctx: MappingContext): Need[] {
  const needs: Need[] = [accountNeed(line, ctx)];
  if (line.taxCode !== undefined) needs.push(taxNeed(line.taxCode, documentType));
  for (const pair of line.tracking ?? []) needs.push({ type: 'tracking', key: trackingKey(pair) });
  return needs;
}

const taxNeed = (taxCode: string, documentType: 'sales' | 'bill'): Need => ({
  type: 'tax_code',
  key: documentType === 'bill' ? `bill:${taxCode}` : taxCode,
});

/** The line's own account code, else its category's mapping, else its kind's (S2, S3). */
function accountNeed(line: NeedLine, ctx: MappingContext): Need {
  if (line.accountCode) return { type: 'line_account', key: line.accountCode };
  if (line.category && ctx.mapped('category_account', line.category))
    return { type: 'category_account', key: line.category };
  return {
    type: 'line_kind_account',
    key: line.kind,
    ...(line.category && { categories: [line.category] }),
  };
}
