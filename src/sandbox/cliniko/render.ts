/**
 * Records as Cliniko's API shows them: every relation as `{"links": {"self": URL}}` (never a bare
 * id), the record's own `links.self`, ids as strings; list answers as
 * `{"<resource>": [...], "total_entries": N, "links": {"self", "next"?, "previous"?}}`.
 *
 * @module
 */
import type { Listed } from './query.js';
import { fieldText, type ClinikoRecord, type ResourceName } from './state.js';

/** Relation field stored → [name shown, resource it links to]. */
const RELATIONS: Partial<Record<ResourceName, Record<string, [string, ResourceName]>>> = {
  invoices: {
    patient_id: ['patient', 'patients'],
    business_id: ['business', 'businesses'],
    practitioner_id: ['practitioner', 'practitioners'],
  },
  invoice_items: {
    invoice_id: ['invoice', 'invoices'],
    billable_item_id: ['billable_item', 'billable_items'],
    product_id: ['product', 'products'],
  },
  billable_items: { tax_id: ['tax', 'taxes'] },
  products: { tax_id: ['tax', 'taxes'] },
  patients: { merged_with_patient_id: ['merged_with_patient', 'patients'] },
};

export function renderRecord(
  api: string,
  resource: ResourceName,
  record: ClinikoRecord,
): Record<string, unknown> {
  const relations = RELATIONS[resource] ?? {};
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    const relation = relations[field];
    if (!relation) out[field] = value;
    else if (value !== null && value !== undefined)
      out[relation[0]] = { links: { self: `${api}/${relation[1]}/${fieldText(value)}` } };
  }
  out.links = { self: `${api}/${resource}/${record.id}` };
  return out;
}

export function renderList(
  api: string,
  path: string,
  resource: ResourceName,
  params: URLSearchParams,
  listed: Listed,
  show: typeof renderRecord = renderRecord,
): Record<string, unknown> {
  const at = (page: number) => {
    const p = new URLSearchParams(params);
    p.set('page', String(page));
    p.set('per_page', String(listed.perPage));
    return `${api}${path}?${p.toString()}`;
  };
  const links: Record<string, string> = { self: at(listed.page) };
  if (listed.page * listed.perPage < listed.total) links.next = at(listed.page + 1);
  if (listed.page > 1) links.previous = at(listed.page - 1);
  return {
    [resource]: listed.records.map((r) => show(api, resource, r)),
    total_entries: listed.total,
    links,
  };
}

/**
 * A deleted record as `/<resource>/deleted` lists it: its id, when, and its link — an invoice item
 * whole, with its `invoice` link, as Cliniko's item fields list `deleted_at` among them
 * (reference/pms-apis.md §1.4), so a reader can tell which invoice lost it.
 */
export function renderDeleted(
  api: string,
  resource: ResourceName,
  record: ClinikoRecord,
): Record<string, unknown> {
  if (resource === 'invoice_items') return renderRecord(api, resource, record);
  return {
    id: record.id,
    deleted_at: record.deleted_at,
    links: { self: `${api}/${resource}/${record.id}` },
  };
}
