/**
 * Random bearer secrets (session ids, API keys, the setup token) and their digests. They carry
 * 256 bits of randomness, so SHA-256 of the secret is what the store keeps: a leaked table gives
 * nothing to replay, and a lookup by digest is a plain index probe.
 *
 * @module
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function digest(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** Constant-time equality of two digests or tokens. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
