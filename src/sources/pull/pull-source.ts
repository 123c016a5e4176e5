/**
 * Pulls one connected source: unseals its credentials, opens its connector with a fresh budget at
 * the PMS's documented rate, and runs the pull (run-pull.ts). `openSource` is the opening alone,
 * for writes back to the PMS.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type { Database } from '../../store/database.js';
import type { SourceRow } from '../../store/sources-repo.js';
import type { Clock } from '../../time/clock.js';
import type { SealingKey } from '../../xero/token-crypto.js';
import { openCredentials } from '../credentials.js';
import { RateBudget } from '../http/rate-budget.js';
import type { SourceConnection, SourceDefinition, SourceOptions } from '../source.js';
import { runPull, type PullOptions, type PullReport } from './run-pull.js';

export interface PullSourceInput {
  readonly db: Database;
  readonly key: SealingKey;
  readonly source: SourceRow;
  readonly definition: SourceDefinition;
  readonly options: Omit<SourceOptions, 'budget'> & { readonly rateLimitPerMinute?: number };
  readonly full?: boolean;
  readonly clock?: Clock;
  readonly signal?: AbortSignal;
  readonly onPage?: PullOptions['onPage'];
  readonly batchDocuments?: number;
}

export async function pullSource(input: PullSourceInput): Promise<PullReport> {
  const { connection, budget } = await openSource(input);
  return runPull({
    db: input.db,
    source: input.source.name,
    connection,
    budget,
    ...(input.full ? { full: true } : {}),
    ...(input.signal ? { signal: input.signal } : {}),
    ...(input.onPage ? { onPage: input.onPage } : {}),
    ...(input.batchDocuments ? { batchDocuments: input.batchDocuments } : {}),
  });
}

/** The source's connector, open with its credentials and a budget at the PMS's rate. */
export async function openSource(
  input: Pick<PullSourceInput, 'db' | 'key' | 'source' | 'definition' | 'options' | 'clock'>,
): Promise<{ connection: SourceConnection; budget: RateBudget }> {
  const { definition, source } = input;
  if (definition.kind !== source.kind)
    throw new LedgerbridgeError(
      'LB_INTERNAL',
      `Source ${source.name} is ${source.kind}, not ${definition.kind}`,
    );
  const credentials = definition.parseCredentials(
    await openCredentials(input.db, input.key, source.name),
  );
  const budget = new RateBudget(
    input.options.rateLimitPerMinute ?? definition.rateLimitPerMinute,
    input.clock,
  );
  return { connection: definition.open(credentials, { ...input.options, budget }), budget };
}
