/**
 * The options of `startXeroSandbox` and their defaults.
 *
 * @module
 */
import type { Clock } from '../../time/clock.js';
import type { NewOrganisation } from './accounting/organisation.js';
import type { FaultConfig } from './faults.js';
import type { LimitSettings } from './limits.js';

/** One request and its answer, as seen by `onExchange` (the conformance tests record these). */
export interface Exchange {
  method: string;
  /** Path and query, e.g. `/api.xro/2.0/Invoices?summarizeErrors=false`. */
  path: string;
  /** Endpoint key, e.g. `PUT /Invoices`, `POST /connect/token`. */
  endpoint: string;
  requestBody: string;
  status: number | 'dropped';
  responseBody: string;
  contentType: string | null;
}

/** The options every local emulator takes (this sandbox and the Actionstep emulator). */
export interface ServerOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** The clock every window is measured on (default: the system clock). */
  clock?: Clock;
  /** Load the state from this JSON file at start (if it exists) and save it there on stop. */
  stateFile?: string;
  /** Token for the /sandbox control routes (default: random, see the handle's controlToken). */
  controlToken?: string;
}

export interface ResolvedServerOptions {
  port: number;
  host: string;
  clock: Clock;
  stateFile?: string;
  controlToken: string;
}

export interface XeroSandboxOptions extends ServerOptions {
  /** Access-token lifetime in clock seconds (default 1800, reference §12). */
  accessTokenLifetimeSeconds?: number;
  /** Rate limits; `enabled: false` switches them off for throughput benchmarks. */
  limits?: Partial<LimitSettings>;
  /** Faults from the first call (can be changed at run time through the control surface). */
  faults?: FaultConfig;
  /** Seed for the intent-to-receive order of good and bad signatures (default 1). */
  webhookSeed?: number;
  /** Extra time every API call takes, in clock ms (default 0), so calls overlap as on Xero. */
  latencyMs?: number;
  /** Organisations to create at start when the state has none. */
  organisations?: NewOrganisation[];
  /** Called with every request and answer outside /sandbox (tests use it to check conformance). */
  onExchange?: (exchange: Exchange) => void;
}

export interface ResolvedOptions extends ResolvedServerOptions {
  accessTokenTtlMs: number;
  limits: LimitSettings;
  faults?: FaultConfig;
  webhookSeed: number;
  latencyMs: number;
  organisations: NewOrganisation[];
  onExchange?: (exchange: Exchange) => void;
}
