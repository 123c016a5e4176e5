/**
 * POST, PUT/PATCH and DELETE on the writable resources. A body names its resource, as in the
 * legacy REST hooks example (`{"resthooks": [{...}]}`) and docs.actionstep.com/webhooks
 * (`{"resthooks": {...}}`); both an object and an array are accepted. Links are written under
 * `links` (OpenAPI Create* schemas). A PUT changes only the fields it names (an assumption: the
 * Update* schemas require nothing); read-only fields and `id` are ignored, so a record read and
 * sent back is accepted; names the resource does not have are refused.
 *
 * Creates answer 200 with the record as a GET would show it (the OpenAPI files say 200; the
 * legacy Error Codes page mentions 201 — the emulator follows the current files), deletes 204.
 *
 * @module
 */
import type { Books, LinkValue, StoredRecord } from './books.js';
import { badRequest, notFound } from './errors.js';
import type { ResourceDef } from './schema.js';
import type { Stored } from './values.js';
import { parseValue } from './values.js';
import { multiplyUnits } from '../../ledger/decimal.js';
import { asObject } from '../xero/wire.js';
import type { WireObject } from '../xero/wire.js';
import { SUPPORTED_EVENTS } from './webhooks.js';
import { billedIds } from './ledger.js';

interface Changes {
  values: Record<string, Stored>;
  links: Record<string, LinkValue>;
}

/** The objects under the resource's name in a request body. */
function items(def: ResourceDef, body: unknown): WireObject[] {
  const wrapped = asObject(body)?.[def.name];
  const list = Array.isArray(wrapped) ? wrapped : wrapped === undefined ? [] : [wrapped];
  const objects = list.map((o) => asObject(o));
  if (objects.length === 0 || objects.some((o) => o === undefined))
    throw badRequest(`The body must hold the ${def.name} object(s) under "${def.name}".`, '/');
  return objects as WireObject[];
}

function readLink(def: ResourceDef, books: Books, name: string, raw: unknown): LinkValue {
  const link = def.links[name];
  const pointer = `/${def.name}/links/${name}`;
  if (!link) throw badRequest(`${def.name} has no link '${name}'.`, pointer);
  if (raw === null) return null;
  if (link.code) {
    if (typeof raw !== 'string') throw badRequest(`'${name}' must hold a code.`, pointer);
    return raw;
  }
  const texts = Array.isArray(raw) ? raw : [raw];
  const ids = texts.map((t) => (typeof t === 'number' || typeof t === 'string' ? String(t) : ''));
  if (ids.some((t) => !/^\d+$/.test(t))) throw badRequest(`'${name}' must hold an id.`, pointer);
  const numbers = ids.map(Number);
  for (const id of numbers) {
    if (link.target && !books.get(link.target, id))
      throw badRequest(`${link.target} ${id} (links.${name}) does not exist.`, pointer);
  }
  return link.many ? numbers : (numbers[0] ?? null);
}

function readChanges(def: ResourceDef, books: Books, item: WireObject): Changes {
  const changes: Changes = { values: {}, links: {} };
  for (const [name, raw] of Object.entries(item)) {
    if (name === 'id' || name === 'links') continue;
    const field = def.fields[name];
    if (!field) throw badRequest(`${def.name} has no field '${name}'.`, `/${def.name}/${name}`);
    if (field.readOnly) continue;
    const parsed = parseValue(field, raw);
    if (!parsed.ok) throw badRequest(`'${name}' ${parsed.problem}.`, `/${def.name}/${name}`);
    changes.values[name] = parsed.value;
  }
  for (const [name, raw] of Object.entries(asObject(item.links) ?? {})) {
    if (def.links[name]?.readOnly) continue;
    changes.links[name] = readLink(def, books, name, raw);
  }
  return changes;
}

function requireFields(def: ResourceDef, changes: Changes): void {
  for (const [name, field] of Object.entries(def.fields)) {
    if (field.required && (changes.values[name] ?? null) === null)
      throw badRequest(`'${name}' is required.`, `/${def.name}/${name}`);
  }
  for (const [name, link] of Object.entries(def.links)) {
    if (link.required && (changes.links[name] ?? null) === null)
      throw badRequest(`links.${name} is required.`, `/${def.name}/links/${name}`);
  }
}

/** Time entry amounts: billableHours × rateUnitPrice to the cent when "Calculated". */
function priceTimeEntry(record: Record<string, Stored>): void {
  const hours = record.billableHours ?? record.actualHours ?? null;
  const rate = record.rateUnitPrice ?? null;
  if (
    record.billableAmountType === 'Calculated' &&
    typeof hours === 'bigint' &&
    typeof rate === 'bigint'
  )
    record.billableAmount = multiplyUnits(hours, rate, 2);
}

const DEFAULTS: Record<string, Record<string, Stored>> = {
  timeentries: { billingBehavior: 'Bill', billableAmountType: 'Calculated', isBillable: 'T' },
  disbursements: { isAnticipated: 'F', unitPriceIncludesTax: 'F' },
  participants: { isCompany: 'F' },
  resthooks: { status: 'Active', triggeredCount: 0 },
};

function checkRules(
  def: ResourceDef,
  books: Books,
  values: Record<string, Stored>,
  links: Record<string, LinkValue>,
): void {
  if (def.name === 'resthooks' && !SUPPORTED_EVENTS.has(String(values.eventName)))
    throw badRequest(
      `'${String(values.eventName)}' is not a supported REST hook event.`,
      '/resthooks/eventName',
    );
  if (def.name === 'actionparticipants') {
    const key = `${String(links.action)}--${String(links.participantType)}--${String(links.participant)}`;
    if (books.find(def, key))
      throw badRequest(`Participant already has that role on the matter (${key}).`);
  }
}

function createOne(books: Books, def: ResourceDef, item: WireObject): StoredRecord {
  const changes = readChanges(def, books, item);
  const values = { ...DEFAULTS[def.name], ...changes.values };
  if (def.name === 'timeentries') {
    values.billableHours ??= values.actualHours ?? null;
    priceTimeEntry(values);
  }
  requireFields(def, { values, links: changes.links });
  checkRules(def, books, values, changes.links);
  if (def.name === 'actionparticipants')
    values.participantNumber = nextParticipantNumber(books, changes.links.action ?? null);
  return books.create(def.name, values, changes.links);
}

function nextParticipantNumber(books: Books, action: LinkValue): number {
  return books.all('actionparticipants').filter((r) => r.links.action === action).length + 1;
}

export function createRecords(books: Books, def: ResourceDef, body: unknown): StoredRecord[] {
  return items(def, body).map((item) => createOne(books, def, item));
}

export function updateRecord(
  books: Books,
  def: ResourceDef,
  idText: string,
  body: unknown,
): StoredRecord {
  const record = books.find(def, idText);
  if (!record) throw notFound(`${def.name} ${idText} does not exist`);
  const [item] = items(def, body);
  const changes = readChanges(def, books, item ?? {});
  const values = { ...record.values, ...changes.values };
  if (def.name === 'timeentries') priceTimeEntry(values);
  requireFields(def, { values, links: { ...record.links, ...changes.links } });
  if (def.name === 'resthooks') checkRules(def, books, values, {});
  return books.update(def.name, record, values, changes.links);
}

/** True when a line of a bill that is not Deleted carries the time entry or disbursement. */
function isBilled(books: Books, def: ResourceDef, record: StoredRecord): boolean {
  if (def.name === 'timeentries') return billedIds(books, 'timeEntry').has(record.id);
  if (def.name === 'disbursements') return billedIds(books, 'disbursement').has(record.id);
  return false;
}

export function deleteRecords(books: Books, def: ResourceDef, idText: string): void {
  const records = idText.split(',').map((id) => {
    const record = books.find(def, id);
    if (!record) throw notFound(`${def.name} ${id} does not exist`);
    if (isBilled(books, def, record))
      throw badRequest(`${def.name} ${id} has been billed and cannot be deleted.`);
    return record;
  });
  for (const record of records) books.remove(def.name, record);
}
