/**
 * A Cliniko API key and where it is served. The key ends in `-<shard>` ("…-au2"); a key without a
 * suffix is au1's. The host is `https://api.<shard>.cliniko.com/v1`, and the shard list is never
 * hard-coded — Cliniko adds shards (au1–au4, ca1, uk1, eu1, us1 seen so far), so any suffix
 * matching the documented pattern `\w{2}\d{1,2}` is used as given (reference/pms-apis.md §1.2).
 *
 * @module
 */
import { z } from 'zod';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';

export interface ClinikoCredentials {
  readonly apiKey: string;
  /** ISO currency of the clinic's invoices when its businesses' country does not say (rare). */
  readonly currency?: string;
}

const credentialsSchema = z.object({
  apiKey: z.string().trim().min(20),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
});

const SHARD = /-([a-z]{2}\d{1,2})$/i;

export function parseClinikoCredentials(raw: unknown): ClinikoCredentials {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success)
    throw new LedgerbridgeError(
      'LB_SOURCE_CREDENTIALS_INVALID',
      'That is not a Cliniko API key (expected the whole key, such as "MS0x…-au1")',
    );
  return parsed.data;
}

/** The shard a key belongs to, lower case ("au1" when the key names none). */
export function shardOf(apiKey: string): string {
  return SHARD.exec(apiKey)?.[1]?.toLowerCase() ?? 'au1';
}

/** The API base for a key: the override (an emulator) or the key's shard's host. */
export function apiBase(apiKey: string, override?: string): string {
  return (override ?? `https://api.${shardOf(apiKey)}.cliniko.com/v1`).replace(/\/+$/, '');
}

/** Cliniko's Basic auth: the key as user name, an empty password. */
export function authorization(apiKey: string): string {
  return `Basic ${Buffer.from(`${apiKey}:`).toString('base64')}`;
}
