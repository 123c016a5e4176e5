/**
 * The one door into the ledger: unknown input → a versioned document, or the list of what is
 * wrong, each naming the document, the field and the offending value.
 *
 * @module
 */
import type { z } from 'zod';
import { contentHash } from './content-hash.js';
import {
  documentSchema,
  deletionSchema,
  type Deletion,
  type VersionedDocument,
} from './document.js';
import { documentRuleIssues } from './document-rules.js';
import { DEFAULT_ENTITY, DOCUMENT_KINDS, documentLabel } from './envelope.js';
import { err, ok, type Result } from './result.js';
import { unstorableText } from './storable-text.js';

export interface ValidationIssue {
  /** How people name the document: "invoice INV-1001 (source id 812)". */
  readonly document: string;
  /** Path to the field: "lines[2].unitAmount". Empty for the record as a whole. */
  readonly field: string;
  /** The offending value as given (truncated when long). */
  readonly value: unknown;
  readonly message: string;
}

export interface DocumentDefaults {
  readonly source?: string;
  readonly entity?: string;
}

/** Validates one document, fills source and entity from `defaults`, and computes its version. */
export function validateDocument(
  input: unknown,
  defaults: DocumentDefaults = {},
): Result<VersionedDocument, ValidationIssue[]> {
  const label = recordLabel(input);
  const parsed = documentSchema.safeParse(input);
  if (!parsed.success) return err(zodIssues(parsed.error, input, label));
  const source = parsed.data.source ?? defaults.source;
  if (!source)
    return err([
      {
        document: label,
        field: 'source',
        value: undefined,
        message: 'is required (give it in the record or as --source)',
      },
    ]);
  const document = {
    ...parsed.data,
    source,
    entity: parsed.data.entity ?? defaults.entity ?? DEFAULT_ENTITY,
  };
  const ruleIssues = [...unstorableText(document), ...documentRuleIssues(document)];
  if (ruleIssues.length > 0) return err(ruleIssues.map((i) => ({ document: label, ...i })));
  return ok({ document, hash: contentHash(document as unknown as Record<string, unknown>) });
}

/** Validates an explicit deletion marker (`"deleted": true`). */
export function validateDeletion(
  input: unknown,
  defaults: DocumentDefaults = {},
): Result<Deletion, ValidationIssue[]> {
  const parsed = deletionSchema.safeParse(input);
  if (!parsed.success) return err(zodIssues(parsed.error, input, recordLabel(input)));
  const source = parsed.data.source ?? defaults.source;
  if (!source)
    return err([
      {
        document: recordLabel(input),
        field: 'source',
        value: undefined,
        message: 'is required (give it in the record or as --source)',
      },
    ]);
  return ok({
    ...parsed.data,
    source,
    entity: parsed.data.entity ?? defaults.entity ?? DEFAULT_ENTITY,
  });
}

/** Whether a raw record is a deletion marker rather than a document. */
export function isDeletionMarker(input: unknown): boolean {
  return (
    typeof input === 'object' && input !== null && (input as { deleted?: unknown }).deleted === true
  );
}

/** How reports name a raw record, valid or not: its kind, number or name, and id where it has them. */
export function recordLabel(input: unknown): string {
  if (typeof input !== 'object' || input === null) return 'record';
  const r = input as Record<string, unknown>;
  return documentLabel({
    kind: typeof r.kind === 'string' ? r.kind : 'record',
    sourceId: r.sourceId,
    number: r.number,
    name: r.name,
  });
}

function zodIssues(error: z.ZodError, input: unknown, label: string): ValidationIssue[] {
  return error.issues.flatMap((issue): ValidationIssue[] => {
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({
        document: label,
        field: formatPath([...issue.path, key]),
        value: truncate(valueAt(input, [...issue.path, key])),
        message: `is not a field of ${owner(input, issue.path)} (the fields are listed in docs/ledger-format.md)`,
      }));
    const value = valueAt(input, issue.path);
    return [
      {
        document: label,
        field: formatPath(issue.path),
        value: truncate(value),
        message: plainMessage(issue, value),
      },
    ];
  });
}

/**
 * zod's own texts ("Invalid input: expected string, received undefined", "Invalid input") say
 * what the validator saw, not what the record needs: these say what was expected.
 */
function plainMessage(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_union' && issue.path.length === 0)
    return `kind must be one of ${DOCUMENT_KINDS.join(', ')}`;
  if (issue.code === 'invalid_type')
    return value === undefined
      ? 'is required'
      : `expected ${kindOf(issue.expected)}, got ${describe(value)}`;
  if (issue.code === 'invalid_value')
    return `must be one of ${issue.values.map((v) => String(v)).join(', ')}`;
  if (issue.code === 'invalid_union')
    return issue.message !== 'Invalid input'
      ? `${issue.message}, got ${describe(value)}` // the field's own words (fields.ts decimalField)
      : `expected ${unionExpectation(issue)}, got ${describe(value)}`;
  return issue.message;
}

const KIND_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

function kindOf(expected: string): string {
  return KIND_NAMES[expected] ?? expected;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return `${value}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** "text or a number" from the branches' own type expectations. */
function unionExpectation(issue: z.core.$ZodIssueInvalidUnion): string {
  const kinds = new Set<string>();
  for (const branch of issue.errors)
    for (const sub of branch) if (sub.code === 'invalid_type') kinds.add(kindOf(sub.expected));
  return kinds.size > 0 ? [...kinds].join(' or ') : 'another kind of value';
}

/** "an invoice", "a line" — what the unknown key was found in. */
function owner(input: unknown, path: readonly PropertyKey[]): string {
  const last = [...path].reverse().find((k) => typeof k === 'string');
  if (last === 'lines') return 'a line';
  if (last === 'tracking') return 'a tracking entry';
  if (last === 'allocations') return 'an allocation';
  if (last === 'address') return 'an address';
  const kind = (input as { kind?: unknown } | null)?.kind;
  const name = typeof kind === 'string' ? kind.replace('_', ' ') : 'a record';
  return typeof kind === 'string' ? `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}` : name;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) =>
      typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key),
    '',
  );
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function truncate(value: unknown): unknown {
  if (typeof value === 'string' && value.length > 120) return `${value.slice(0, 117)}...`;
  if (typeof value === 'object' && value !== null) {
    let text: string;
    try {
      text = JSON.stringify(value);
    } catch {
      // JSON.parse reads nesting that JSON.stringify's recursion cannot write back: a line of
      // 200,000 "[" parses, then overflows the stack here.
      return '(nested too deeply to show)';
    }
    return text.length > 120 ? `${text.slice(0, 117)}...` : value;
  }
  return value;
}

/** One line for people: `invoice INV-1 (source id 7): lines[0].unitAmount = "1.23456" — expected …`. */
export function formatIssue(issue: ValidationIssue): string {
  const value = issue.value === undefined ? '' : ` = ${JSON.stringify(issue.value)}`;
  const field = issue.field ? `: ${issue.field}${value}` : '';
  return `${issue.document}${field} — ${issue.message}`;
}
