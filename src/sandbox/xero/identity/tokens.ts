/**
 * Token material. Access tokens and id tokens are JWTs, as Xero's are, so clients that read
 * `exp` or `authentication_event_id` from them work; they are signed HS256 with a per-sandbox
 * secret (Xero signs RS256; nothing outside the sandbox verifies these). The sandbox itself looks
 * tokens up by value, never by signature.
 *
 * @module
 */
import { createHash, createHmac, randomBytes, randomUUID } from 'node:crypto';

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function signJwt(payload: Record<string, unknown>, secret: string): string {
  const head = b64url({ alg: 'HS256', typ: 'JWT' });
  const body = b64url({ jti: randomUUID(), ...payload });
  const signature = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}

/** PKCE S256: base64url(SHA-256(code_verifier)) (RFC 7636 §4.2). */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/** Reads `Authorization: Basic base64(client_id:client_secret)`. */
export function readBasicAuth(
  header: string | undefined,
): { id: string; secret: string } | undefined {
  const m = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return {
    id: decodeURIComponent(decoded.slice(0, colon)),
    secret: decodeURIComponent(decoded.slice(colon + 1)),
  };
}
