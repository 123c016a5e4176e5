/**
 * The three-way trust reconciliation of one organisation (FEATURES B5): the trust bank balance in
 * Xero = the trust ledger (the trust movements in the store) = the sum of the client ledgers, per
 * client and matter, any client ledger below zero flagged. It balances only when all three agree
 * and no client is negative — what a solicitor's trust account rules ask for.
 *
 * @module
 */
import type { Database } from '../store/database.js';
import { listTrustMovements } from '../store/trust-repo.js';
import { listMappings } from '../store/mappings-repo.js';
import type { XeroApi } from '../xero/api-client.js';
import type { OrganisationSettings } from '../xero/organisation-settings.js';
import { makeMappingContext } from '../sync/mapping-context.js';
import { readTrustBankBalance } from './trust-bank.js';
import { trustLedger, type ClientLedger } from './trust-ledger.js';

export interface TrustReport {
  readonly organisation: string;
  readonly tenantId: string;
  readonly asOf: string;
  readonly trustBankAccount: string;
  readonly xeroBank: bigint;
  readonly ledger: bigint;
  readonly clientsTotal: bigint;
  readonly clients: readonly (ClientLedger & { readonly negative: boolean })[];
  /** What is wrong, in words; empty when the three agree and no client is negative. */
  readonly problems: readonly string[];
}

export interface TrustReportDeps {
  readonly db: Database;
  readonly api: XeroApi;
  readonly tenantId: string;
  /** Loaded only when a trust bank account is mapped: the chart says which account it is. */
  readonly settings: () => Promise<OrganisationSettings>;
}

/** Undefined when the organisation has no trust bank account mapped (it keeps no trust money). */
export async function trustReport(
  deps: TrustReportDeps,
  asOf: string,
): Promise<TrustReport | undefined> {
  const rows = await listMappings(deps.db, deps.tenantId);
  if (!rows.some((r) => r.type === 'trust_bank_account')) return undefined;
  const settings = await deps.settings();
  const bank = makeMappingContext(rows, '*', settings).trustBankAccount();
  if (!bank.ok && bank.code === 'LB_MAPPING_MISSING') return undefined;
  const account = bank.ok ? settings.accounts.find((a) => a.code === bank.value) : undefined;
  const movements = await listTrustMovements(deps.db, settings.tenantId, asOf);
  const ledger = trustLedger(movements);
  const xeroBank = account
    ? await readTrustBankBalance(deps.api, settings.tenantId, account.accountId, asOf)
    : 0n;
  const clients = ledger.clients.map((c) => ({ ...c, negative: c.balance < 0n }));
  return {
    organisation: settings.name,
    tenantId: settings.tenantId,
    asOf,
    trustBankAccount: bank.ok ? bank.value : '',
    xeroBank,
    ledger: ledger.ledger,
    clientsTotal: ledger.clientsTotal,
    clients,
    problems: [
      ...(bank.ok ? [] : [`${bank.message}. ${bank.fix}`]),
      ...problemsOf(xeroBank, ledger.ledger, ledger.clientsTotal, clients),
    ],
  };
}

function problemsOf(
  xeroBank: bigint,
  ledger: bigint,
  clientsTotal: bigint,
  clients: readonly (ClientLedger & { negative: boolean })[],
): string[] {
  const out: string[] = [];
  if (xeroBank !== ledger)
    out.push(
      `Xero's trust bank balance ${money(xeroBank)} differs from the trust ledger ${money(ledger)} by ${money(xeroBank - ledger)}: run \`ledgerbridge sync\` and \`ledgerbridge errors\`, and look in Xero for trust bank entries Ledgerbridge did not make`,
    );
  if (clientsTotal !== ledger)
    out.push(
      `The client ledgers add up to ${money(clientsTotal)}, not the trust ledger's ${money(ledger)}`,
    );
  for (const c of clients.filter((x) => x.negative))
    out.push(
      `Client ${c.name}, matter ${c.matter}, is overdrawn: ${money(c.balance)} (more was paid out of trust for the client than was held)`,
    );
  return out;
}

/** "1,234.50" / "-20.00": units (1/10,000) as money. */
export function money(units: bigint): string {
  const negative = units < 0n;
  const cents = ((negative ? -units : units) + 50n) / 100n;
  const whole = (cents / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${whole}.${(cents % 100n).toString().padStart(2, '0')}`;
}
