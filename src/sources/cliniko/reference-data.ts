/**
 * The clinic's reference data, read whole at the start of each pull: businesses, taxes, billable
 * items and products (archived ones too: old invoices name them) and practitioners. One request each for a
 * usual clinic.
 *
 * @module
 */
import type { ClinikoClient, ClinikoRecord } from './client.js';
import { clinicContext, type ClinicContext } from './clinic-context.js';

async function all(
  client: ClinikoClient,
  resource: string,
  query: [string, string][],
  signal?: AbortSignal,
): Promise<ClinikoRecord[]> {
  const records: ClinikoRecord[] = [];
  for await (const page of client.list(resource, `/${resource}`, query, signal))
    records.push(...page.records);
  return records;
}

export async function readClinic(
  client: ClinikoClient,
  currency: string | undefined,
  signal?: AbortSignal,
): Promise<ClinicContext> {
  const archived: [string, string][] = [['q[]', 'archived_at:*']];
  const reference = {
    businesses: await all(client, 'businesses', archived, signal),
    taxes: await all(client, 'taxes', [], signal),
    billables: await all(client, 'billable_items', archived, signal),
    products: await all(client, 'products', archived, signal),
    practitioners: await all(client, 'practitioners', [], signal),
  };
  return clinicContext(reference, currency);
}
