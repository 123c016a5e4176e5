/**
 * A lost batch of bank transactions, transfers or journals found again (resolve-intents.ts). Xero
 * keeps no number of ours on these, so each carries our text where Xero can filter on it — the
 * Reference on bank transactions and transfers, the Narration on journals (bank-payloads.ts) —
 * and the whole batch is looked up in one read per kind (`Reference=="a" OR …`). Deleted and
 * voided ones are not ours any more: a document deleted in Xero is created again.
 *
 * @module
 */
import type { IntentDocument } from '../../store/intents-repo.js';
import { findWhereIn } from '../../xero/reader.js';
import { text } from '../../xero/wire.js';
import { parseXeroDate } from '../../xero/xero-dates.js';
import { BANKING_SPECS, isBankTransactionKind, type BankingKind } from './execute-banking.js';
import type { RunContext } from './run-context.js';

export type BankingFound = { xeroId: string; state: Record<string, unknown> } | undefined;

const BY_OPERATION = new Map(
  (Object.keys(BANKING_SPECS) as BankingKind[]).map((k) => [
    `create-${BANKING_SPECS[k].plural}`,
    k,
  ]),
);

/** Undefined when the operation is not the creation of a banking kind. */
export async function lookUpBanking(
  rc: RunContext,
  operation: string,
  docs: readonly IntentDocument[],
): Promise<BankingFound[] | undefined> {
  const kind = BY_OPERATION.get(operation);
  if (!kind) return undefined;
  const spec = BANKING_SPECS[kind];
  const value = (d: IntentDocument) => d.lookup[spec.lookupField] ?? '';
  const found = new Map<string, Record<string, unknown>>();
  for (const item of await findWhereIn(
    rc.api,
    rc.tenantId,
    spec.collection,
    spec.lookupField,
    docs.map(value).filter(Boolean),
  ))
    if (item.Status !== 'DELETED' && item.Status !== 'VOIDED')
      found.set(text(item[spec.lookupField]), item);
  return docs.map((d) => {
    const item = found.get(value(d));
    const id = item?.[spec.idField];
    if (!item || typeof id !== 'string') return undefined;
    const date = parseXeroDate(item.Date);
    return {
      xeroId: id,
      state: {
        xeroStatus: text(item.Status),
        ...(isBankTransactionKind(kind) && {
          isReconciled: item.IsReconciled === true,
          type: text(item.Type),
        }),
        ...(date && { date }),
      },
    };
  });
}
