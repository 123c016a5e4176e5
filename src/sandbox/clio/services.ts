/**
 * The emulator's options, its remembered state and the parts every route and the control object
 * share, wired once per running emulator.
 *
 * State (firms with their records, apps, codes and tokens) can be saved to and loaded from a JSON
 * file with the Xero sandbox's tagged Map/bigint encoding (src/sandbox/xero/state.ts). Faults,
 * rate-limit windows, stats and webhook queues are not saved.
 *
 * @module
 */
import type { Clock } from '../../time/clock.js';
import type { ResolvedServerOptions, ServerOptions } from '../xero/options.js';
import { resolveServerOptions } from '../xero/services.js';
import { loadEmulatorState, saveEmulatorState } from '../emulator-kit/state-file.js';
import type { FaultConfig } from '../actionstep/traffic.js';
import { Faults, StatsRecorder } from '../actionstep/traffic.js';
import type { Firm } from './firm.js';
import { FirmBooks } from './firm.js';
import type { AuthState, OAuthSettings } from './oauth.js';
import { emptyAuthState } from './oauth.js';
import type { RateLimitSettings } from './rate-limit.js';
import { DEFAULT_RATE_LIMIT, TokenRateLimiter } from './rate-limit.js';
import type { Region } from './regions.js';
import { WebhookDispatcher } from './webhooks.js';

export interface NewFirm {
  name: string;
  /** Default 'us'. */
  region?: Region;
  /** ISO 4217 (default by region: USD, EUR, CAD, AUD). */
  currency?: string;
  /** Seed the law firm (control.seedLawFirm) when created at start. */
  seedLawFirm?: boolean;
}

/**
 * port (default 0), host (127.0.0.1), clock, stateFile, controlToken as the Xero sandbox's; then
 * the emulator's own.
 */
export interface ClioEmulatorOptions extends ServerOptions {
  /** Default 2,592,000 (30 days, Clio's FAQ). */
  accessTokenLifetimeSeconds?: number;
  /** Default 600 (not published; RFC 6749 §4.1.2 recommends at most 10 minutes). */
  authorizationCodeLifetimeSeconds?: number;
  /** Default on, 50 a minute per token (api-docs/rate-limits). */
  rateLimit?: Partial<RateLimitSettings>;
  faults?: FaultConfig;
  /** Created at start when the state has no firm. */
  firms?: NewFirm[];
}

export interface EmulatorState {
  firms: Map<number, Firm>;
  auth: AuthState;
}

export interface EmulatorServices {
  options: ResolvedServerOptions & { firms: NewFirm[] };
  clock: Clock;
  state: EmulatorState;
  faults: Faults;
  limiter: TokenRateLimiter;
  stats: StatsRecorder;
  webhooks: WebhookDispatcher;
  oauth: OAuthSettings;
  /** http://127.0.0.1:<port>, once listening. */
  baseUrl: string;
  books(firmId: number): FirmBooks | undefined;
  /** Waits on the clock; cut short when the emulator stops. */
  sleep(ms: number): Promise<void>;
  shutdown(): void;
}

function oauthSettings(
  options: ClioEmulatorOptions,
  clock: Clock,
  state: EmulatorState,
): OAuthSettings {
  return {
    clock,
    accessTokenTtlMs: (options.accessTokenLifetimeSeconds ?? 2_592_000) * 1000,
    codeTtlMs: (options.authorizationCodeLifetimeSeconds ?? 600) * 1000,
    loginFirm: (region, requested) => {
      const firms = [...state.firms.values()].filter((f) => f.region === region);
      if (requested === null) return firms[0]?.id;
      return firms.find((f) => String(f.id) === requested)?.id;
    },
  };
}

export function createServices(
  options: ClioEmulatorOptions,
  state: EmulatorState,
): EmulatorServices {
  const resolved = { ...resolveServerOptions(options), firms: options.firms ?? [] };
  const clock = resolved.clock;
  const lifetime = new AbortController();
  const cache = new Map<number, FirmBooks>();
  const booksOf = (firm: Firm): FirmBooks => {
    const cached = cache.get(firm.id);
    if (cached?.firm === firm) return cached;
    const fresh = new FirmBooks(firm, clock, (f, r, k, row) => webhooks.onChange(f, r, k, row));
    cache.set(firm.id, fresh);
    return fresh;
  };
  const webhooks = new WebhookDispatcher(clock, booksOf);
  const faults = new Faults();
  faults.set(options.faults);
  return {
    options: resolved,
    clock,
    state,
    faults,
    limiter: new TokenRateLimiter(clock, { ...DEFAULT_RATE_LIMIT, ...options.rateLimit }),
    stats: new StatsRecorder(() => webhooks.counts),
    webhooks,
    oauth: oauthSettings(options, clock, state),
    baseUrl: '',
    books: (firmId) => {
      const firm = state.firms.get(firmId);
      return firm ? booksOf(firm) : undefined;
    },
    sleep: (ms) =>
      lifetime.signal.aborted
        ? Promise.resolve()
        : clock.sleep(ms, lifetime.signal).catch(() => undefined),
    shutdown: () => lifetime.abort(),
  };
}

const FORMAT = 'ledgerbridge-clio-emulator/1';

export function emptyState(): EmulatorState {
  return { firms: new Map(), auth: emptyAuthState() };
}

export async function saveStateFile(path: string, state: EmulatorState): Promise<void> {
  await saveEmulatorState(path, FORMAT, state);
}

/** The saved state, or undefined when the file does not exist. */
export async function loadStateFile(path: string): Promise<EmulatorState | undefined> {
  const saved = await loadEmulatorState<EmulatorState>(path, FORMAT);
  return saved && { firms: saved.firms, auth: { ...emptyAuthState(), ...saved.auth } };
}
