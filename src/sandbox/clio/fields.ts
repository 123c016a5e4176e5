/**
 * The `fields` parameter (docs.developers.clio.com/api-docs/fields): a comma-separated list of
 * fields; a nested resource's fields in curly brackets (`matter{id,description}`); a nested
 * resource named without brackets returns its default fields (`id`, `etag`); a second-level
 * nested resource inside brackets returns only its default fields, and brackets at the second
 * level are a 400, as is any field the resource does not have. Without `fields`, a record is
 * `{id, etag}`.
 *
 * A plain object field (a bill's `discount`, a contact's `primary_address`) is returned whole,
 * or only the keys named in its brackets (`interest{total}`).
 * The polymorphic `parent` of an allocation has the fields `id` and `type` (an assumption: the
 * spec types it as an object of those two keys).
 *
 * @module
 */
import { badRequest } from './errors.js';
import type { FirmBooks, Row } from './firm.js';
import type { ResourceDef } from './schema.js';
import { resourceDef } from './schema.js';

export interface Selected {
  name: string;
  /** For a nested resource: the fields asked for in brackets (undefined: its defaults). */
  sub?: Selected[];
}

export const DEFAULT_SELECTION: readonly Selected[] = [{ name: 'id' }, { name: 'etag' }];
const PARENT_FIELDS = ['id', 'type'];

const ADDRESS = ['name', 'street', 'city', 'province', 'postal_code', 'country', 'primary'];
/** The keys of the object fields, for `field{key,…}`. */
const OBJECT_KEYS: Readonly<Record<string, readonly string[]>> = {
  discount: ['rate', 'type', 'note', 'early_payment_rate', 'early_payment_period'],
  interest: ['balance', 'period', 'rate', 'total', 'type'],
  rate: ['amount', 'type'],
  primary_address: ADDRESS,
  addresses: ADDRESS,
  email_addresses: ['name', 'address', 'primary'],
  phone_numbers: ['name', 'number', 'primary'],
};

function parseKeys(label: string, name: string, text: string): Selected[] {
  const keys = OBJECT_KEYS[name];
  if (!keys) throw badRequest(`'${name}' on ${label} is not a nested resource.`);
  return text.split(',').map((k) => {
    const key = k.trim();
    if (!keys.includes(key)) throw badRequest(`Invalid field '${key}' for ${name}.`);
    return { name: key };
  });
}

function pickKeys(value: unknown, sub: readonly Selected[]): unknown {
  const pick = (v: unknown): unknown => {
    if (!v || typeof v !== 'object') return v ?? null;
    const o = v as Record<string, unknown>;
    return Object.fromEntries(sub.map((s) => [s.name, o[s.name] ?? null]));
  };
  return Array.isArray(value) ? value.map(pick) : pick(value);
}

/** Splits on commas outside brackets; undefined when the brackets do not balance. */
function splitTop(text: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '{') depth += 1;
    if (ch === '}') depth -= 1;
    if (depth < 0) return undefined;
    if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) return undefined;
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p.length > 0);
}

function fieldNames(def: ResourceDef | '*'): string[] {
  return def === '*' ? PARENT_FIELDS : [...def.fields, ...Object.keys(def.refs)];
}

function parseLevel(def: ResourceDef | '*', text: string, depth: number): Selected[] {
  const parts = splitTop(text);
  if (!parts) throw badRequest(`The fields parameter '${text}' has unbalanced brackets.`);
  const label = def === '*' ? 'parent' : def.name;
  return parts.map((part) => {
    const m = /^([a-z_0-9]+)(?:\{(.*)\})?$/s.exec(part);
    const name = m?.[1];
    if (!m || !name) throw badRequest(`Invalid field '${part}' for ${label}.`);
    if (!fieldNames(def).includes(name)) throw badRequest(`Invalid field '${name}' for ${label}.`);
    const ref = def === '*' ? undefined : def.refs[name];
    if (m[2] === undefined) return { name };
    if (!ref) return { name, sub: parseKeys(label, name, m[2]) };
    if (depth > 0)
      throw badRequest(`Fields of a second-level nested resource ('${name}') cannot be chosen.`);
    const target = ref.target === '*' ? '*' : resourceDef(ref.target);
    return { name, sub: parseLevel(target, m[2], depth + 1) };
  });
}

/** The selection a request's `fields` names (its defaults when absent). */
export function parseFields(def: ResourceDef, text: string | null): readonly Selected[] {
  if (text === null || text.trim() === '') return DEFAULT_SELECTION;
  return parseLevel(def, text, 0);
}

function renderParent(value: unknown, sub: readonly Selected[] | undefined): unknown {
  if (!value || typeof value !== 'object') return null;
  const parent = value as { id: number; type: string };
  const out: Record<string, unknown> = {};
  for (const s of sub ?? [{ name: 'id' }, { name: 'type' }])
    out[s.name] = s.name === 'id' ? parent.id : parent.type;
  return out;
}

function renderNested(
  books: FirmBooks,
  target: string,
  id: unknown,
  sub: readonly Selected[] | undefined,
): unknown {
  if (typeof id !== 'number') return null;
  const row = books.get(target, id);
  // A second-level nested resource (sub of sub) shows its defaults only.
  return row ? renderRow(books, resourceDef(target), row, sub ?? DEFAULT_SELECTION, true) : null;
}

/** One record on the wire, limited to a selection. */
export function renderRow(
  books: FirmBooks,
  def: ResourceDef,
  row: Row,
  selection: readonly Selected[],
  nested = false,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of selection) {
    const ref = def.refs[s.name];
    const sub = nested && ref ? (ref.target === '*' ? undefined : DEFAULT_SELECTION) : s.sub;
    if (!ref) out[s.name] = s.sub ? pickKeys(row[s.name], s.sub) : (row[s.name] ?? null);
    else if (ref.target === '*') out[s.name] = renderParent(row[s.name], sub);
    else if (ref.many)
      out[s.name] = ((row[s.name] as number[] | undefined) ?? []).map((id) =>
        renderNested(books, ref.target, id, sub),
      );
    else out[s.name] = renderNested(books, ref.target, row[s.name], sub);
  }
  return out;
}
