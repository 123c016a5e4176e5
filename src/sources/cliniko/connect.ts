/**
 * Connecting a Cliniko account: the API key (its shard suffix picks the host) is checked with one
 * read, then stored sealed with the source and the clinic's businesses named as its entities, in
 * one transaction. `connect cliniko` and the demo both come through here. The key is never
 * printed or logged.
 *
 * @module
 */
import type { Database } from '../../store/database.js';
import type { SealingKey } from '../../xero/token-crypto.js';
import { saveConnection } from '../credentials.js';
import { RateBudget } from '../http/rate-budget.js';
import type { SourceAccount, SourceOptions } from '../source.js';
import { clinikoSource } from './index.js';

export interface ClinikoConnectInput {
  readonly db: Database;
  readonly key: SealingKey;
  /** The source's name in Ledgerbridge (`cliniko`, `harbour-physio`). */
  readonly source: string;
  readonly apiKey: string;
  readonly currency?: string;
  readonly options: Omit<SourceOptions, 'budget'>;
}

export async function connectCliniko(input: ClinikoConnectInput): Promise<SourceAccount> {
  const credentials = clinikoSource.parseCredentials({
    apiKey: input.apiKey,
    ...(input.currency ? { currency: input.currency } : {}),
  });
  const account = await clinikoSource
    .open(credentials, {
      ...input.options,
      budget: new RateBudget(clinikoSource.rateLimitPerMinute),
    })
    .test();
  await saveConnection(
    input.db,
    input.key,
    { name: input.source, kind: 'cliniko' },
    credentials,
    account,
  );
  return account;
}
