/**
 * What mapping needs from the firm's reference lists, read in full on every pull (a few records
 * each): currencies by id, and each activity description's `xero_service_code` and expense
 * category's `xero_expense_code` (else its name), which become line categories.
 *
 * @module
 */
import type { ClioClient, ClioRecord } from './client.js';

export interface FirmContext {
  readonly currencies: ReadonlyMap<string, string>;
  readonly serviceCodes: ReadonlyMap<string, string>;
  readonly expenseCodes: ReadonlyMap<string, string>;
}

async function all(
  client: ClioClient,
  path: string,
  fields: string,
  signal?: AbortSignal,
): Promise<ClioRecord[]> {
  const out: ClioRecord[] = [];
  for await (const page of client.list(path, [['fields', fields]], signal))
    out.push(...page.records);
  return out;
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

function codes(records: ClioRecord[], field: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of records) {
    const code = text(r[field]) ?? text(r.name);
    if (code) out.set(r.id, code);
  }
  return out;
}

export async function readFirm(client: ClioClient, signal?: AbortSignal): Promise<FirmContext> {
  const currencies = await all(client, '/currencies.json', 'id,code', signal);
  const services = await all(
    client,
    '/activity_descriptions.json',
    'id,name,xero_service_code',
    signal,
  );
  const expenses = await all(
    client,
    '/expense_categories.json',
    'id,name,xero_expense_code',
    signal,
  );
  return {
    currencies: new Map(
      currencies.flatMap((c) => (typeof c.code === 'string' ? [[c.id, c.code] as const] : [])),
    ),
    serviceCodes: codes(services, 'xero_service_code'),
    expenseCodes: codes(expenses, 'xero_expense_code'),
  };
}
