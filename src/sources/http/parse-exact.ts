/**
 * JSON with integers too long for a double kept exact, as text. Cliniko's and Clio's ids are
 * 64-bit (Cliniko's reach 514810972972521916, past 2⁵³ = 9007199254740992), and JSON.parse would
 * round them to a different record's id. Node 20's JSON.parse cannot see a number's source text
 * (the reviver `context` came with V8 11.4, Node 21), so the text is rewritten first.
 *
 * The rewrite reads the text as JSON tokens: a string is skipped whole (escapes included), so
 * digits inside a note or a name are never touched; a number with a fraction or an exponent is
 * left as it is; only an integer of 16 or more digits is quoted. Money never arrives as such an
 * integer (Cliniko sends money as strings, Clio as decimals), so nothing that is arithmetic
 * becomes text.
 *
 * Most answers have no such integer at all (Cliniko sends its ids as strings), and the rewrite
 * calls back for every token (~3,000 on a page of 100 invoices): so the text is first searched for
 * 16 digits where a number can begin — at the start, or after `:` `,` `[` and any whitespace,
 * the only places JSON allows one — and parsed as it is when there are none. Digits in a string
 * after such a character ("ref:1234567890123456") only send it the long way round.
 *
 * @module
 */

/** A string token, or a number token (integer, fraction, exponent). */
const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const LONG_INTEGER = /^-?\d{16,}$/;
/** Where an integer of 16 digits or more could stand as a number (or, harmlessly, in a string). */
const MAYBE_LONG = /(?:^|[:,[])\s*-?\d{16}/;

export function parseExact(text: string): unknown {
  if (!MAYBE_LONG.test(text)) return JSON.parse(text);
  return JSON.parse(
    text.replace(TOKEN, (token) => (LONG_INTEGER.test(token) ? `"${token}"` : token)),
  );
}
