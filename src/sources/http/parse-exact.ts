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
 * @module
 */

/** A string token, or a number token (integer, fraction, exponent). */
const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const LONG_INTEGER = /^-?\d{16,}$/;

export function parseExact(text: string): unknown {
  return JSON.parse(
    text.replace(TOKEN, (token) => (LONG_INTEGER.test(token) ? `"${token}"` : token)),
  );
}
