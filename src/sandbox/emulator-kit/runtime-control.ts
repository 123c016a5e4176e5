/**
 * The control methods the PMS emulators share: faults, stats, token expiry, waiting for webhook
 * deliveries, saving the state file. Each emulator's control class extends this one.
 *
 * @module
 */
import type { Clock } from '../../time/clock.js';
import type { EmulatorStats, FaultConfig, Faults, StatsRecorder } from '../actionstep/traffic.js';

export interface RuntimeDeps {
  clock: Clock;
  faults: Faults;
  stats: StatsRecorder;
  webhooks: { counts: { delivered: number; failed: number }; idle(): Promise<void> };
}

export class RuntimeControl {
  constructor(
    private readonly runtime: RuntimeDeps,
    private readonly persist: () => Promise<void>,
    /** Every access token held, to end them. */
    private readonly accessTokens: () => Iterable<{ expiresAt: number }>,
  ) {}

  setFaults(config?: FaultConfig): void {
    this.runtime.faults.set(config);
  }

  faults(): FaultConfig | undefined {
    return this.runtime.faults.get();
  }

  stats(): EmulatorStats {
    return this.runtime.stats.snapshot();
  }

  resetStats(): void {
    this.runtime.stats.reset();
    Object.assign(this.runtime.webhooks.counts, { delivered: 0, failed: 0 });
  }

  /** Ends every access token now, so the next call must refresh. */
  expireAccessTokens(): number {
    const now = this.runtime.clock.now();
    const tokens = [...this.accessTokens()];
    for (const t of tokens) t.expiresAt = Math.min(t.expiresAt, now);
    return tokens.length;
  }

  /** Resolves when every queued webhook delivery has been attempted. */
  webhooksIdle(): Promise<void> {
    return this.runtime.webhooks.idle();
  }

  saveState(): Promise<void> {
    return this.persist();
  }
}
