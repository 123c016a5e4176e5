/** Shared bench plumbing: a connected sandbox organisation over a store, and peak-RSS sampling. */
import { readFileSync } from 'node:fs';
import {
  startXeroSandbox,
  type XeroSandbox,
  type XeroSandboxOptions,
} from '../src/sandbox/xero/index.js';
import type { Database } from '../src/store/database.js';
import { systemClock, type Clock } from '../src/time/clock.js';
import { makeXeroApi, type XeroApi } from '../src/xero/api-client.js';
import { XERO_LIMITS, type BudgetLimits } from '../src/xero/budget.js';
import { makeSharedBudget } from '../src/xero/budget-store.js';
import { tokenSetFor } from '../src/xero/connect.js';
import { deriveSealingKey } from '../src/xero/token-crypto.js';
import { makeTokenManager } from '../src/xero/token-manager.js';
import { connectThroughConsent, REDIRECT_URI, TEST_SECRET } from '../test/support/xero-world.js';

export interface BenchOrg {
  sandbox: XeroSandbox;
  api: XeroApi;
  tenantId: string;
}

export async function connectedOrg(
  db: Database,
  options: { clock?: Clock; sandbox?: XeroSandboxOptions; limits?: BudgetLimits } = {},
): Promise<BenchOrg> {
  const clock = options.clock ?? systemClock;
  const sandbox = await startXeroSandbox({
    clock,
    organisations: [{ name: 'Bench Practice', region: 'AU' }],
    ...options.sandbox,
  });
  const app = sandbox.control.registerClient({ redirectUris: [REDIRECT_URI] });
  const endpoints = { apiUrl: sandbox.url, identityUrl: sandbox.url, loginUrl: sandbox.url };
  const deps = { db, key: deriveSealingKey(TEST_SECRET), endpoints, app, clock };
  const [org] = await connectThroughConsent(deps);
  const api = makeXeroApi({
    endpoints,
    tokens: makeTokenManager(deps),
    budget: makeSharedBudget(db, clock, () => options.limits ?? XERO_LIMITS),
    clock,
    tokenSetFor: (t) => tokenSetFor(db, t),
  });
  return { sandbox, api, tenantId: org!.tenantId };
}

/** Peak resident memory of this process so far (VmHWM), in MB. */
export function peakRssMb(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : process.memoryUsage().rss / 1_048_576;
}

/** Samples RSS every 50 ms while `work` runs; returns the highest seen (MB). */
export async function sampleRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const result = await work();
    return { result, peakMb: Math.max(peak, process.memoryUsage().rss) / 1_048_576 };
  } finally {
    clearInterval(timer);
  }
}

/** Limits off on both sides, for benches that count calls rather than time against the limits. */
export const LIMITS_OFF = {
  sandbox: { limits: { enabled: false } },
  limits: {
    perMinute: 1e6,
    concurrent: 5,
    perDay: 1e9,
    appPerMinute: 1e9,
    leaseMs: 120_000,
    windowMarginMs: 0,
  },
} as const;

/** Write calls the sandbox has answered so far (sign-in and token calls left out), per endpoint. */
export function writeCallsByEndpoint(sandbox: XeroSandbox): Array<readonly [string, number]> {
  return Object.entries(sandbox.control.stats().byEndpoint)
    .filter(([e]) => /^(PUT|POST|DELETE) \/(?!connect)/.test(e))
    .map(([e, s]) => [e, Object.values(s).reduce((a, b) => a + b, 0)] as const);
}

export const writeCalls = (sandbox: XeroSandbox): number =>
  writeCallsByEndpoint(sandbox).reduce((n, [, calls]) => n + calls, 0);
