/**
 * The emulator's options and the parts its routes and control share: the clinic, the clock,
 * faults (the Actionstep emulator's seeded faults, src/sandbox/actionstep/traffic.ts), the
 * per-user rate limit and the counters.
 *
 * @module
 */
import type { Clock } from '../../time/clock.js';
import type { FaultConfig, RateLimitSettings } from '../actionstep/traffic.js';
import { Faults, StatsRecorder, TokenRateLimiter } from '../actionstep/traffic.js';
import type { ResolvedServerOptions, ServerOptions } from '../xero/options.js';
import { resolveServerOptions } from '../xero/services.js';
import { ClinicTables, emptyClinic, type ClinicState } from './state.js';

/**
 * "200 requests per minute per user" (Cliniko API readme, reference/pms-apis.md §1.2): on by
 * default, as on Cliniko; `enabled: false` for throughput benchmarks.
 */
export const CLINIKO_RATE_LIMIT: RateLimitSettings = {
  enabled: true,
  limit: 200,
  windowSeconds: 60,
};

export interface ClinikoEmulatorOptions extends ServerOptions {
  /** The shard this emulator plays (default au1): keys ending in another shard are refused. */
  shard?: string;
  rateLimit?: Partial<RateLimitSettings>;
  faults?: FaultConfig;
  /** Seed the demo clinic at start (control.seedClinic). */
  seedClinic?: boolean;
}

export interface ClinikoServices {
  options: ResolvedServerOptions;
  clock: Clock;
  state: ClinicState;
  tables: ClinicTables;
  faults: Faults;
  limiter: TokenRateLimiter;
  stats: StatsRecorder;
  /** http://127.0.0.1:<port>, once listening; the API is at `${baseUrl}/v1`. */
  baseUrl: string;
}

export function createServices(options: ClinikoEmulatorOptions): ClinikoServices {
  const resolved = resolveServerOptions(options);
  const state = emptyClinic(options.shard ?? 'au1');
  const faults = new Faults();
  faults.set(options.faults);
  return {
    options: resolved,
    clock: resolved.clock,
    state,
    tables: new ClinicTables(state, resolved.clock),
    faults,
    limiter: new TokenRateLimiter(resolved.clock, { ...CLINIKO_RATE_LIMIT, ...options.rateLimit }),
    stats: new StatsRecorder(() => ({ delivered: 0, failed: 0 })),
    baseUrl: '',
  };
}
