/**
 * The emulator's control surface as an object (control-routes.ts serves it over HTTP): API keys,
 * the seeded clinic and the invoice generator, the practice user, raw records for bad-input
 * tests, faults, the rate limit and the counters.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { EmulatorStats, FaultConfig, RateLimitSettings } from '../actionstep/traffic.js';
import { PracticeUser } from './practice.js';
import { generateInvoices, seedClinic, type SeededClinic } from './seed.js';
import type { ClinikoServices } from './services.js';
import { ClinikoEmulatorError, type ClinikoRecord, type ResourceName } from './state.js';

export class ClinikoControl {
  readonly practice: PracticeUser;
  private seeded: SeededClinic | undefined;

  constructor(private readonly s: ClinikoServices) {
    this.practice = new PracticeUser(s.tables);
  }

  /** A new API key for a new user, with this emulator's shard suffix (`…-au1`). */
  addApiKey(userName = 'Practice manager'): string {
    const key = randomBytes(24).toString('base64url').replace(/-/g, 'x');
    this.s.state.keys.set(key, { id: this.s.tables.newId(), name: userName, revoked: false });
    return `${key}-${this.s.state.shard}`;
  }

  /** The key stops working (deleted in My Info → Manage API keys): every request gets 401. */
  revokeApiKey(key: string): void {
    const user = this.s.state.keys.get(key.replace(/-[a-z]{2}\d{1,2}$/i, ''));
    if (!user) throw new ClinikoEmulatorError(404, 'No such API key.');
    user.revoked = true;
  }

  seedClinic(): SeededClinic {
    this.seeded ??= seedClinic(this.s.tables, this.practice);
    return this.seeded;
  }

  generateInvoices(count: number): string[] {
    if (!Number.isInteger(count) || count < 0)
      throw new ClinikoEmulatorError(400, 'count must be a whole number.');
    return generateInvoices(this.practice, this.seedClinic(), count);
  }

  /** A record stored exactly as given (malformed ones included), for bad-input tests. */
  putRecord(resource: ResourceName, fields: Record<string, unknown>): ClinikoRecord {
    if (!this.s.state.tables[resource])
      throw new ClinikoEmulatorError(404, `No resource ${String(resource)}.`);
    return this.s.tables.insert(resource, fields);
  }

  editRecord(resource: ResourceName, id: string, fields: Record<string, unknown>): ClinikoRecord {
    return this.s.tables.update(resource, id, fields);
  }

  /** An invoice's items as stored (not deleted). */
  invoiceItems(invoiceId: string): ClinikoRecord[] {
    return this.s.tables.itemsOf(invoiceId);
  }

  stats(): EmulatorStats {
    return this.s.stats.snapshot();
  }

  resetStats(): void {
    this.s.stats.reset();
  }

  setFaults(config: FaultConfig | undefined): void {
    this.s.faults.set(config);
  }

  setRateLimit(settings: Partial<RateLimitSettings>): RateLimitSettings {
    this.s.limiter.settings = { ...this.s.limiter.settings, ...settings };
    return this.s.limiter.settings;
  }
}
