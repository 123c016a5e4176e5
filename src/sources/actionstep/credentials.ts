/**
 * What a connected Actionstep organisation's sealed credentials hold: the OAuth tokens, the
 * per-organisation `api_endpoint` and `orgkey` its token answer named (pms-apis.md §3.2: every
 * call goes to `<api_endpoint>rest/<resource>`), and what refreshing needs (the token URL and the
 * app's client id and secret), so that a pull can rotate the tokens with no configuration at hand.
 * The whole object is sealed at rest (sources/credentials.ts); none of it is ever logged.
 *
 * @module
 */
import { z } from 'zod';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';

const schema = z.object({
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1),
  /** When the access token expires (epoch ms). */
  expiresAt: z.number().int(),
  apiEndpoint: z.url(),
  orgkey: z.string().min(1),
  tokenUrl: z.url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1).optional(),
});

export type ActionstepCredentials = z.infer<typeof schema>;

export function parseActionstepCredentials(raw: unknown): ActionstepCredentials {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  // The issue's path only: the values are secrets.
  const where = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
  throw new LedgerbridgeError(
    'LB_SOURCE_CREDENTIALS_INVALID',
    `The stored Actionstep credentials are incomplete (${where})`,
    { fix: 'Connect Actionstep again (docs/sources-actionstep.md, "Connecting").' },
  );
}
