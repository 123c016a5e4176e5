/**
 * What is sealed for a Clio source (sources/credentials.ts): the region, the app's client (a
 * refresh needs it, and the firm connected through that app), and the tokens.
 *
 * @module
 */
import { z } from 'zod';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { CLIO_REGIONS, type ClioRegion } from './regions.js';

export interface ClioCredentials {
  readonly region: ClioRegion;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  /** When the access token expires (ms since the epoch). */
  readonly expiresAt: number;
}

const schema = z.object({
  region: z.enum(CLIO_REGIONS),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  expiresAt: z.number(),
});

export function parseClioCredentials(raw: unknown): ClioCredentials {
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new LedgerbridgeError(
      'LB_SOURCE_NEEDS_RECONNECT',
      `The stored Clio credentials lack ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  return parsed.data;
}
