/**
 * Checks recorded exchanges against Xero's official OpenAPI spec (../shared/xero-openapi/ from
 * the repository root): every request body the sandbox accepted (2xx) against the operation's
 * request schema, and every JSON response against the schema the spec gives for its status.
 *
 * Allowances for the spec's own quirks, each kept as small as it can be:
 * 1. `format: date-time` accepts a date-time without a zone. Xero's own examples have none
 *    (Connection.createdDateUtc "2019-12-07T18:46:19.5165400", webhook eventDateUtc
 *    "2024-06-21T01:15:39.902"), which strict RFC 3339 refuses.
 * 2. `format: double` is a number with no further check (not an Ajv format).
 * 3. Intent-to-receive webhook payloads carry sequences 0 (reference §13), below the spec's
 *    `minimum: 1` for WebhookEvent.firstEventSequence/lastEventSequence; those payloads are
 *    checked with the minimum relaxed to 0, real deliveries with the spec as it is.
 * 4. The token endpoint is not a path in xero-identity.yaml; its 200 answer is checked against
 *    the spec's `AccessToken` schema.
 * 5. In a batch answered per element (summarizeErrors=false), only the elements the sandbox
 *    accepted ("OK") count as accepted request bodies; a refused element ("ERROR") is the
 *    client's own element echoed back, so in the answer the spec's `required` lists are not
 *    applied to it (e.g. a journal refused for having no Narration is echoed without one).
 * Answers the spec does not describe (401, 403, 404, 429, 500, 503, and 400 where the
 * operation lists none) are counted as unchecked, not failed.
 *
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';
import type { Exchange } from '../options.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** src/sandbox/xero/test-support → repository root → ../shared/xero-openapi. */
export const SPEC_DIR = resolve(HERE, '../../../..', '../shared/xero-openapi');

type Spec = {
  paths: Record<string, Record<string, Operation>>;
  components: Record<string, unknown> & { responses?: Record<string, ResponseObject> };
};
type Operation = {
  requestBody?: { $ref?: string; content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, ResponseObject>;
};
/** A response, inline or by `$ref` to components/responses (the History endpoints use one). */
type ResponseObject = { $ref?: string; content?: Record<string, { schema?: unknown }> };

export interface ConformanceReport {
  checked: number;
  unchecked: number;
  /** Successful JSON answers the spec has no schema for (should be none). */
  undescribed: string[];
  failures: string[];
}

export interface SpecValidator {
  check(exchanges: readonly Exchange[]): ConformanceReport;
  /** Validates a value against a named component schema of a spec file. */
  validateSchema(
    spec: 'accounting' | 'identity' | 'webhooks',
    name: string,
    value: unknown,
  ): string[];
}

function loadSpec(file: string): Spec {
  return parse(readFileSync(resolve(SPEC_DIR, file), 'utf8')) as Spec;
}

const ZONELESS_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i;

function makeAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
  addFormats(ajv);
  ajv.addFormat('date-time', ZONELESS_DATE_TIME); // allowance 1
  ajv.addFormat('double', true); // allowance 2
  return ajv;
}

interface PathMatcher {
  pattern: RegExp;
  path: string;
}

function matchers(spec: Spec): PathMatcher[] {
  return Object.keys(spec.paths).map((path) => ({
    path,
    pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`, 'i'),
  }));
}

/** Loads the spec and builds the validator; undefined when the spec folder is absent. */
export function loadSpecValidator(): SpecValidator | undefined {
  if (!existsSync(SPEC_DIR)) return undefined;
  const ajv = makeAjv();
  const specs = {
    accounting: loadSpec('xero_accounting.yaml'),
    identity: loadSpec('xero-identity.yaml'),
    webhooks: loadSpec('xero-webhooks.yaml'),
  };
  for (const [id, spec] of Object.entries(specs)) ajv.addSchema(spec, id);
  const cache = new Map<string, ValidateFunction>();
  const compiled = (ref: string): ValidateFunction => {
    let fn = cache.get(ref);
    if (!fn) {
      fn = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
      cache.set(ref, fn);
    }
    return fn;
  };
  const validate = (ref: string, value: unknown): string[] => {
    const fn = compiled(ref);
    return fn(value)
      ? []
      : (fn.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
  };
  const accountingPaths = matchers(specs.accounting);
  return {
    validateSchema: (spec, name, value) => validate(`${spec}#/components/schemas/${name}`, value),
    check: (exchanges) => checkAll(exchanges, specs.accounting, accountingPaths, validate),
  };
}

type Validate = (ref: string, value: unknown) => string[];

/** The response object itself, following one `#/components/responses/NAME` reference. */
function responseObject(
  response: ResponseObject | undefined,
  spec: Spec,
): ResponseObject | undefined {
  const name = response?.$ref?.replace('#/components/responses/', '');
  return name === undefined ? response : spec.components.responses?.[name];
}

function schemaRef(schema: unknown, spec: string): string | undefined {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  return ref ? `${spec}${ref}` : undefined;
}

function checkAll(
  exchanges: readonly Exchange[],
  spec: Spec,
  paths: PathMatcher[],
  validate: Validate,
): ConformanceReport {
  const report: ConformanceReport = { checked: 0, unchecked: 0, undescribed: [], failures: [] };
  for (const ex of exchanges) {
    const problems = checkOne(ex, spec, paths, validate);
    if (problems === undefined) {
      report.unchecked += 1;
      const json = (ex.contentType ?? '').includes('json') && ex.responseBody !== '';
      if (typeof ex.status === 'number' && ex.status < 300 && json)
        report.undescribed.push(`${ex.method} ${ex.path}`);
    } else {
      report.checked += 1;
      report.failures.push(
        ...problems.map((p) => `${ex.method} ${ex.path} → ${String(ex.status)}: ${p}`),
      );
    }
  }
  return report;
}

/** Problems with one exchange; undefined when the spec says nothing about it. */
function checkOne(
  ex: Exchange,
  spec: Spec,
  paths: PathMatcher[],
  validate: Validate,
): string[] | undefined {
  if (ex.status === 'dropped') return undefined;
  const json =
    (ex.contentType ?? '').includes('json') && ex.responseBody
      ? (JSON.parse(ex.responseBody) as unknown)
      : undefined;
  if (ex.endpoint === 'POST /connect/token') {
    return ex.status === 200
      ? validate('identity#/components/schemas/AccessToken', json)
      : undefined;
  }
  if (ex.endpoint === 'GET /connections') {
    return ex.status === 200
      ? validate(
          'identity#/paths/~1Connections/get/responses/200/content/application~1json/schema',
          json,
        )
      : undefined;
  }
  const url = new URL(ex.path, 'http://x');
  if (!url.pathname.startsWith('/api.xro/2.0/')) return undefined;
  const rel = url.pathname.slice('/api.xro/2.0'.length);
  const method = ex.method.toLowerCase();
  // Several templates can match (/Contacts/{ContactID}, /Contacts/{ContactNumber}): take the one with this method.
  const match = paths.find(
    (p) => p.pattern.test(rel) && spec.paths[p.path]?.[method] !== undefined,
  );
  const op = match ? spec.paths[match.path]?.[method] : undefined;
  if (!op) return undefined;
  const problems: string[] = [];
  const responseSchema = schemaRef(
    responseObject(op.responses?.[String(ex.status)], spec)?.content?.['application/json']?.schema,
    'accounting',
  );
  const requestRef = requestSchemaRef(op, spec);
  const refused = refusedElements(json);
  if (requestRef && typeof ex.status === 'number' && ex.status < 300 && ex.requestBody) {
    const request = acceptedOnly(JSON.parse(ex.requestBody) as unknown, refused);
    problems.push(...validate(requestRef, request).map((p) => `request ${p}`));
  }
  if (!responseSchema) return problems.length > 0 ? problems : undefined;
  const responseProblems = validate(responseSchema, json).filter(
    (p) => !isEchoRequired(p, refused),
  );
  problems.push(...responseProblems.map((p) => `response ${p}`));
  return problems;
}

/** Paths ("/Invoices/1") of elements answered "ERROR" in a per-element batch answer. */
function refusedElements(json: unknown): Set<string> {
  const refused = new Set<string>();
  if (typeof json !== 'object' || json === null) return refused;
  for (const [key, value] of Object.entries(json)) {
    if (!Array.isArray(value)) continue;
    value.forEach((e: unknown, i) => {
      if ((e as { StatusAttributeString?: unknown } | null)?.StatusAttributeString === 'ERROR')
        refused.add(`/${key}/${i}`);
    });
  }
  return refused;
}

/** The request without the elements the sandbox refused (allowance 5). */
function acceptedOnly(request: unknown, refused: Set<string>): unknown {
  if (refused.size === 0 || typeof request !== 'object' || request === null) return request;
  const out: Record<string, unknown> = { ...(request as Record<string, unknown>) };
  for (const [key, value] of Object.entries(out)) {
    if (Array.isArray(value)) out[key] = value.filter((_e, i) => !refused.has(`/${key}/${i}`));
  }
  return out;
}

/** A `required` complaint about a refused element's echo (allowance 5). */
function isEchoRequired(problem: string, refused: Set<string>): boolean {
  const m = /^(\/\w+\/\d+) must have required property/.exec(problem);
  return m?.[1] !== undefined && refused.has(m[1]);
}

function requestSchemaRef(op: Operation, spec: Spec): string | undefined {
  let body = op.requestBody;
  if (body?.$ref) {
    const name = body.$ref.split('/').pop() ?? '';
    body = (spec.components.requestBodies as Record<string, Operation['requestBody']>)[name];
  }
  return schemaRef(body?.content?.['application/json']?.schema, 'accounting');
}
