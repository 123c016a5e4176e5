/**
 * A streaming RFC 4180 parser: comma-separated fields, double-quoted fields that may hold commas,
 * line breaks and doubled quotes (`"say ""hi"""`), rows ended by CRLF or LF. It keeps one row in
 * memory at a time and reports a malformed row by its line instead of throwing, then carries on at
 * the next line.
 *
 * @module
 */

export type CsvEvent =
  | { readonly type: 'row'; readonly line: number; readonly fields: string[] }
  | { readonly type: 'error'; readonly line: number; readonly message: string };

/** A field longer than this is refused rather than buffered. */
export const MAX_FIELD_CHARS = 1 << 20;

type State = 'start' | 'unquoted' | 'quoted' | 'quote' | 'skip';

/** Parses text chunks into rows (and errors), a batch of events per chunk. */
export async function* parseCsv(chunks: AsyncIterable<string>): AsyncGenerator<CsvEvent[]> {
  const parser = new CsvParser();
  let carry = '';
  for await (const chunk of chunks) {
    // A CR at the end of a chunk may be half of a CRLF: hold it for the next chunk.
    let text = carry + chunk;
    carry = '';
    if (text.endsWith('\r')) {
      carry = '\r';
      text = text.slice(0, -1);
    }
    const events = parser.feed(text.replace(/\r\n/g, '\n'));
    if (events.length > 0) yield events;
  }
  const events = parser.end(carry);
  if (events.length > 0) yield events;
}

class CsvParser {
  private state: State = 'start';
  private field = '';
  private fields: string[] = [];
  private line = 1;
  private rowLine = 1;
  private events: CsvEvent[] = [];

  feed(text: string): CsvEvent[] {
    this.events = [];
    for (let i = 0; i < text.length; i++) this.step(text[i]!);
    return this.events;
  }

  end(rest: string): CsvEvent[] {
    this.events = [];
    for (const c of rest) this.step(c);
    if (this.state === 'quoted')
      this.fail('a quoted field opened on this line is never closed (missing ")');
    else if (this.state !== 'skip' && (this.fields.length > 0 || this.field !== '')) this.endRow();
    return this.events;
  }

  private step(c: string): void {
    switch (this.state) {
      case 'skip':
        if (c === '\n') this.newline(false);
        return;
      case 'quoted':
        if (c === '"') this.state = 'quote';
        else this.append(c);
        if (c === '\n') this.line++;
        return;
      case 'quote':
        if (c === '"') {
          this.append('"');
          this.state = 'quoted';
        } else this.afterField(c, 'text after a closing quote (quote the whole field)');
        return;
      case 'start':
        if (c === '"') {
          this.state = 'quoted';
          return;
        }
        this.state = 'unquoted';
        this.afterField(c, '');
        return;
      case 'unquoted':
        if (c === '"') this.fail('a quote inside an unquoted field (quote the whole field)');
        else this.afterField(c, '');
        return;
    }
  }

  /** After a field's content: a comma, a line break, or (unquoted only) more content. */
  private afterField(c: string, strayMessage: string): void {
    if (c === ',') {
      this.fields.push(this.field);
      this.field = '';
      this.state = 'start';
    } else if (c === '\n') {
      this.newline(true);
    } else if (strayMessage) {
      this.fail(strayMessage);
    } else {
      this.append(c);
    }
  }

  private append(c: string): void {
    if (this.field.length >= MAX_FIELD_CHARS)
      this.fail(`a field longer than ${MAX_FIELD_CHARS} characters`);
    else this.field += c;
  }

  private newline(endsRow: boolean): void {
    if (endsRow) this.endRow();
    this.line++;
    this.rowLine = this.line;
    this.state = 'start';
  }

  private endRow(): void {
    this.fields.push(this.field);
    const blank = this.fields.length === 1 && this.fields[0] === '';
    if (!blank) this.events.push({ type: 'row', line: this.rowLine, fields: this.fields });
    this.fields = [];
    this.field = '';
  }

  private fail(message: string): void {
    this.events.push({ type: 'error', line: this.rowLine, message });
    this.fields = [];
    this.field = '';
    this.state = 'skip';
  }
}
