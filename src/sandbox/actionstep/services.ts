/**
 * The emulator's options, its remembered state and the parts every route and the control object
 * share, wired once per running emulator.
 *
 * State (organisations with their records, apps, codes and tokens) can be saved to and loaded
 * from a JSON file, written with the Xero sandbox's tagged Map/bigint encoding
 * (src/sandbox/xero/state.ts). Faults, rate-limit windows, stats and webhook queues are not saved.
 *
 * @module
 */
import type { Clock } from '../../time/clock.js';
import type { ResolvedServerOptions, ServerOptions } from '../xero/options.js';
import { resolveServerOptions } from '../xero/services.js';
import { loadEmulatorState, saveEmulatorState } from '../emulator-kit/state-file.js';
import type { Organisation } from './books.js';
import { Books } from './books.js';
import type { AuthState, OAuthSettings } from './oauth.js';
import { emptyAuthState } from './oauth.js';
import type { ReadOptions } from './read.js';
import type { FaultConfig, RateLimitSettings } from './traffic.js';
import { DEFAULT_RATE_LIMIT, Faults, StatsRecorder, TokenRateLimiter } from './traffic.js';
import { RestHookDispatcher } from './webhooks.js';

export interface NewOrganisation {
  name: string;
  /** Lower-case letters and digits; derived from the name when absent. */
  orgkey?: string;
  /** Offset from UTC its timestamps are shown at (default +600, AEST). */
  utcOffsetMinutes?: number;
  currency?: string;
  /** Seed the two-division law firm (control.seedLawFirm) when created at start. */
  seedLawFirm?: boolean;
}

/**
 * port (default 0), host (127.0.0.1), clock (every timestamp, token lifetime, rate-limit window,
 * Retry-After and fault hold reads it), stateFile, controlToken (default random) as the Xero
 * sandbox's; then the emulator's own.
 */
export interface ActionstepEmulatorOptions extends ServerOptions, Partial<ReadOptions> {
  /** Default 3600: "Access Tokens have a 60 minute lifespan" (legacy Authorization page). */
  accessTokenLifetimeSeconds?: number;
  /** Default 21 days (same page). */
  refreshTokenLifetimeSeconds?: number;
  /** Default 600 (not published; RFC 6749 §4.1.2 recommends at most 10 minutes). */
  authorizationCodeLifetimeSeconds?: number;
  /** Off by default: Actionstep publishes no numbers. */
  rateLimit?: Partial<RateLimitSettings>;
  faults?: FaultConfig;
  /** Serve the undocumented accounting resources (default true). */
  extensions?: boolean;
  /** Refuse requests without Actionstep's media type (default true); see rest-routes.ts. */
  strictMediaTypes?: boolean;
  /** Created at start when the state has no organisation. */
  organisations?: NewOrganisation[];
}

export interface ResolvedOptions extends ResolvedServerOptions, ReadOptions {
  extensions: boolean;
  strictMediaTypes: boolean;
  organisations: NewOrganisation[];
}

export interface EmulatorState {
  orgs: Map<string, Organisation>;
  auth: AuthState;
}

export interface EmulatorServices {
  options: ResolvedOptions;
  clock: Clock;
  state: EmulatorState;
  faults: Faults;
  limiter: TokenRateLimiter;
  stats: StatsRecorder;
  webhooks: RestHookDispatcher;
  oauth: OAuthSettings;
  /** http://127.0.0.1:<port>, once listening. */
  baseUrl: string;
  /** `<baseUrl>/orgs/<orgkey>/api/` — the api_endpoint the token answer names. */
  apiEndpoint(orgkey: string): string;
  books(orgkey: string): Books | undefined;
  /** Waits on the clock; cut short when the emulator stops. */
  sleep(ms: number): Promise<void>;
  shutdown(): void;
}

export function resolveOptions(options: ActionstepEmulatorOptions): ResolvedOptions {
  return {
    ...resolveServerOptions(options),
    extensions: options.extensions ?? true,
    strictMediaTypes: options.strictMediaTypes ?? true,
    singleRecordPagesAsObject: options.singleRecordPagesAsObject ?? true,
    emptyCollectionsAs204: options.emptyCollectionsAs204 ?? true,
    organisations: options.organisations ?? [],
  };
}

function oauthSettings(
  options: ActionstepEmulatorOptions,
  clock: Clock,
  services: () => EmulatorServices,
): OAuthSettings {
  return {
    clock,
    accessTokenTtlMs: (options.accessTokenLifetimeSeconds ?? 3600) * 1000,
    refreshTokenTtlMs: (options.refreshTokenLifetimeSeconds ?? 21 * 86_400) * 1000,
    codeTtlMs: (options.authorizationCodeLifetimeSeconds ?? 600) * 1000,
    apiEndpoint: (orgkey) => services().apiEndpoint(orgkey),
    hasOrganisation: (orgkey) => services().state.orgs.has(orgkey),
  };
}

export function createServices(
  options: ActionstepEmulatorOptions,
  state: EmulatorState,
): EmulatorServices {
  const resolved = resolveOptions(options);
  const clock = resolved.clock;
  const lifetime = new AbortController();
  const webhooks = new RestHookDispatcher(clock);
  const books = new Map<string, Books>();
  const faults = new Faults();
  faults.set(options.faults);
  const services: EmulatorServices = {
    options: resolved,
    clock,
    state,
    faults,
    limiter: new TokenRateLimiter(clock, { ...DEFAULT_RATE_LIMIT, ...options.rateLimit }),
    stats: new StatsRecorder(() => webhooks.counts),
    webhooks,
    oauth: oauthSettings(options, clock, () => services),
    baseUrl: '',
    apiEndpoint: (orgkey) => `${services.baseUrl}/orgs/${orgkey}/api/`,
    books: (orgkey) => {
      const org = state.orgs.get(orgkey);
      if (!org) return undefined;
      const cached = books.get(orgkey);
      if (cached?.org === org) return cached;
      const fresh = new Books(org, clock, (o, d, k, r) => webhooks.onChange(o, d, k, r));
      books.set(orgkey, fresh);
      return fresh;
    },
    sleep: (ms) =>
      lifetime.signal.aborted
        ? Promise.resolve()
        : clock.sleep(ms, lifetime.signal).catch(() => undefined),
    shutdown: () => lifetime.abort(),
  };
  return services;
}

const FORMAT = 'ledgerbridge-actionstep-emulator/1';

export function emptyState(): EmulatorState {
  return { orgs: new Map(), auth: emptyAuthState() };
}

export async function saveStateFile(path: string, state: EmulatorState): Promise<void> {
  await saveEmulatorState(path, FORMAT, state);
}

/** The saved state, or undefined when the file does not exist. */
export async function loadStateFile(path: string): Promise<EmulatorState | undefined> {
  const saved = await loadEmulatorState<EmulatorState>(path, FORMAT);
  return saved && { orgs: saved.orgs, auth: { ...emptyAuthState(), ...saved.auth } };
}
