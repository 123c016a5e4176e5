/**
 * The trust ledger and the client ledgers from the trust movements (pure; FEATURES B5): the
 * ledger is the money through the trust bank (receipts and interest in, payments and transfers to
 * office out); each client ledger (client and matter) is its share, transfers between matters
 * moving money from one to another. In units of 1/10,000 (ledger/decimal.ts), never floats.
 *
 * @module
 */
import { toUnits, TRUST_BANK_SIGN, type TrustMovementType } from '../ledger/index.js';
import type { TrustRow } from '../store/trust-repo.js';

export interface ClientLedger {
  readonly source: string;
  readonly contactId: string;
  readonly name: string;
  readonly matter: string;
  readonly balance: bigint;
}

export interface TrustLedger {
  /** What the trust bank should hold: Σ money in − money out. */
  readonly ledger: bigint;
  /** Σ of the client ledgers. */
  readonly clientsTotal: bigint;
  readonly clients: readonly ClientLedger[];
  readonly movements: number;
}

export function trustLedger(rows: readonly TrustRow[]): TrustLedger {
  const clients = new Map<string, ClientLedger>();
  const add = (
    source: string,
    contactId: string,
    name: string | null,
    matter: string,
    by: bigint,
  ) => {
    const key = JSON.stringify([source, contactId, matter]);
    const was = clients.get(key);
    clients.set(key, {
      source,
      contactId,
      name: was?.name ?? name ?? contactId,
      matter,
      balance: (was?.balance ?? 0n) + by,
    });
  };
  let ledger = 0n;
  for (const row of rows) {
    const amount = toUnits(row.amount);
    const sign = TRUST_BANK_SIGN[row.type as TrustMovementType] ?? 0;
    ledger += BigInt(sign) * amount;
    if (row.type === 'matter_transfer') {
      add(row.source, row.contactId, row.contactName, row.matter, -amount);
      const to = row.toContactId ?? row.contactId;
      const toName = row.toContactId ? row.toContactName : row.contactName;
      add(row.source, to, toName, row.toMatter ?? row.matter, amount);
    } else add(row.source, row.contactId, row.contactName, row.matter, BigInt(sign) * amount);
  }
  const list = [...clients.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.matter.localeCompare(b.matter),
  );
  const clientsTotal = list.reduce((sum, c) => sum + c.balance, 0n);
  return { ledger, clientsTotal, clients: list, movements: rows.length };
}
