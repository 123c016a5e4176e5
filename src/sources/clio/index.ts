/**
 * The Clio Manage connector (docs/sources-clio.md): OAuth 2.0 with PKCE in the firm's region,
 * contacts → contacts, bills and line items → invoices, payment allocations → payments, credit
 * memos → credit notes, hard costs paid to a vendor → Spend Money, trust bank transactions →
 * trust movements.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type {
  SourceAccount,
  SourceConnection,
  SourceDefinition,
  SourceOptions,
} from '../source.js';
import { ClioClient } from './client.js';
import { parseClioCredentials, type ClioCredentials } from './credentials.js';
import { pullFirm } from './pull-firm.js';
import { clioWebhooks, verifyClioSignature } from './webhooks.js';
import { writeClioContact } from './write-contact.js';

/**
 * Clio allows about 50 requests a minute per token at peak hours and more off-peak, unpublished
 * (docs.developers.clio.com/api-docs/rate-limits; reference/pms-apis.md §0.5): the peak figure
 * all day.
 */
export const CLIO_RATE_LIMIT_PER_MINUTE = 50;

function open(credentials: ClioCredentials, options: SourceOptions): SourceConnection {
  const client = new ClioClient(credentials, options);
  return {
    async test(signal?: AbortSignal): Promise<SourceAccount> {
      try {
        const me = await client.record('/users/who_am_i.json', [['fields', 'id,name']], signal);
        return {
          label: typeof me.name === 'string' ? me.name : 'a Clio user',
          details: { region: credentials.region, host: new URL(client.root).host, user: me.id },
          entities: new Map(),
        };
      } catch (error) {
        if (error instanceof LedgerbridgeError && error.code === 'LB_SOURCE_NEEDS_RECONNECT')
          throw new LedgerbridgeError(
            'LB_SOURCE_CREDENTIALS_INVALID',
            `Clio refused the connection in region ${credentials.region}`,
            { fix: 'Connect Clio again, choosing the region your account signs in at.' },
          );
        throw error;
      }
    },
    pull: ({ cursor, signal }) =>
      pullFirm({ client, overlapMs: options.overlapMs, ...(signal ? { signal } : {}) }, cursor),
    writeContact: (edit, signal) => writeClioContact(client, edit, signal),
    webhooks: clioWebhooks(client),
  };
}

export const clioSource: SourceDefinition<ClioCredentials> = {
  kind: 'clio',
  rateLimitPerMinute: CLIO_RATE_LIMIT_PER_MINUTE,
  parseCredentials: parseClioCredentials,
  open,
  verifyWebhook: verifyClioSignature,
};

export type { ClioCredentials } from './credentials.js';
export { clioAuthorizeUrl, exchangeClioCode, refreshClioTokens, type ClioApp } from './oauth.js';
export { CLIO_REGIONS, parseRegion, regionRoot, type ClioRegion } from './regions.js';
