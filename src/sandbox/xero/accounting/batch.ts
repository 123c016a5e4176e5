/**
 * The `summarizeErrors` machinery, shared by every entity (reference §3).
 *
 * - Each element is written on its own, in order; batches are not atomic, so valid elements are
 *   created even when others fail (StackOverflow q/52706101, `XeroAPI/xero-ruby#247`).
 * - `summarizeErrors=false`: 200 with every element, each with `StatusAttributeString` "OK" or
 *   "ERROR", its `ValidationErrors`, and `HasErrors` / `HasValidationErrors` where the spec names
 *   one for the entity (spec L19769–19778, L8385, L11897).
 * - Otherwise (Xero's real default, `XeroAPI/xero-node#324`): all valid → 200 with the elements;
 *   any invalid → 400 `ValidationException` (ErrorNumber 10, "A validation exception occurred")
 *   whose `Elements` are the failed elements with their ValidationErrors (spec L25420–25477,
 *   L3918–3963). The created elements are not named in that answer, as on Xero.
 *
 * @module
 */
import { EMPTY_GUID } from '../wire.js';
import type { WireObject } from '../wire.js';
import { envelope } from './render-common.js';

export type ElementOutcome =
  | { ok: true; wire: WireObject; warnings: string[] }
  | { ok: false; echo: WireObject; errors: string[]; warnings: string[] };

export interface BatchShape {
  collection: string;
  idField: string;
  errorFlag?: 'HasErrors' | 'HasValidationErrors';
}

export interface ApiAnswer {
  status: number;
  body: WireObject;
}

/** The failure of one element: the element as sent, with Xero's empty id where it had none. */
export function failed(
  shape: Pick<BatchShape, 'idField'>,
  element: WireObject,
  errors: string[],
  warnings: string[] = [],
): ElementOutcome {
  const echo = { ...element, [shape.idField]: element[shape.idField] ?? EMPTY_GUID };
  return { ok: false, echo, errors, warnings };
}

export function succeeded(wire: WireObject, warnings: string[] = []): ElementOutcome {
  return { ok: true, wire, warnings };
}

function messages(list: string[]): { Message: string }[] {
  return list.map((Message) => ({ Message }));
}

function decorate(shape: BatchShape, outcome: ElementOutcome, withStatus: boolean): WireObject {
  const flag = shape.errorFlag ? { [shape.errorFlag]: !outcome.ok } : {};
  const status = withStatus ? { StatusAttributeString: outcome.ok ? 'OK' : 'ERROR' } : {};
  const warnings = outcome.warnings.length > 0 ? { Warnings: messages(outcome.warnings) } : {};
  if (outcome.ok) return { ...outcome.wire, ...flag, ...status, ...warnings };
  return {
    ...outcome.echo,
    ...flag,
    ...status,
    ValidationErrors: messages(outcome.errors),
    ...warnings,
  };
}

/** The 400 body for failed elements (spec `Error`, L25420). */
export function validationException(elements: WireObject[]): WireObject {
  return {
    ErrorNumber: 10,
    Type: 'ValidationException',
    Message: 'A validation exception occurred',
    Elements: elements,
  };
}

/** The answer to a batch, summarised or per element. */
export function batchAnswer(
  shape: BatchShape,
  outcomes: ElementOutcome[],
  summarize: boolean,
  now: number,
): ApiAnswer {
  if (!summarize) {
    const all = outcomes.map((o) => decorate(shape, o, true));
    return { status: 200, body: envelope(now, { [shape.collection]: all }) };
  }
  const failures = outcomes.filter((o) => !o.ok);
  if (failures.length > 0) {
    return {
      status: 400,
      body: validationException(failures.map((o) => decorate(shape, o, false))),
    };
  }
  const all = outcomes.map((o) => decorate(shape, o, false));
  return { status: 200, body: envelope(now, { [shape.collection]: all }) };
}

/**
 * The elements of a request body: the collection array (`{"Invoices": [...]}`, as the spec's
 * request schemas have it) or a single element object, which Xero also accepts.
 */
export function readElements(body: unknown, collection: string): WireObject[] | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const wrapper = body as WireObject;
  const list = wrapper[collection];
  if (Array.isArray(list)) {
    return list.map((e) =>
      typeof e === 'object' && e !== null && !Array.isArray(e) ? (e as WireObject) : {},
    );
  }
  return [wrapper];
}

/** `summarizeErrors`: false only when the query says so (the server's default is summarised). */
export function readSummarize(params: URLSearchParams): boolean {
  return params.get('summarizeErrors')?.toLowerCase() !== 'false';
}
