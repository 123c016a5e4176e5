/**
 * For the connector's contract tests: the Actionstep emulator on a manual clock with the seeded
 * law firm, an app registered for a free loopback port, the real consent flow (the "browser"
 * follows the consent page's redirect to the loopback callback), and pulls through the real
 * pull path (pullSource) with credentials rotated back into the store.
 *
 * @module
 */
import { afterEach } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../../../test/support/backends.js';
import { followConsent, freePort } from '../../demo/headless-consent.js';
import type { Backend, Database } from '../../store/database.js';
import { ensureSource } from '../../store/sources-repo.js';
import { makeManualClock, type Clock, type ManualClock } from '../../time/clock.js';
import { deriveSealingKey } from '../../xero/token-crypto.js';
import { startActionstepEmulator } from '../../sandbox/actionstep/index.js';
import type { ActionstepEmulator, LawFirmSeed } from '../../sandbox/actionstep/index.js';
import { storeCredentials } from '../credentials.js';
import { pullSource } from '../pull/pull-source.js';
import type { PullReport } from '../pull/run-pull.js';
import { connectActionstep } from './connect.js';
import { actionstepSource } from './definition.js';

export const SOURCE = 'harbour';
export const ORG = 'harbourlaw';
export const key = deriveSealingKey('a-test-secret-that-is-long-enough-0001');

/**
 * A fresh store and firm per test on `backend`, both stopped after it (registers the afterEach):
 * call the result inside a test; `connected` also connects through the consent flow.
 */
export function firmPerTest(
  backend: Backend,
): (connected?: boolean) => Promise<{ db: Database; firm: Firm }> {
  let fresh: FreshDatabase | undefined;
  let firm: Firm | undefined;
  afterEach(async () => {
    await firm?.emulator.stop();
    await fresh?.dispose();
    firm = fresh = undefined;
  });
  return async (connected = false) => {
    fresh = await freshDatabase(backend);
    firm = await startFirm();
    if (connected) await connect(fresh.db, firm);
    return { db: fresh.db, firm };
  };
}

export interface Firm {
  emulator: ActionstepEmulator;
  clock: ManualClock;
  seed: LawFirmSeed;
  redirectUri: string;
  clientId: string;
  clientSecret: string;
}

export async function startFirm(): Promise<Firm> {
  const clock = makeManualClock(Date.parse('2026-12-01T00:00:00Z'));
  const emulator = await startActionstepEmulator({
    clock,
    organisations: [{ name: 'Harbour Law', orgkey: ORG }],
  });
  const seed = emulator.control.seedLawFirm(ORG);
  const redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
  const app = emulator.control.registerApp({ redirectUris: [redirectUri] });
  return { emulator, clock, seed, redirectUri, ...app };
}

/** Connects through the consent page, as a user's browser would follow it. */
export async function connect(db: Database, firm: Firm) {
  return connectActionstep({
    db,
    key,
    source: SOURCE,
    app: {
      authorizeUrl: firm.emulator.urls.authorize,
      tokenUrl: firm.emulator.urls.token,
      clientId: firm.clientId,
      clientSecret: firm.clientSecret,
    },
    redirectUri: firm.redirectUri,
    showConsentPage: (url) => void followConsent(url),
    timeoutMs: 10_000,
  });
}

export { followConsent, freePort };

/** A clock whose sleeps end at once (429 waits and 5xx backoff without waiting in tests). */
export function instantClock(): Clock {
  const clock = makeManualClock(Date.now());
  return {
    now: () => clock.now(),
    sleep: (ms: number) => {
      clock.advance(ms);
      return Promise.resolve();
    },
  };
}

export interface PullOptions {
  fetch?: typeof fetch;
  full?: boolean;
  overlapMs?: number;
}

export async function pull(db: Database, o: PullOptions = {}): Promise<PullReport> {
  const source = await ensureSource(db, SOURCE, 'actionstep');
  return pullSource({
    db,
    key,
    source,
    definition: actionstepSource,
    clock: instantClock(),
    ...(o.full ? { full: true } : {}),
    options: {
      overlapMs: o.overlapMs ?? 5 * 60_000,
      rateLimitPerMinute: Infinity,
      ...(o.fetch ? { fetch: o.fetch } : {}),
      saveCredentials: (credentials) =>
        storeCredentials(db, key, SOURCE, credentials, { label: 'Actionstep harbourlaw' }),
    },
  });
}

export async function documents(db: Database, kind: string) {
  const rows = await db.query<{
    source_id: string;
    content: Record<string, unknown>;
    deleted: boolean;
  }>(
    `SELECT source_id, content, deleted_at IS NOT NULL AS deleted FROM documents
     WHERE source = $1 AND kind = $2 ORDER BY source_id`,
    [SOURCE, kind],
  );
  return new Map(
    rows.map((r): [string, Record<string, unknown>] => [
      r.source_id,
      { ...r.content, deleted: r.deleted },
    ]),
  );
}

export type Rewrite = (resource: string, body: Record<string, unknown>) => void;

/** Real HTTP to the emulator, with `before` run ahead of each API call and `rewrite` on answers. */
export function through(o: {
  before?: (resource: string, n: number) => Response | void;
  rewrite?: Rewrite;
}) {
  let n = 0;
  const wrapped: typeof fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const resource = /\/rest\/([a-z]+)/.exec(url.pathname)?.[1];
    if (resource === undefined) return fetch(input, init);
    const early = o.before?.(resource, ++n);
    if (early) return early;
    const response = await fetch(input, init);
    if (!o.rewrite || response.status !== 200) return response;
    const body = (await response.json()) as Record<string, unknown>;
    o.rewrite(resource, body);
    return new Response(JSON.stringify(body), { status: 200, headers: response.headers });
  };
  return wrapped;
}
