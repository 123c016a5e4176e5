/**
 * A small parser and evaluator for Xero's `where` query parameter (reference §5), e.g.
 * `Type=="ACCREC" && Status=="AUTHORISED"`, `Contact.ContactID==guid("…")`,
 * `Date >= DateTime(2026,01,01)`, `Name.Contains("Peter")`, `EmailAddress!=null`,
 * `Name.ToLower()=="acme"`, with `&&`/`||`/`!` (or AND/OR/NOT) and parentheses.
 *
 * Evaluation is in where-evaluate.ts.
 *
 * @module
 */
import { readAmount } from './wire.js';
import { dateTimeArgsToMs, isoDateToMs, parseXeroDate } from './xero-dates.js';

export class WhereError extends Error {}

export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: bigint }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'guid'; value: string }
  | { kind: 'date'; value: number };

export type Operand =
  { kind: 'field'; path: string[]; transforms: ('lower' | 'upper')[] } | Literal;
export type CompareOp = '==' | '!=' | '>' | '>=' | '<' | '<=';

export type WhereExpr =
  | { kind: 'and' | 'or'; left: WhereExpr; right: WhereExpr }
  | { kind: 'not'; expr: WhereExpr }
  | { kind: 'cmp'; op: CompareOp; left: Operand; right: Operand }
  | { kind: 'call'; method: 'contains' | 'startswith' | 'endswith'; target: Operand; arg: Operand }
  | { kind: 'truthy'; operand: Operand };

type Token =
  | { t: 'ident'; v: string }
  | { t: 'string'; v: string }
  | { t: 'number'; v: string }
  | { t: 'op'; v: string };

const OPS = ['==', '!=', '>=', '<=', '&&', '||', '=', '>', '<', '!', '(', ')', ',', '.'];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === '"') {
      const end = readString(text, i);
      tokens.push({ t: 'string', v: JSON.parse(text.slice(i, end)) as string });
      i = end;
    } else if (/[0-9-]/.test(ch) && /[0-9]/.test(text.charAt(ch === '-' ? i + 1 : i))) {
      const m = /^-?\d+(\.\d+)?/.exec(text.slice(i));
      tokens.push({ t: 'number', v: m?.[0] ?? ch });
      i += m?.[0].length ?? 1;
    } else if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
      tokens.push({ t: 'ident', v: m?.[0] ?? ch });
      i += m?.[0].length ?? 1;
    } else {
      const op = OPS.find((o) => text.startsWith(o, i));
      if (!op) throw new WhereError(`Unexpected character '${ch}' in where clause`);
      tokens.push({ t: 'op', v: op });
      i += op.length;
    }
  }
  return tokens;
}

function readString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length && text.charAt(i) !== '"') i += text.charAt(i) === '\\' ? 2 : 1;
  if (i >= text.length) throw new WhereError('Unterminated string in where clause');
  return i + 1;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): WhereExpr {
    const expr = this.or();
    if (this.pos < this.tokens.length)
      throw new WhereError('Unexpected text at end of where clause');
    return expr;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private isOp(v: string): boolean {
    const tok = this.peek();
    return tok?.t === 'op' && tok.v === v;
  }

  private isWord(word: string): boolean {
    const tok = this.peek();
    return tok?.t === 'ident' && tok.v.toUpperCase() === word;
  }

  private expect(v: string): void {
    if (!this.isOp(v)) throw new WhereError(`Expected '${v}' in where clause`);
    this.pos += 1;
  }

  private or(): WhereExpr {
    let left = this.and();
    while (this.isOp('||') || this.isWord('OR')) {
      this.pos += 1;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): WhereExpr {
    let left = this.unary();
    while (this.isOp('&&') || this.isWord('AND')) {
      this.pos += 1;
      left = { kind: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): WhereExpr {
    if (this.isOp('!') || this.isWord('NOT')) {
      this.pos += 1;
      return { kind: 'not', expr: this.unary() };
    }
    if (this.isOp('(')) {
      this.pos += 1;
      const inner = this.or();
      this.expect(')');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): WhereExpr {
    const left = this.operand();
    const tok = this.peek();
    if (tok?.t === 'op' && ['==', '!=', '=', '>', '>=', '<', '<='].includes(tok.v)) {
      this.pos += 1;
      const op = (tok.v === '=' ? '==' : tok.v) as CompareOp;
      return { kind: 'cmp', op, left, right: this.operand() };
    }
    if (left.kind === 'field' && this.isOp('.')) return this.methodCall(left);
    return { kind: 'truthy', operand: left };
  }

  private methodCall(target: Operand): WhereExpr {
    this.expect('.');
    const name = this.peek();
    const method = name?.t === 'ident' ? name.v.toLowerCase() : '';
    if (method !== 'contains' && method !== 'startswith' && method !== 'endswith') {
      throw new WhereError(`Unsupported method in where clause`);
    }
    this.pos += 1;
    this.expect('(');
    const arg = this.operand();
    this.expect(')');
    return { kind: 'call', method, target, arg };
  }

  private operand(): Operand {
    const tok = this.peek();
    if (!tok) throw new WhereError('Unexpected end of where clause');
    this.pos += 1;
    if (tok.t === 'string') return { kind: 'string', value: tok.v };
    if (tok.t === 'number') return { kind: 'number', value: readAmount(tok.v) ?? 0n };
    if (tok.t === 'op') throw new WhereError(`Unexpected '${tok.v}' in where clause`);
    return this.identOperand(tok.v);
  }

  private identOperand(word: string): Operand {
    const upper = word.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'bool', value: upper === 'TRUE' };
    if (upper === 'NULL') return { kind: 'null' };
    if (upper === 'GUID') return { kind: 'guid', value: this.stringArgs()[0] ?? '' };
    if (upper === 'DATETIME') return this.dateTime();
    return this.field(word);
  }

  private field(first: string): Operand {
    const path = [first];
    const transforms: ('lower' | 'upper')[] = [];
    while (this.isOp('.') && this.tokens[this.pos + 1]?.t === 'ident') {
      const next = (this.tokens[this.pos + 1] as { v: string }).v;
      const lower = next.toLowerCase();
      if (lower === 'tolower' || lower === 'toupper') {
        this.pos += 2;
        this.expect('(');
        this.expect(')');
        transforms.push(lower === 'tolower' ? 'lower' : 'upper');
      } else if (['contains', 'startswith', 'endswith'].includes(lower)) {
        break;
      } else {
        this.pos += 2;
        path.push(next);
      }
    }
    return { kind: 'field', path, transforms };
  }

  private stringArgs(): string[] {
    this.expect('(');
    const out: string[] = [];
    while (!this.isOp(')')) {
      const tok = this.peek();
      if (!tok || tok.t === 'op') throw new WhereError('Bad argument list in where clause');
      out.push(tok.v);
      this.pos += 1;
      if (this.isOp(',')) this.pos += 1;
    }
    this.expect(')');
    return out;
  }

  private dateTime(): Operand {
    const args = this.stringArgs();
    const first = args[0];
    if (args.length === 1 && first !== undefined && !/^\d+$/.test(first)) {
      const date = parseXeroDate(first);
      if (!date) throw new WhereError('Bad DateTime in where clause');
      return { kind: 'date', value: isoDateToMs(date) };
    }
    const ms = dateTimeArgsToMs(args.map(Number));
    if (ms === undefined) throw new WhereError('Bad DateTime in where clause');
    return { kind: 'date', value: ms };
  }
}

/** Parses a where clause; throws WhereError with a readable reason. */
export function parseWhere(text: string): WhereExpr {
  return new Parser(tokenize(text)).parse();
}
