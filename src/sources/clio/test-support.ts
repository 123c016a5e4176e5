/**
 * A firm in the Clio emulator connected to a fresh store through the connector's own OAuth flow
 * (authorize with PKCE, the redirect's code, the token exchange), for the contract tests: the real
 * connector over real HTTP, pulled by the real runner.
 *
 * @module
 */
import { freshDatabase, type FreshDatabase } from '../../../test/support/backends.js';
import { startClioEmulator, type ClioEmulator } from '../../sandbox/clio/index.js';
import type { ClioEmulatorOptions } from '../../sandbox/clio/services.js';
import type { LawFirmSeed } from '../../sandbox/clio/seed.js';
import type { Clock } from '../../time/clock.js';
import type { Backend, Database } from '../../store/database.js';
import { ensureSource, type SourceRow } from '../../store/sources-repo.js';
import { deriveSealingKey, type SealingKey } from '../../xero/token-crypto.js';
import { makeAuthorisationSecrets } from '../../xero/identity-client.js';
import { openCredentials, storeCredentials } from '../credentials.js';
import { pullSource } from '../pull/pull-source.js';
import type { PullOptions, PullReport } from '../pull/run-pull.js';
import { clioAuthorizeUrl, clioSource, exchangeClioCode, type ClioCredentials } from './index.js';
import type { ClioRegion } from './regions.js';

export const KEY: SealingKey = deriveSealingKey('clio-contract-tests-secret-key-000001');
export const SOURCE = 'firm';
export const FIRM = 1001;
const REDIRECT = 'http://127.0.0.1:5007/callback';

/**
 * Every list a first pull of a firm reads — hard costs (the seed's fit one page) and trust
 * accounts (none in the seed: no transactions read) included — each at least one request.
 */
const FIRST_PULL_LISTS = [
  'currencies',
  'activity_descriptions',
  'expense_categories',
  'contacts',
  'line_items',
  'bills',
  'allocations',
  'credit_memos',
  'activities',
  'bank_accounts',
] as const;

/** The fewest requests a first pull of the firm can make: its lists in pages of 200. */
export function minimumFirstPullRequests(emulator: ClioEmulator): number {
  return FIRST_PULL_LISTS.reduce(
    (n, list) => n + Math.max(1, Math.ceil(emulator.control.list(FIRM, list).length / 200)),
    0,
  );
}

export interface FirmWorld {
  readonly db: Database;
  /** The PostgreSQL database's URL (unset on PGlite), for a queue beside the store. */
  readonly url?: string;
  readonly emulator: ClioEmulator;
  readonly source: SourceRow;
  readonly baseUrl: string;
  readonly seed: LawFirmSeed | undefined;
  pull(o?: {
    full?: boolean;
    onPage?: PullOptions['onPage'];
    /** Documents a transaction stores at most (run-pull.ts); 1 stores each page alone. */
    batchDocuments?: number;
    rateLimitPerMinute?: number;
    clock?: Clock;
    fetch?: typeof fetch;
  }): Promise<PullReport>;
  credentials(): Promise<ClioCredentials>;
  documents(kind?: string): Promise<Row[]>;
  dispose(): Promise<void>;
}

export interface Row {
  kind: string;
  source_id: string;
  deleted: boolean;
  content: Record<string, unknown>;
}

/** Consent through the emulator: the authorize redirect's code exchanged with the verifier. */
export async function connectFirm(
  emulator: ClioEmulator,
  region: ClioRegion,
  baseUrl: string,
): Promise<ClioCredentials> {
  const app = emulator.control.registerApp({ redirectUris: [REDIRECT] });
  const clio = { clientId: app.clientId, clientSecret: app.clientSecret, baseUrl };
  const secrets = makeAuthorisationSecrets();
  const url = clioAuthorizeUrl(clio, region, { redirectUri: REDIRECT, ...secrets });
  const redirect = await fetch(url, { redirect: 'manual' });
  const back = new URL(redirect.headers.get('location') ?? 'http://invalid/');
  if (back.searchParams.get('state') !== secrets.state) throw new Error('state not echoed');
  const code = back.searchParams.get('code') ?? '';
  return exchangeClioCode(clio, region, { code, redirectUri: REDIRECT, ...secrets }, Date.now());
}

export async function firmWorld(
  backend: Backend,
  options: ClioEmulatorOptions = {},
  region: ClioRegion = 'us',
  seeded = true,
): Promise<FirmWorld> {
  const fresh: FreshDatabase = await freshDatabase(backend);
  const emulator = await startClioEmulator({
    rateLimit: { enabled: false },
    firms: [{ name: 'Harbour Law', region }],
    ...options,
  });
  const baseUrl = emulator.url;
  const seed = seeded ? emulator.control.seedLawFirm(FIRM) : undefined;
  const source = await ensureSource(fresh.db, SOURCE, 'clio');
  await storeCredentials(fresh.db, KEY, SOURCE, await connectFirm(emulator, region, baseUrl), {});
  const credentials = async () =>
    clioSource.parseCredentials(await openCredentials(fresh.db, KEY, SOURCE));
  return {
    db: fresh.db,
    ...(fresh.url && { url: fresh.url }),
    emulator,
    source,
    baseUrl,
    seed,
    credentials,
    pull: (o = {}) =>
      pullSource({
        db: fresh.db,
        key: KEY,
        source,
        definition: clioSource,
        options: {
          baseUrl,
          overlapMs: 5 * 60_000,
          retryDelaysMs: [5, 5],
          ...(o.fetch ? { fetch: o.fetch } : {}),
          saveCredentials: (c) => storeCredentials(fresh.db, KEY, SOURCE, c, {}),
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
        `SELECT kind, source_id, deleted_at IS NOT NULL AS deleted, content FROM documents
         WHERE source = $1 AND ($2::text IS NULL OR kind = $2) ORDER BY kind, source_id`,
        [SOURCE, kind ?? null],
      ),
    dispose: async () => {
      await emulator.stop();
      await fresh.dispose();
    },
  };
}

/** A fetch that rewrites the text of answers whose path ends with `path` (bad input from Clio). */
export function rewriting(path: string, edit: (text: string) => string): typeof fetch {
  return async (input, init) => {
    const answer = await fetch(input, init);
    const url = input instanceof Request ? input.url : String(input);
    if (!new URL(url).pathname.endsWith(path)) return answer;
    const headers = new Headers(answer.headers);
    headers.delete('content-length');
    return new Response(edit(await answer.text()), { status: answer.status, headers });
  };
}
