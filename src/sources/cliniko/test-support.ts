/**
 * A clinic in the Cliniko emulator connected to a fresh store, for the connector's contract
 * tests: the real connector over real HTTP, pulled by the real runner.
 *
 * @module
 */
import { freshDatabase, type FreshDatabase } from '../../../test/support/backends.js';
import { startClinikoEmulator, type ClinikoEmulator } from '../../sandbox/cliniko/index.js';
import type { ClinikoEmulatorOptions } from '../../sandbox/cliniko/services.js';
import type { Backend, Database } from '../../store/database.js';
import { ensureSource, type SourceRow } from '../../store/sources-repo.js';
import type { Clock } from '../../time/clock.js';
import { deriveSealingKey } from '../../xero/token-crypto.js';
import { storeCredentials } from '../credentials.js';
import { pullSource } from '../pull/pull-source.js';
import type { PullOptions, PullReport } from '../pull/run-pull.js';
import { clinikoSource } from './index.js';

export const KEY = deriveSealingKey('cliniko-contract-tests-secret-key-0001');
export const SOURCE = 'clinic';

export interface ClinicWorld {
  readonly db: Database;
  readonly emulator: ClinikoEmulator;
  readonly apiKey: string;
  readonly source: SourceRow;
  pull(o?: {
    full?: boolean;
    onPage?: PullOptions['onPage'];
    /** Documents a transaction stores at most (run-pull.ts); 1 stores each page alone. */
    batchDocuments?: number;
    rateLimitPerMinute?: number;
    clock?: Clock;
  }): Promise<PullReport>;
  documents(kind?: string): Promise<Row[]>;
  dispose(): Promise<void>;
}

export interface Row {
  kind: string;
  source_id: string;
  entity: string;
  deleted: boolean;
  content: Record<string, unknown>;
}

export async function clinicWorld(
  backend: Backend,
  options: ClinikoEmulatorOptions = {},
): Promise<ClinicWorld> {
  const fresh: FreshDatabase = await freshDatabase(backend);
  const emulator = await startClinikoEmulator({
    seedClinic: true,
    rateLimit: { enabled: false },
    ...options,
  });
  const apiKey = emulator.control.addApiKey();
  const source = await ensureSource(fresh.db, SOURCE, 'cliniko');
  await storeCredentials(fresh.db, KEY, SOURCE, { apiKey }, {});
  return {
    db: fresh.db,
    emulator,
    apiKey,
    source,
    pull: (o = {}) =>
      pullSource({
        db: fresh.db,
        key: KEY,
        source,
        definition: clinikoSource,
        options: {
          baseUrl: emulator.apiUrl,
          contactEmail: 'tests@example.com',
          overlapMs: 5 * 60_000,
          retryDelaysMs: [5, 5],
          ...(o.rateLimitPerMinute === undefined
            ? {}
            : { rateLimitPerMinute: o.rateLimitPerMinute }),
        },
        ...(o.full ? { full: true } : {}),
        ...(o.onPage ? { onPage: o.onPage } : {}),
        ...(o.batchDocuments ? { batchDocuments: o.batchDocuments } : {}),
        ...(o.clock ? { clock: o.clock } : {}),
      }),
    documents: (kind) =>
      fresh.db.query<Row>(
        `SELECT kind, source_id, entity, deleted_at IS NOT NULL AS deleted, content FROM documents
         WHERE source = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY kind, source_id`,
        [SOURCE, kind ?? null],
      ),
    dispose: async () => {
      await emulator.stop();
      await fresh.dispose();
    },
  };
}
