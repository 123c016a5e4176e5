/**
 * Batched writes: up to `batchSize` documents a call (Xero recommends about 50) and under Xero's
 * 3.5 MB request limit, always `summarizeErrors=false` (so valid elements are created and each
 * failure is reported on its own element, reference §3) and `unitdp=4`. Each element's outcome
 * comes back as a value, in the order given.
 *
 * @module
 */
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { HttpMethod, XeroApi } from './api-client.js';
import { COLLECTIONS, type WritableCollection } from './collections.js';
import { messagesOf, text } from './wire.js';

/** 3.5 MB (reference §2, "Other limits"), less room for headers. */
export const MAX_REQUEST_BYTES = 3_500_000 - 16_384;

export type ElementOutcome =
  | {
      readonly ok: true;
      readonly xeroId: string;
      readonly element: Record<string, unknown>;
      readonly warnings: readonly string[];
    }
  | {
      readonly ok: false;
      readonly messages: readonly string[];
      readonly element: Record<string, unknown>;
    };

export interface BatchWrite {
  readonly tenantId: string;
  readonly collection: WritableCollection;
  readonly method: Extract<HttpMethod, 'PUT' | 'POST'>;
  readonly elements: readonly Record<string, unknown>[];
  readonly idempotencyKey: string;
}

/** Splits elements into batches by count and by serialised size. */
export function chunkForXero<T>(
  elements: readonly T[],
  batchSize: number,
  maxBytes = MAX_REQUEST_BYTES,
): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const element of elements) {
    const size = Buffer.byteLength(JSON.stringify(element)) + 1;
    if (size > maxBytes)
      throw new LedgerbridgeError(
        'LB_XERO_REQUEST_TOO_LARGE',
        `One document alone serialises to ${size} bytes, over Xero's request limit`,
      );
    if (current.length >= batchSize || bytes + size > maxBytes) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(element);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** One call: the whole batch, per-element outcomes. */
export async function writeBatch(api: XeroApi, write: BatchWrite): Promise<ElementOutcome[]> {
  const spec = COLLECTIONS[write.collection];
  const response = await api.request<Record<string, unknown>>({
    tenantId: write.tenantId,
    method: write.method,
    path: `/${write.collection}`,
    query: {
      ...(spec.summarizeErrors && { summarizeErrors: false }),
      ...(spec.lineItems && { unitdp: 4 }),
    },
    body: { [write.collection]: write.elements },
    idempotencyKey: write.idempotencyKey,
  });
  if (response.status === 200) return elementOutcomes(write, response.body?.[write.collection]);
  if (response.status === 400) return fromValidationException(write, response.body);
  throw new LedgerbridgeError(
    'LB_XERO_REQUEST_REJECTED',
    `Xero answered HTTP ${response.status} to ${write.method} /${write.collection}: ${messageOf(response.body)}`,
  );
}

function elementOutcomes(write: BatchWrite, returned: unknown): ElementOutcome[] {
  const list = Array.isArray(returned) ? (returned as Record<string, unknown>[]) : [];
  const idField = COLLECTIONS[write.collection].idField;
  return write.elements.map((sent, i) => {
    const got = list[i];
    if (!got)
      return { ok: false, messages: ['Xero returned no result for this element'], element: sent };
    const messages = validationMessages(got);
    const failed =
      got.StatusAttributeString === 'ERROR' ||
      got.HasErrors === true ||
      got.HasValidationErrors === true ||
      messages.length > 0;
    const id = got[idField];
    if (failed || typeof id !== 'string')
      return {
        ok: false,
        messages: messages.length ? messages : ['Xero reported an error without a message'],
        element: got,
      };
    return { ok: true, xeroId: id, element: got, warnings: warningMessages(got) };
  });
}

/**
 * A 400 ValidationException lists the failed elements only. It happens for endpoints that do not
 * take summarizeErrors (PUT /BankTransfers) or when a whole request is refused.
 */
function fromValidationException(write: BatchWrite, body: unknown): ElementOutcome[] {
  const b = (body ?? {}) as {
    Elements?: Record<string, unknown>[];
    Message?: string;
    Type?: string;
  };
  if (!Array.isArray(b.Elements) || b.Elements.length === 0)
    throw new LedgerbridgeError(
      'LB_XERO_REQUEST_REJECTED',
      `Xero refused ${write.method} /${write.collection}: ${messageOf(body)}`,
    );
  if (write.elements.length === 1)
    return [
      { ok: false, messages: validationMessages(b.Elements[0]!), element: write.elements[0]! },
    ];
  if (!COLLECTIONS[write.collection].summarizeErrors) throw partlyApplied(write, b.Elements);
  throw new LedgerbridgeError(
    'LB_XERO_REQUEST_REJECTED',
    `Xero refused a batch of ${write.elements.length} on /${write.collection} as a whole: ${validationMessages(b.Elements[0]!).join('; ')}`,
  );
}

/** A refused element of a batch sent without summarizeErrors: its index and Xero's messages. */
export interface RefusedElement {
  readonly index: number;
  readonly messages: readonly string[];
}

/**
 * PUT /BankTransfers takes no summarizeErrors: one bad element makes the answer a 400 naming only
 * the failed elements, but Xero has created the others (batches are not atomic, reference §3) and
 * their ids are lost. The outcome is unknown — the caller looks the batch up — and the refused
 * elements are named, by the Reference we put on each, in `details.refused` (RefusedElement[]),
 * when every one of them can be told apart that way.
 */
function partlyApplied(write: BatchWrite, failed: Record<string, unknown>[]): LedgerbridgeError {
  const index = new Map<string, number>();
  write.elements.forEach((e, i) => index.set(text(e.Reference), i));
  const refused: RefusedElement[] = [];
  for (const element of failed) {
    const i = index.get(text(element.Reference));
    if (i === undefined || index.size !== write.elements.length) {
      refused.length = 0;
      break;
    }
    refused.push({ index: i, messages: validationMessages(element) });
  }
  return new LedgerbridgeError(
    'LB_XERO_OUTCOME_UNKNOWN',
    `Xero refused ${failed.length} of a batch of ${write.elements.length} on /${write.collection} and created the rest without naming them`,
    { details: { refused } },
  );
}

function validationMessages(element: Record<string, unknown>): string[] {
  return messagesOf(element.ValidationErrors);
}

function warningMessages(element: Record<string, unknown>): string[] {
  return messagesOf(element.Warnings);
}

function messageOf(body: unknown): string {
  if (body && typeof body === 'object') {
    const b = body as { Message?: unknown; Detail?: unknown; Title?: unknown };
    return text(b.Message ?? b.Detail ?? b.Title, JSON.stringify(body).slice(0, 200));
  }
  return text(body).slice(0, 200);
}
