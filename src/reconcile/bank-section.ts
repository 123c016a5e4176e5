/**
 * The bank accounts' section of a reconciliation: which accounts Ledgerbridge posts to (the
 * payment-method accounts — card and processor clearing accounts among them — the ledger's bank
 * accounts and the trust bank account, as mapped), what the practice's ledger moves on each
 * (bank-ledger.ts) and what Xero holds there (bank-accounts.ts, from the copy of Xero the
 * reconciliation keeps: no reads of its own).
 *
 * @module
 */
import type { Database } from '../store/database.js';
import { listMappings, type MappingType } from '../store/mappings-repo.js';
import { makeMappingContext, type MappingContext } from '../sync/mapping-context.js';
import type { SettingsCache } from '../xero/organisation-settings.js';
import { checkBankAccounts, type BankAccountCheck, type BankAccountRef } from './bank-accounts.js';
import { ledgerLegs } from './bank-ledger.js';
import type { OurDocument, XeroSummary } from './model.js';

const POSTED_TO: ReadonlySet<MappingType> = new Set<MappingType>([
  'payment_method_account',
  'bank_account',
  'trust_bank_account',
]);

export async function bankSection(
  deps: { readonly db: Database; readonly settings: SettingsCache },
  tenantId: string,
  input: { ours: readonly OurDocument[]; xero: readonly XeroSummary[]; asOf?: string },
): Promise<BankAccountCheck[]> {
  const rows = await listMappings(deps.db, tenantId);
  const mapped = rows.filter((r) => POSTED_TO.has(r.type)).map((r) => r.value);
  if (mapped.length === 0) return [];
  const settings = await deps.settings.get(tenantId);
  const contexts = new Map<string, MappingContext>();
  const mapping = (source: string) => {
    const ctx = contexts.get(source) ?? makeMappingContext(rows, source, settings);
    contexts.set(source, ctx);
    return ctx;
  };
  const legs = ledgerLegs(input.ours, mapping);
  const codes = [...new Set([...mapped, ...legs.map((l) => l.code)])].sort();
  const accounts: BankAccountRef[] = codes.flatMap((code) => {
    const a = settings.accounts.find((x) => x.code === code);
    return a ? [{ code, accountId: a.accountId, name: a.name }] : [];
  });
  const ours = new Set(input.ours.flatMap((o) => [o.xeroId ?? [], o.feesXeroId ?? []].flat()));
  return checkBankAccounts({
    accounts,
    legs,
    xero: input.xero,
    ours,
    ...(input.asOf && { asOf: input.asOf }),
  });
}
