/**
 * Text that no store can hold. PostgreSQL's `text` refuses U+0000 ("invalid byte sequence for
 * encoding UTF8: 0x00") and its `jsonb` both U+0000 ("unsupported Unicode escape sequence") and
 * half of a UTF-16 surrogate pair ("invalid input syntax for type json"); a JSON file can spell
 * either ("\u0000", "\ud800"), and JSON.parse reads them. Measured before this check: one such
 * string anywhere in a file failed the whole import with LB_INTERNAL on both backends. The ledger
 * refuses them instead, naming the field, like any other bad value.
 *
 * @module
 */

/** U+0000, or a high surrogate not followed by a low one, or a low one not after a high one. */
// eslint-disable-next-line no-control-regex -- U+0000 is what it looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Whether JSON text (as JSON.stringify writes it) may hold such a string: it escapes U+0000 as
 * "\u0000" and a lone surrogate as "\ud800"…"\udfff", and nothing else it writes looks like that
 * but the same six characters given as text ("\\u0000"). A cheap test for the fast path; a hit
 * goes to the full check.
 */
export const MAYBE_UNSTORABLE_JSON = /\\u(?:0000|d[89a-f])/;

export interface TextIssue {
  readonly field: string;
  readonly value: string;
  readonly message: string;
}

/** Every string of a document that cannot be stored, with its field path ("lines[0].description"). */
export function unstorableText(value: unknown, path = ''): TextIssue[] {
  if (typeof value === 'string') {
    const found = UNSTORABLE.exec(value);
    if (!found) return [];
    const message =
      found[0] === '\u0000'
        ? 'holds a NUL character (U+0000), which no database text can hold: remove it'
        : 'holds half of a UTF-16 surrogate pair, which is not text: correct it';
    return [{ field: path, value, message }];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => unstorableText(v, `${path}[${i}]`));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => unstorableText(v, path ? `${path}.${k}` : k));
  return [];
}
