/**
 * What mapping needs from the firm's reference lists, read in full on every pull (a few records
 * each): currencies by id, and each activity description's `xero_service_code` and expense
 * category's `xero_expense_code` (else its name), which become line categories. Where Clio names
 * a code, that code is the Xero account Clio's own Xero sync posts such lines to, so it is also
 * suggested as the category's default mapping (category "200" → account 200), seeded by the pull
 * runner only where no mapping is set.
 *
 * @module
 */
import type { SuggestedMapping } from '../source.js';
import type { ClioClient, ClioRecord } from './client.js';

export interface FirmContext {
  readonly currencies: ReadonlyMap<string, string>;
  readonly serviceCodes: ReadonlyMap<string, string>;
  readonly expenseCodes: ReadonlyMap<string, string>;
  /** One per code Clio names (the first record naming it), for the pull's first page. */
  readonly suggested: readonly SuggestedMapping[];
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

function suggest(
  records: readonly ClioRecord[],
  field: string,
  what: string,
  into: Map<string, SuggestedMapping>,
): void {
  for (const r of records) {
    const code = text(r[field]);
    if (code && !into.has(code))
      into.set(code, {
        type: 'category_account',
        key: code,
        value: code,
        origin: `Clio ${what} "${text(r.name) ?? r.id}" (${field} ${code})`,
      });
  }
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
  const suggested = new Map<string, SuggestedMapping>();
  suggest(services, 'xero_service_code', 'activity description', suggested);
  suggest(expenses, 'xero_expense_code', 'expense category', suggested);
  return {
    suggested: [...suggested.values()],
    currencies: new Map(
      currencies.flatMap((c) => (typeof c.code === 'string' ? [[c.id, c.code] as const] : [])),
    ),
    serviceCodes: codes(services, 'xero_service_code'),
    expenseCodes: codes(expenses, 'xero_expense_code'),
  };
}
