/**
 * One push: an intent committed first, then the batch to Xero with an Idempotency-Key derived from
 * the documents and versions, then every outcome recorded. An answer lost on the way (timeout,
 * dropped connection, 5xx after retries) leaves the intent open and is looked up in Xero before
 * anything is sent again (resolve-intents.ts) — the case that makes naive integrations duplicate.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import {
  attemptGeneration,
  settleIntent,
  writeIntent,
  type IntentDocument,
} from '../../store/intents-repo.js';
import {
  chunkForXero,
  writeBatch,
  type ElementOutcome,
  type RefusedElement,
} from '../../xero/batch-writer.js';
import type { WritableCollection } from '../../xero/collections.js';
import { idempotencyKey } from '../../xero/idempotency-key.js';
import type { Operation } from '../plan/operation.js';
import { emptyOutcomes, payloadHash, recordOutcomes, refused, succeeded } from './record.js';
import { resolveIntent } from './resolve-intents.js';
import type { RunContext } from './run-context.js';

export interface BatchSpec<O extends Operation> {
  readonly collection: WritableCollection;
  readonly method: 'PUT' | 'POST';
  /** Names the intent and seeds the key: 'create-invoices', 'update-contacts' … */
  readonly operation: string;
  payload(op: O): Record<string, unknown>;
  /** What to search Xero for if the answer is lost. */
  lookup(op: O): Record<string, string>;
  /** What to remember on the link from Xero's answer for the element. */
  linkState(op: O, element: Record<string, unknown>): Record<string, unknown>;
  xeroNumber?(element: Record<string, unknown>): string | undefined;
  /** Counted as … in the run's counts. */
  readonly counted: 'created' | 'updated' | 'voided' | 'deleted';
}

/**
 * Pushes operations in batches, each submitted to the organisation's calls in flight: this returns
 * once the last batch has started; `rc.inFlight.drain()` waits for their outcomes.
 */
export async function pushBatches<O extends Operation>(
  rc: RunContext,
  ops: readonly O[],
  spec: BatchSpec<O>,
): Promise<void> {
  for (const batch of chunkForXero(ops, rc.batchSize))
    await rc.inFlight.submit(() => pushBatch(rc, batch, spec));
}

/** One batch: intent, call, outcomes recorded with the intent settled. */
async function pushBatch<O extends Operation>(
  rc: RunContext,
  batch: O[],
  spec: BatchSpec<O>,
): Promise<void> {
  const { key, intentId, elements } = await batchIntent(rc, batch, spec);
  let results: ElementOutcome[];
  try {
    rc.counts.writeCalls++;
    results = await writeBatch(rc.api, {
      tenantId: rc.tenantId,
      collection: spec.collection,
      method: spec.method,
      elements,
      idempotencyKey: key,
    });
  } catch (error) {
    await recordRefusedOfLostBatch(rc, batch, elements, error);
    await handleFailure(rc, intentId, error, batch.length);
    rc.observer.decided?.({ tenantId: rc.tenantId, kind: batch[0]!.kind, count: batch.length });
    return;
  }
  await recordBatch(rc, spec, { batch, elements, results, intentId });
}

/** The intent committed before a batch is sent: its documents, versions and idempotency key. */
async function batchIntent<O extends Operation>(rc: RunContext, batch: O[], spec: BatchSpec<O>) {
  const documents: IntentDocument[] = batch.map((op) => ({
    source: op.key.source,
    kind: op.key.kind,
    sourceId: op.key.sourceId,
    version: op.version,
    lookup: spec.lookup(op),
  }));
  const generation = await attemptGeneration(rc.db, rc.tenantId, spec.operation, documents[0]!);
  const key = idempotencyKey(
    rc.tenantId,
    spec.operation,
    documents.map((d) => ({
      key: `${d.source}/${d.kind}/${d.sourceId}`,
      version: `${d.version}#${generation}`,
    })),
  );
  const elements = batch.map((op) => spec.payload(op));
  const intentId = await writeIntent(rc.db, {
    tenantId: rc.tenantId,
    operation: spec.operation,
    idempotencyKey: key,
    documents,
    payloadHash: payloadHash(elements),
    runId: rc.runId,
  });
  return { key, intentId, elements };
}

/** Records each element's outcome with the intent settled. */
async function recordBatch<O extends Operation>(
  rc: RunContext,
  spec: BatchSpec<O>,
  sent: {
    batch: O[];
    elements: Record<string, unknown>[];
    results: ElementOutcome[];
    intentId: number;
  },
): Promise<void> {
  const { batch, elements, results, intentId } = sent;
  let accepted = 0;
  const outcomes = emptyOutcomes();
  results.forEach((result, i) => {
    const op = batch[i]!;
    if (result.ok) {
      accepted++;
      rc.counts[spec.counted]++;
      const linkState = spec.linkState(op, result.element);
      const number = spec.xeroNumber?.(result.element);
      succeeded(outcomes, rc, op, result.xeroId, number, linkState, elements[i]);
    } else {
      rc.counts.rejected++;
      refused(outcomes, rc, op, result.messages, elements[i]);
    }
  });
  await recordOutcomes(rc, outcomes, { id: intentId, state: 'applied', outcome: { ok: accepted } });
  rc.observer.decided?.({ tenantId: rc.tenantId, kind: batch[0]!.kind, count: batch.length });
}

/**
 * A batch whose outcome is unknown but whose refused elements Xero named (batch-writer.ts
 * `partlyApplied`): their sync errors are recorded now; the rest are looked up.
 */
async function recordRefusedOfLostBatch<O extends Operation>(
  rc: RunContext,
  batch: O[],
  elements: Record<string, unknown>[],
  error: unknown,
): Promise<void> {
  if (!(error instanceof LedgerbridgeError) || error.code !== 'LB_XERO_OUTCOME_UNKNOWN') return;
  const refusedElements = (error.details.refused ?? []) as readonly RefusedElement[];
  if (refusedElements.length === 0) return;
  const outcomes = emptyOutcomes();
  for (const r of refusedElements) {
    rc.counts.rejected++;
    refused(outcomes, rc, batch[r.index]!, r.messages, elements[r.index]);
  }
  await recordOutcomes(rc, outcomes);
}

/**
 * A fault during a push. An unknown outcome is looked up at once (and again next run if Xero is
 * still away); a day limit or a lost connection stops this organisation's run, the rest carry on.
 */
async function handleFailure(
  rc: RunContext,
  intentId: number,
  error: unknown,
  size: number,
): Promise<void> {
  if (error instanceof LedgerbridgeError && error.code === 'LB_XERO_OUTCOME_UNKNOWN') {
    await settleIntent(rc.db, intentId, 'unknown', { error: error.message });
    rc.counts.unknown += size;
    await resolveIntent(rc, intentId).catch(() => undefined);
    return;
  }
  await settleIntent(rc.db, intentId, 'failed', {
    error: error instanceof Error ? error.message : String(error),
  });
  throw error;
}
