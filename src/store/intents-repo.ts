/**
 * Intents: written (and committed) before each push, so a push interrupted by a crash or an
 * ambiguous failure is resolved by looking the documents up in Xero — never repeated blindly.
 *
 * States: pending (written, outcome not recorded) → applied | failed (outcome known) →
 * or unknown (Xero's answer was lost) → resolved (looked up afterwards).
 *
 * @module
 */
import type { Queryable } from './database.js';

export type IntentState = 'pending' | 'applied' | 'failed' | 'unknown' | 'resolved';

export interface IntentDocument {
  readonly source: string;
  readonly kind: string;
  readonly sourceId: string;
  readonly version: string;
  /** How to find it in Xero afterwards: the number, reference or contact number we sent. */
  readonly lookup: Readonly<Record<string, string>>;
}

export interface Intent {
  readonly id: number;
  readonly tenantId: string;
  readonly operation: string;
  readonly idempotencyKey: string;
  readonly documents: readonly IntentDocument[];
  readonly payloadHash: string;
  readonly state: IntentState;
}

export async function writeIntent(
  db: Queryable,
  intent: Omit<Intent, 'id' | 'state'> & { runId?: number },
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO intents (run_id, tenant_id, operation, idempotency_key, documents, payload_hash) VALUES ($1, $2, $3, $4, $5::jsonb, $6)
     ON CONFLICT (tenant_id, idempotency_key) DO UPDATE SET state = 'pending', updated_at = now()
     RETURNING id`,
    [
      intent.runId ?? null,
      intent.tenantId,
      intent.operation,
      intent.idempotencyKey,
      JSON.stringify(intent.documents),
      intent.payloadHash,
    ],
  );
  return row!.id;
}

export async function settleIntent(
  db: Queryable,
  id: number,
  state: Exclude<IntentState, 'pending'>,
  outcome?: unknown,
): Promise<void> {
  await db.query(
    'UPDATE intents SET state = $2, outcome = $3::jsonb, updated_at = now() WHERE id = $1',
    [id, state, JSON.stringify(outcome ?? null)],
  );
}

/** Whether an organisation has an intent whose outcome nobody recorded (one probe of intents_open). */
export async function hasOpenIntents(db: Queryable, tenantId: string): Promise<boolean> {
  const rows = await db.query(
    "SELECT 1 FROM intents WHERE tenant_id = $1 AND state IN ('pending', 'unknown') LIMIT 1",
    [tenantId],
  );
  return rows.length > 0;
}

/** Intents whose outcome nobody recorded: a crash, or Xero's answer lost. */
export async function openIntents(db: Queryable, tenantId: string): Promise<Intent[]> {
  const rows = await db.query<{
    id: number;
    tenant_id: string;
    operation: string;
    idempotency_key: string;
    documents: IntentDocument[];
    payload_hash: string;
    state: IntentState;
  }>("SELECT * FROM intents WHERE tenant_id = $1 AND state IN ('pending', 'unknown') ORDER BY id", [
    tenantId,
  ]);
  return rows.map((r) => ({
    id: r.id,
    tenantId: r.tenant_id,
    operation: r.operation,
    idempotencyKey: r.idempotency_key,
    documents: r.documents,
    payloadHash: r.payload_hash,
    state: r.state,
  }));
}

/**
 * How many earlier pushes of these exact versions were settled (applied, failed, or resolved by
 * lookup): part of the next Idempotency-Key. An open intent (a crash, a lost answer) is not
 * counted, so its retry carries the same key and Xero replays instead of acting twice; but a
 * document pushed again on purpose — a payment re-applied after the safe path removed it — or
 * retried after Xero cached an error for the old key gets a fresh key, not the old answer.
 */
export async function attemptGeneration(
  db: Queryable,
  tenantId: string,
  operation: string,
  firstDocument: IntentDocument,
): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM intents WHERE tenant_id = $1 AND operation = $2 AND state IN ('applied', 'failed', 'resolved')
       AND documents @> $3::jsonb`,
    [
      tenantId,
      operation,
      JSON.stringify([
        {
          source: firstDocument.source,
          kind: firstDocument.kind,
          sourceId: firstDocument.sourceId,
          version: firstDocument.version,
        },
      ]),
    ],
  );
  return row?.n ?? 0;
}
