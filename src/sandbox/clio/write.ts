/**
 * The API's writes that a sync uses: `PATCH /contacts/{id}` (contact write-back) with optimistic
 * concurrency — an `If-Match` that is not the contact's current etag is refused with 412
 * Precondition Failed and nothing is written (api-docs/etags); `DELETE /bills/{id}` (a draft or
 * awaiting-approval bill becomes `deleted`, an unpaid one `void`; refused once a payment is
 * recorded, pms-apis.md §2.3); and the webhook subscriptions (webhooks.ts).
 *
 * Bodies are `{"data": {...}}`.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { ClioEmulatorError, unprocessable } from './errors.js';
import { removeBill } from './bills.js';
import { editContact } from './contacts.js';
import type { FirmBooks, Row } from './firm.js';
import { isoSeconds, textOf } from './firm.js';
import { parseFields } from './fields.js';
import type { TokenRecord } from './oauth.js';
import type { ResourceDef } from './schema.js';
import { WEBHOOK_MODELS, defForModel } from './schema.js';
import { WEBHOOK_EVENTS } from './webhooks.js';

export interface WriteRequest {
  books: FirmBooks;
  def: ResourceDef;
  method: 'PATCH' | 'POST' | 'DELETE' | 'GET';
  id?: number | undefined;
  body: unknown;
  ifMatch: string | undefined;
  token: TokenRecord;
}

/** Webhooks live 3 days unless `expires_at` says otherwise, at most 31 (assumptions). */
const DEFAULT_WEBHOOK_DAYS = 3;
const MAX_WEBHOOK_DAYS = 31;
const DAY = 86_400_000;

function dataOf(body: unknown): Record<string, unknown> {
  const data = (body as { data?: unknown } | undefined)?.data;
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw unprocessable('The body must be {"data": {...}}.');
  return data as Record<string, unknown>;
}

function checkUrl(url: unknown): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(textOf(url));
  } catch {
    parsed = undefined;
  }
  const loopback = parsed?.hostname === '127.0.0.1' || parsed?.hostname === 'localhost';
  // Clio requires https; the emulator also takes http on loopback, for local receivers.
  if (!parsed || (parsed.protocol !== 'https:' && !(loopback && parsed.protocol === 'http:')))
    throw unprocessable(`url must be an https URL, got ${JSON.stringify(url)}.`);
  return parsed.toString();
}

function expiry(books: FirmBooks, value: unknown): string {
  const now = books.now();
  if (value === undefined || value === null) return isoSeconds(now + DEFAULT_WEBHOOK_DAYS * DAY);
  const at = Date.parse(textOf(value));
  if (Number.isNaN(at) || at <= now || at > now + MAX_WEBHOOK_DAYS * DAY)
    throw unprocessable(
      `expires_at must be a time in the next ${MAX_WEBHOOK_DAYS} days, got ${JSON.stringify(value)}.`,
    );
  return isoSeconds(at);
}

function createWebhook(books: FirmBooks, body: unknown): Row {
  const data = dataOf(body);
  const model = textOf(data.model);
  if (!defForModel(model) || !(WEBHOOK_MODELS as readonly string[]).includes(model))
    throw unprocessable(`model must be one of ${WEBHOOK_MODELS.join(', ')}, got '${model}'.`);
  return books.insert('webhooks', {
    url: checkUrl(data.url),
    model,
    events: checkEvents(data.events),
    fields: checkHookFields(model, data.fields),
    expires_at: expiry(books, data.expires_at),
    status: 'pending',
    shared_secret: randomBytes(24).toString('hex'),
    user: books.firm.settings.user ?? null,
  });
}

/** PATCH /webhooks/{id}: renews (`expires_at`), or changes events and fields; stays as it was. */
function patchWebhook(books: FirmBooks, id: number, body: unknown): Row {
  const hook = books.require('webhooks', id);
  const data = dataOf(body);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(data))
    if (!['expires_at', 'events', 'fields'].includes(key))
      throw unprocessable(`${key} cannot be changed on a webhook; create a new one.`);
  if ('expires_at' in data) patch.expires_at = expiry(books, data.expires_at);
  if ('events' in data) patch.events = checkEvents(data.events);
  if ('fields' in data) patch.fields = checkHookFields(textOf(hook.model), data.fields);
  return books.update('webhooks', id, patch);
}

function checkEvents(value: unknown): string[] {
  const events = (value as unknown[] | undefined) ?? [...WEBHOOK_EVENTS];
  if (!Array.isArray(events) || events.some((e) => !WEBHOOK_EVENTS.includes(e as never)))
    throw unprocessable(
      `events must be a list of created, updated, deleted, got ${JSON.stringify(value)}.`,
    );
  return events as string[];
}

function checkHookFields(model: string, value: unknown): string | null {
  const fields = value === undefined || value === null ? null : textOf(value);
  parseFields(defForModel(model) as ResourceDef, fields);
  return fields;
}

function patchContact(req: WriteRequest, id: number): Row {
  const current = req.books.require('contacts', id);
  if (req.ifMatch !== undefined && req.ifMatch !== current.etag)
    throw new ClioEmulatorError(
      412,
      'PreconditionFailed',
      `Contact ${id} has changed since etag ${req.ifMatch}; its etag is now ${String(current.etag)}.`,
    );
  return editContact(req.books, id, dataOf(req.body));
}

/** Runs a write; the record to answer with, or undefined for 204. */
export function runWrite(
  req: WriteRequest,
  onWebhookCreated: (hook: Row) => void = () => undefined,
): { row: Row; created: boolean } | undefined {
  const { def, id } = req;
  if (def.name === 'contacts' && req.method === 'PATCH' && id !== undefined)
    return { row: patchContact(req, id), created: false };
  if (def.name === 'bills' && req.method === 'DELETE' && id !== undefined) {
    removeBill(req.books, id);
    return undefined;
  }
  if (def.name === 'webhooks' && req.method === 'POST') {
    const hook = createWebhook(req.books, req.body);
    onWebhookCreated(hook);
    return { row: hook, created: true };
  }
  if (def.name === 'webhooks' && req.method === 'PATCH' && id !== undefined)
    return { row: patchWebhook(req.books, id, req.body), created: false };
  if (def.name === 'webhooks' && req.method === 'DELETE' && id !== undefined) {
    req.books.require('webhooks', id);
    req.books.remove('webhooks', id);
    return undefined;
  }
  throw unprocessable(`${req.method} ${def.name} is not supported by the emulator.`);
}
