/**
 * The control surface, in process: apps and firms, the seeded law firm and the benchmark
 * generator, the practice user, rate limits, faults, stats, the state file. control-routes.ts
 * serves the same over HTTP under /sandbox.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { RuntimeControl } from '../emulator-kit/runtime-control.js';
import { badRequest, notFound } from './errors.js';
import type { FirmBooks } from './firm.js';
import { newFirm } from './firm.js';
import { renderRow } from './fields.js';
import type { AppRecord } from './oauth.js';
import { emptyAuthState } from './oauth.js';
import type { RateLimitSettings } from './rate-limit.js';
import type { Region } from './regions.js';
import { REGIONS } from './regions.js';
import { RESOURCES } from './schema.js';
import type { EmulatorServices, NewFirm } from './services.js';
import { setupFirm } from './setup.js';
import type { LawFirmSeed } from './seed.js';
import { seedLawFirm } from './seed.js';
import { generateBills } from './generate.js';
import { PracticeUser } from './practice.js';

export interface FirmSummary {
  id: number;
  name: string;
  region: Region;
  currency: string;
}

export interface AppRegistration {
  clientId?: string;
  clientSecret?: string;
  redirectUris: string[];
  /** The regions whose developer portal the app is created in (default: all four). */
  regions?: Region[];
}

const regionEnum = z.enum(['us', 'eu', 'ca', 'au']);

const appSpec = z.object({
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  redirectUris: z.array(z.string().url()).min(1),
  regions: z.array(regionEnum).min(1).optional(),
});

const firmSpec = z.object({
  name: z.string().min(1),
  region: regionEnum.optional(),
  currency: z.string().length(3).optional(),
  seedLawFirm: z.boolean().optional(),
});

const REGION_CURRENCY: Record<Region, string> = { us: 'USD', eu: 'EUR', ca: 'CAD', au: 'AUD' };

/** Parses control input; a bad value is a 400 naming the field. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.join('.') || '(body)';
  throw badRequest(`${path}: ${issue?.message ?? 'invalid'}`);
}

export class ClioControl extends RuntimeControl {
  constructor(
    protected readonly services: EmulatorServices,
    persist: () => Promise<void>,
  ) {
    super(services, persist, () => services.state.auth.accessTokens.values());
  }

  registerApp(spec: AppRegistration): AppRecord {
    const p = parseInput(appSpec, spec);
    const app: AppRecord = {
      clientId: p.clientId ?? randomBytes(20).toString('base64url'),
      clientSecret: p.clientSecret ?? randomBytes(30).toString('base64url'),
      redirectUris: p.redirectUris,
      regions: p.regions ?? [...REGIONS],
    };
    this.services.state.auth.apps.set(app.clientId, app);
    return { ...app, redirectUris: [...app.redirectUris], regions: [...app.regions] };
  }

  createFirm(spec: NewFirm): FirmSummary {
    const p = parseInput(firmSpec, spec);
    const { firms } = this.services.state;
    const id = 1_000 + firms.size + 1;
    const region = p.region ?? 'us';
    firms.set(id, newFirm(id, p.name, region, p.currency ?? REGION_CURRENCY[region]));
    setupFirm(this.books(id));
    if (p.seedLawFirm) this.seedLawFirm(id);
    return this.summary(id);
  }

  seedLawFirm(firmId: number): LawFirmSeed {
    const books = this.books(firmId);
    if (books.all('contacts').length > 0) throw badRequest(`Firm ${firmId} already has records.`);
    return seedLawFirm(books);
  }

  generateBills(firmId: number, count: number, seed = 1): number[] {
    if (!Number.isInteger(count) || count < 0) throw badRequest('count must be a whole number.');
    return generateBills(this.books(firmId), count, seed);
  }

  /** The practice user of a firm: their actions change its records as Clio's screens would. */
  practice(firmId: number): PracticeUser {
    return new PracticeUser(this.books(firmId));
  }

  firms(): FirmSummary[] {
    return [...this.services.state.firms.keys()].map((id) => this.summary(id));
  }

  /** The firm's base URL: the region prefix every OAuth and API path is under. */
  regionUrl(region: Region): string {
    return `${this.services.baseUrl}/${region}`;
  }

  /** Records as the API shows them, every field, nested resources by their defaults. */
  list(firmId: number, resource: string): Record<string, unknown>[] {
    const books = this.books(firmId);
    const def = RESOURCES.get(resource);
    if (!def) throw notFound(`No resource '${resource}'.`);
    const all = [...def.fields, ...Object.keys(def.refs)].map((name) => ({ name }));
    return books.all(resource).map((r) => renderRow(books, def, r, all));
  }

  get(firmId: number, resource: string, id: number): Record<string, unknown> | undefined {
    return this.list(firmId, resource).find((r) => r.id === id);
  }

  setRateLimit(settings: Partial<RateLimitSettings>): RateLimitSettings {
    const limiter = this.services.limiter;
    limiter.settings = { ...limiter.settings, ...settings };
    limiter.reset();
    return { ...limiter.settings };
  }

  /** Forgets firms, apps and tokens. */
  reset(): void {
    this.services.state.firms.clear();
    this.services.state.auth = emptyAuthState();
  }

  protected books(firmId: number): FirmBooks {
    const books = this.services.books(firmId);
    if (!books) throw notFound(`No firm ${firmId}.`);
    return books;
  }

  private summary(id: number): FirmSummary {
    const { name, region, currency } = this.books(id).firm;
    return { id, name, region, currency };
  }
}
