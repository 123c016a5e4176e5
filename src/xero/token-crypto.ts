/**
 * Xero tokens at rest: AES-256-GCM with a key derived from LEDGERBRIDGE_SECRET_KEY. A sealed
 * value carries the id of the key that sealed it, so a wrong key is reported as such (not as
 * garbage) and key rotation can tell old from new.
 *
 * Format: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts; 12-byte IV per NIST SP 800-38D).
 *
 * @module
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';

export interface SealingKey {
  /** Short, non-secret fingerprint of the key (first 12 hex of SHA-256 of the derived key). */
  readonly id: string;
  readonly bytes: Buffer;
}

/**
 * Derives the 32-byte key with HKDF-SHA256, so any sufficiently long secret (e.g. the output of
 * `openssl rand -base64 32`) works and the raw secret is never used as a key directly.
 */
export function deriveSealingKey(secret: string): SealingKey {
  if (secret.length < 32)
    throw new LedgerbridgeError(
      'LB_CONFIG_INVALID',
      'LEDGERBRIDGE_SECRET_KEY is shorter than 32 characters',
      {
        fix: 'Generate one with `openssl rand -base64 32` and keep it safe: without it stored tokens cannot be read.',
      },
    );
  const bytes = Buffer.from(
    hkdfSync('sha256', secret, 'ledgerbridge', 'xero-token-sealing-v1', 32),
  );
  return { id: createHash('sha256').update(bytes).digest('hex').slice(0, 12), bytes };
}

export function seal(key: SealingKey, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv);
  cipher.setAAD(Buffer.from(key.id));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    'v1',
    key.id,
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    body.toString('base64url'),
  ].join('.');
}

export function unseal(key: SealingKey, sealed: string): string {
  const [version, keyId, iv, tag, body] = sealed.split('.');
  if (version !== 'v1' || !keyId || !iv || !tag || body === undefined)
    throw new LedgerbridgeError(
      'LB_TOKEN_UNREADABLE',
      'A stored Xero token is not in a format this version reads',
    );
  if (keyId !== key.id)
    throw new LedgerbridgeError(
      'LB_SECRET_KEY_WRONG',
      `Stored Xero tokens were sealed with key ${keyId}; LEDGERBRIDGE_SECRET_KEY is key ${key.id}`,
    );
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(body, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch (cause) {
    throw new LedgerbridgeError(
      'LB_TOKEN_UNREADABLE',
      'A stored Xero token failed its integrity check',
      { cause },
    );
  }
}

/** The key id a sealed value names (to find values still under an old key). */
export function sealedKeyId(sealed: string): string | undefined {
  return sealed.split('.')[1];
}

/** Whether `key` opens `sealed` (a lost or wrong key, or a tampered value, does not). */
export function canUnseal(key: SealingKey, sealed: string): boolean {
  try {
    unseal(key, sealed);
    return true;
  } catch {
    return false;
  }
}
