/**
 * The Cliniko connector (docs/sources-cliniko.md): an API key (Basic auth, its shard suffix
 * picks the host), patients and third-party contacts → contacts, businesses → entities,
 * invoices and items → invoices, paid or closed invoices → a settling clearing payment.
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
import { parseClinikoCredentials, shardOf, type ClinikoCredentials } from './api-key.js';
import { ClinikoClient } from './client.js';
import { pullClinic } from './pull-clinic.js';
import { readClinic } from './reference-data.js';

/** "200 requests per minute per user" (Cliniko API readme; reference/pms-apis.md §1.2). */
export const CLINIKO_RATE_LIMIT_PER_MINUTE = 200;

function open(credentials: ClinikoCredentials, options: SourceOptions): SourceConnection {
  const client = new ClinikoClient(credentials.apiKey, options);
  return {
    async test(signal?: AbortSignal): Promise<SourceAccount> {
      try {
        const clinic = await readClinic(client, credentials.currency, signal);
        const businesses = [...clinic.businesses.values()];
        return {
          label: businesses.map((b) => b.name).join(', ') || 'a clinic with no businesses',
          details: { shard: shardOf(credentials.apiKey), host: new URL(client.base).host },
          entities: new Map(businesses.map((b) => [b.entity, b.name])),
        };
      } catch (error) {
        if (error instanceof LedgerbridgeError && error.code === 'LB_SOURCE_NEEDS_RECONNECT')
          throw new LedgerbridgeError(
            'LB_SOURCE_CREDENTIALS_INVALID',
            `Cliniko refused the API key (shard ${shardOf(credentials.apiKey)})`,
            {
              fix: 'Copy the whole key from Cliniko (My Info → Manage API keys), including its ending such as "-au1".',
            },
          );
        throw error;
      }
    },
    pull: ({ cursor, signal }) =>
      pullClinic(
        {
          client,
          currency: credentials.currency,
          overlapMs: options.overlapMs,
          ...(signal ? { signal } : {}),
        },
        cursor,
      ),
  };
}

export const clinikoSource: SourceDefinition<ClinikoCredentials> = {
  kind: 'cliniko',
  rateLimitPerMinute: CLINIKO_RATE_LIMIT_PER_MINUTE,
  parseCredentials: parseClinikoCredentials,
  open,
};

export { apiBase, shardOf, type ClinikoCredentials } from './api-key.js';
export { CLEARING_METHOD } from './map-invoice.js';
