/**
 * Seeded, repeatable faults: a chosen fraction of calls fail with 500, 503, a timeout (the
 * connection is held, then answered or dropped) or a dropped connection, and some of the failing
 * writes fail AFTER the write was applied — the client sees an error though the document exists.
 * That is the case that makes naive integrations create duplicates.
 *
 * Each call takes the next number of a call counter; the draws for call n come from mulberry32
 * seeded with (seed, n), so the same seed and the same sequence of calls give the same faults,
 * however fast the calls arrive. Rules match endpoints by glob over keys such as "PUT /Invoices",
 * "POST /Payments/{id}" or "POST /connect/token"; the first rule whose band the draw falls in
 * applies. The configuration can be replaced at run time (which restarts the counter).
 *
 * @module
 */

export type FaultKind = 'http500' | 'http503' | 'timeout' | 'drop';

export interface FaultRule {
  kind: FaultKind;
  /** Fraction of matching calls that fail this way, 0..1. */
  rate: number;
  /** Glob over endpoint keys ("PUT /Invoices", "* /Payments*"); every endpoint when absent. */
  endpoint?: string;
  /** Of the failing calls that write (PUT, POST, DELETE), the fraction failing after the write was applied; default 0. */
  afterWrite?: number;
  /** timeout: how long the connection is held, in clock ms (default 120,000). */
  holdMs?: number;
  /** timeout: what happens after the hold (default 'drop'). */
  then?: 'answer' | 'drop';
}

export interface FaultConfig {
  seed: number;
  rules: FaultRule[];
}

export interface FaultDecision {
  kind: FaultKind;
  phase: 'before' | 'after';
  holdMs: number;
  then: 'answer' | 'drop';
  callIndex: number;
}

const DEFAULT_HOLD_MS = 120_000;

/** mulberry32: a 32-bit PRNG, one draw in [0, 1) from a 32-bit state. */
export function mulberry32(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The draws for call `index`: stable for (seed, index) whatever happened before. */
export function drawsFor(seed: number, index: number): () => number {
  return mulberry32((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
}

export function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

export class FaultInjector {
  private config: FaultConfig | undefined;
  private patterns: (RegExp | undefined)[] = [];
  private counter = 0;

  constructor(config?: FaultConfig) {
    this.set(config);
  }

  /** Replaces the configuration (undefined switches faults off) and restarts the call counter. */
  set(config: FaultConfig | undefined): void {
    this.config = config && config.rules.length > 0 ? structuredClone(config) : undefined;
    this.patterns = (this.config?.rules ?? []).map((r) =>
      r.endpoint ? globToRegExp(r.endpoint) : undefined,
    );
    this.counter = 0;
  }

  get(): FaultConfig | undefined {
    return this.config ? structuredClone(this.config) : undefined;
  }

  /** Decides the fate of the next call. */
  decide(endpoint: string, isWrite: boolean): FaultDecision | undefined {
    if (!this.config) return undefined;
    const callIndex = this.counter;
    this.counter += 1;
    const draw = drawsFor(this.config.seed, callIndex);
    const u = draw();
    const phaseDraw = draw();
    let band = 0;
    for (const [i, rule] of this.config.rules.entries()) {
      const pattern = this.patterns[i];
      if (pattern && !pattern.test(endpoint)) continue;
      band += Math.max(0, Math.min(1, rule.rate));
      if (u >= band) continue;
      const after = isWrite && phaseDraw < (rule.afterWrite ?? 0);
      return {
        kind: rule.kind,
        phase: after ? 'after' : 'before',
        holdMs: rule.holdMs ?? DEFAULT_HOLD_MS,
        then: rule.then ?? 'drop',
        callIndex,
      };
    }
    return undefined;
  }
}
