/**
 * Evaluates a parsed `where` clause (where-filter.ts) against a document as the API renders it,
 * so any field a GET returns can be filtered on. Values compare by kind: MS-JSON dates as
 * instants, numbers as exact decimals, GUIDs without regard to case, strings exactly (Xero's
 * string comparisons are case sensitive; `.ToLower()` is the documented way round that). A field
 * the document does not have reads as null.
 *
 * @module
 */
import { readAmount } from './wire.js';
import type { CompareOp, Literal, Operand, WhereExpr } from './where-filter.js';
import { isoDateToMs, msDateToMs, parseXeroDate } from './xero-dates.js';

/** Evaluates a parsed clause against a rendered document. */
export function evaluateWhere(expr: WhereExpr, doc: Record<string, unknown>): boolean {
  switch (expr.kind) {
    case 'and':
      return evaluateWhere(expr.left, doc) && evaluateWhere(expr.right, doc);
    case 'or':
      return evaluateWhere(expr.left, doc) || evaluateWhere(expr.right, doc);
    case 'not':
      return !evaluateWhere(expr.expr, doc);
    case 'truthy': {
      const v = resolve(expr.operand, doc);
      return v.kind === 'bool' && v.value;
    }
    case 'call':
      return callMethod(expr.method, resolve(expr.target, doc), resolve(expr.arg, doc));
    case 'cmp':
      return compare(expr.op, resolve(expr.left, doc), resolve(expr.right, doc));
  }
}

function resolve(operand: Operand, doc: Record<string, unknown>): Literal {
  if (operand.kind !== 'field') return operand;
  let value: unknown = doc;
  for (const key of operand.path) {
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined;
  }
  const literal = toLiteral(value);
  if (literal.kind !== 'string') return literal;
  let text = literal.value;
  for (const t of operand.transforms)
    text = t === 'lower' ? text.toLowerCase() : text.toUpperCase();
  return { kind: 'string', value: text };
}

function toLiteral(value: unknown): Literal {
  if (value === undefined || value === null) return { kind: 'null' };
  if (typeof value === 'boolean') return { kind: 'bool', value };
  if (typeof value === 'number') return { kind: 'number', value: readAmount(value) ?? 0n };
  if (typeof value === 'string') {
    const ms = msDateToMs(value);
    return ms === undefined ? { kind: 'string', value } : { kind: 'date', value: ms };
  }
  return { kind: 'null' };
}

function callMethod(method: string, target: Literal, arg: Literal): boolean {
  if (target.kind !== 'string' || (arg.kind !== 'string' && arg.kind !== 'guid')) return false;
  if (method === 'contains') return target.value.includes(arg.value);
  if (method === 'startswith') return target.value.startsWith(arg.value);
  return target.value.endsWith(arg.value);
}

/** Brings the two sides to one kind where Xero would (GUID text, dates written as strings). */
function align(a: Literal, b: Literal): [Literal, Literal] {
  if (a.kind === 'guid' || b.kind === 'guid') {
    return [lowerText(a), lowerText(b)];
  }
  if (a.kind === 'date' && b.kind === 'string') return [a, asDate(b)];
  if (b.kind === 'date' && a.kind === 'string') return [asDate(a), b];
  return [a, b];
}

function lowerText(l: Literal): Literal {
  return l.kind === 'guid' || l.kind === 'string'
    ? { kind: 'string', value: l.value.toLowerCase() }
    : l;
}

function asDate(l: Literal & { kind: 'string' }): Literal {
  const date = parseXeroDate(l.value);
  return date ? { kind: 'date', value: isoDateToMs(date) } : l;
}

function compare(op: CompareOp, left: Literal, right: Literal): boolean {
  const [a, b] = align(left, right);
  if (op === '==' || op === '!=') {
    const equal = sameValue(a, b);
    return op === '==' ? equal : !equal;
  }
  if (a.kind !== b.kind || a.kind === 'null' || a.kind === 'bool') return false;
  const x = (a as { value: string | number | bigint }).value;
  const y = (b as { value: string | number | bigint }).value;
  if (op === '>') return x > y;
  if (op === '>=') return x >= y;
  if (op === '<') return x < y;
  return x <= y;
}

function sameValue(a: Literal, b: Literal): boolean {
  if (a.kind === 'null' || b.kind === 'null') return a.kind === b.kind;
  if (a.kind !== b.kind) return false;
  return (a as { value: unknown }).value === (b as { value: unknown }).value;
}
