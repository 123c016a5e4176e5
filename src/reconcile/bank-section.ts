/**
 * The bank accounts' section of a reconciliation: which accounts Ledgerbridge posts to (the
 * payment-method accounts — card and processor clearing accounts among them — the ledger's bank
 * accounts and the trust bank account, as mapped), what the practice's ledger moves on each
 * (bank-ledger.ts) and what Xero holds there (bank-accounts.ts, from the copy of Xero the
 * reconciliation keeps: no reads of its own). The organisation's settings (chart and tax rates,
 * five reads when not cached) are asked for only when the ledger has money to place: then the
 * sync's own mapping rules place it.
 *
 * @module
 */
import type { Database } from '../store/database.js';
import { listMappings, type MappingType } from '../store/mappings-repo.js';
import { makeMappingContext, type MappingContext } from '../sync/mapping-context.js';
import type { OrganisationSettings, SettingsCache } from '../xero/organisation-settings.js';
import { checkBankAccounts, type BankAccountCheck } from './bank-accounts.js';
import { ledgerLegs, movesMoney } from './bank-ledger.js';
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
  const settings = input.ours.some(movesMoney) ? await deps.settings.get(tenantId) : undefined;
  const contexts = new Map<string, MappingContext>();
  const mapping = (source: string) => {
    const ctx = contexts.get(source) ?? makeMappingContext(rows, source, settings!);
    contexts.set(source, ctx);
    return ctx;
  };
  const legs = settings ? ledgerLegs(input.ours, mapping) : [];
  const codes = [...new Set([...mapped, ...legs.map((l) => l.code)])].sort();
  const name = accountNames(settings, input.xero);
  const ours = new Set(input.ours.flatMap((o) => [o.xeroId ?? [], o.feesXeroId ?? []].flat()));
  return checkBankAccounts({
    accounts: codes.map((code) => ({ code, name: name(code) })),
    legs,
    xero: input.xero,
    ours,
    ...(input.asOf && { asOf: input.asOf }),
  });
}

/** An account's name: from the chart when it was read, else as Xero's documents name it. */
function accountNames(
  settings: OrganisationSettings | undefined,
  xero: readonly XeroSummary[],
): (code: string) => string {
  const names = new Map<string, string>();
  for (const s of xero) {
    if (s.accountCode && s.accountName) names.set(s.accountCode, s.accountName);
    if (s.toAccountCode && s.toAccountName) names.set(s.toAccountCode, s.toAccountName);
  }
  for (const a of settings?.accounts ?? []) if (a.code) names.set(a.code, a.name);
  return (code) => names.get(code) ?? `Account ${code}`;
}
