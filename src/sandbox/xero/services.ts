/**
 * The sandbox's parts, wired once per running sandbox and shared by the HTTP routes and the
 * in-process control API.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { systemClock } from '../../time/clock.js';
import type { Clock } from '../../time/clock.js';
import type { ChangeEvent } from './accounting/context.js';
import { FaultInjector } from './faults.js';
import { IdempotencyStore } from './idempotency.js';
import type { IdentityDeps } from './identity/deps.js';
import { RateLimiter, XERO_LIMITS } from './limits.js';
import type {
  ResolvedOptions,
  ResolvedServerOptions,
  ServerOptions,
  XeroSandboxOptions,
} from './options.js';
import type { SandboxState } from './state.js';
import { StatsRecorder } from './stats.js';
import { WebhookDispatcher } from './webhooks.js';

const MINUTE_MS = 60_000;

export interface SandboxServices {
  options: ResolvedOptions;
  state: SandboxState;
  clock: Clock;
  limits: RateLimiter;
  idempotency: IdempotencyStore;
  faults: FaultInjector;
  stats: StatsRecorder;
  webhooks: WebhookDispatcher;
  identity: IdentityDeps;
  /** The base URL once listening (http://127.0.0.1:port). */
  baseUrl: string;
  /** Sends a change to the webhook dispatcher. */
  emit(event: ChangeEvent, fromApi: boolean): void;
  /**
   * Waits `ms` on the clock; cut short when the sandbox stops, so a held connection, a latency
   * or a webhook back-off never keeps a stopped sandbox's process alive.
   */
  sleep(ms: number): Promise<void>;
  /** Ends every pending sleep (on stop). */
  shutdown(): void;
}

/** The defaults of the options every local emulator takes; shared with the Actionstep emulator. */
export function resolveServerOptions(options: ServerOptions): ResolvedServerOptions {
  return {
    port: options.port ?? 0,
    host: options.host ?? '127.0.0.1',
    clock: options.clock ?? systemClock,
    ...(options.stateFile !== undefined ? { stateFile: options.stateFile } : {}),
    controlToken: options.controlToken ?? randomBytes(18).toString('base64url'),
  };
}

export function resolveOptions(options: XeroSandboxOptions): ResolvedOptions {
  return {
    ...resolveServerOptions(options),
    accessTokenTtlMs: (options.accessTokenLifetimeSeconds ?? 1800) * 1000,
    limits: { ...XERO_LIMITS, ...options.limits },
    ...(options.faults !== undefined ? { faults: options.faults } : {}),
    webhookSeed: options.webhookSeed ?? 1,
    latencyMs: options.latencyMs ?? 0,
    organisations: options.organisations ?? [],
    ...(options.onExchange !== undefined ? { onExchange: options.onExchange } : {}),
  };
}

export function createServices(options: ResolvedOptions, state: SandboxState): SandboxServices {
  const clock = options.clock;
  const lifetime = new AbortController();
  const sleep = (ms: number): Promise<void> =>
    lifetime.signal.aborted
      ? Promise.resolve()
      : clock.sleep(ms, lifetime.signal).catch(() => undefined);
  const stats = new StatsRecorder();
  const webhooks = new WebhookDispatcher(clock, stats, options.webhookSeed, sleep);
  const services: SandboxServices = {
    options,
    state,
    clock,
    limits: new RateLimiter(clock, { ...options.limits }),
    idempotency: new IdempotencyStore(clock),
    faults: new FaultInjector(options.faults),
    stats,
    webhooks,
    identity: {
      state,
      clock,
      settings: {
        accessTokenTtlMs: options.accessTokenTtlMs,
        refreshGraceMs: 30 * MINUTE_MS,
        refreshTokenTtlMs: 60 * 24 * 60 * MINUTE_MS,
        codeTtlMs: 5 * MINUTE_MS,
        jwtSecret: randomBytes(32).toString('base64url'),
      },
      baseUrl: () => services.baseUrl,
    },
    baseUrl: '',
    emit: (event, fromApi) => webhooks.enqueue(event, services.baseUrl, fromApi),
    sleep,
    shutdown: () => lifetime.abort(),
  };
  return services;
}
