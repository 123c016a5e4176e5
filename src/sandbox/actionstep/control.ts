/**
 * The control surface, in process: apps and organisations, the automatic consent's login
 * organisation, the seeded law firm and the benchmark generator, the practice user, rate limits,
 * faults, stats, the state file. control-routes.ts serves the same over HTTP under /sandbox.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ALL_RESOURCES, newOrganisation } from './books.js';
import { badRequest, notFound } from './errors.js';
import type { AppRecord } from './oauth.js';
import { emptyAuthState } from './oauth.js';
import { PracticeUser } from './practice.js';
import { parseInput } from './practice-inputs.js';
import { renderRecord } from './read.js';
import type { LawFirmSeed } from './seed.js';
import { generateBills, seedLawFirm } from './seed.js';
import type { EmulatorServices, NewOrganisation } from './services.js';
import type { RateLimitSettings } from './traffic.js';
import { RuntimeControl } from '../emulator-kit/runtime-control.js';

export interface OrganisationSummary {
  orgkey: string;
  name: string;
  /** What the token answer names: the base of every API call for this organisation. */
  apiEndpoint: string;
  utcOffsetMinutes: number;
  currency: string;
}

export interface AppRegistration {
  clientId?: string;
  clientSecret?: string;
  redirectUris: string[];
  /** Server-side scope used when an authorize request names none (default "all"). */
  scope?: string;
}

const appSpec = z.object({
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  redirectUris: z.array(z.string().url()).min(1),
  scope: z.string().optional(),
});

const orgSpec = z.object({
  name: z.string().min(1),
  orgkey: z
    .string()
    .regex(/^[a-z0-9]+$/, 'lower-case letters and digits')
    .optional(),
  utcOffsetMinutes: z.number().int().min(-720).max(840).optional(),
  currency: z.string().length(3).optional(),
  seedLawFirm: z.boolean().optional(),
});

export class ActionstepControl extends RuntimeControl {
  constructor(
    private readonly services: EmulatorServices,
    persist: () => Promise<void>,
  ) {
    super(services, persist, () => services.state.auth.accessTokens.values());
  }

  registerApp(spec: AppRegistration): AppRecord {
    const p = parseInput(appSpec, spec);
    const app: AppRecord = {
      clientId: p.clientId ?? `app-${randomBytes(6).toString('hex')}`,
      clientSecret: p.clientSecret ?? randomBytes(24).toString('base64url'),
      redirectUris: p.redirectUris,
      scope: p.scope ?? 'all',
    };
    this.services.state.auth.apps.set(app.clientId, app);
    return { ...app };
  }

  createOrganisation(spec: NewOrganisation): OrganisationSummary {
    const p = parseInput(orgSpec, spec);
    const { orgs } = this.services.state;
    const base = p.orgkey ?? (p.name.toLowerCase().replace(/[^a-z0-9]/g, '') || 'org');
    let orgkey = base;
    for (let n = 2; orgs.has(orgkey); n++) orgkey = `${base}${n}`;
    if (p.orgkey && orgkey !== p.orgkey) throw badRequest(`orgkey '${p.orgkey}' is taken.`);
    orgs.set(
      orgkey,
      newOrganisation(orgkey, p.name, p.utcOffsetMinutes ?? 600, p.currency ?? 'AUD'),
    );
    this.services.state.auth.loginOrgkey ??= orgkey;
    if (p.seedLawFirm) this.seedLawFirm(orgkey);
    return this.summary(orgkey);
  }

  organisations(): OrganisationSummary[] {
    return [...this.services.state.orgs.keys()].map((k) => this.summary(k));
  }

  /** Whose user the automatic consent signs in as (default: the first organisation). */
  setLoginOrganisation(orgkey: string): void {
    this.books(orgkey);
    this.services.state.auth.loginOrgkey = orgkey;
  }

  seedLawFirm(orgkey: string): LawFirmSeed {
    const books = this.books(orgkey);
    if (books.all('divisions').length > 0) throw badRequest(`${orgkey} already has books.`);
    return seedLawFirm(books);
  }

  generateBills(orgkey: string, count: number, seed = 1): number[] {
    if (!Number.isInteger(count) || count < 0) throw badRequest('count must be a whole number.');
    return generateBills(this.books(orgkey), count, seed);
  }

  /** The practice user of an organisation: their actions change its books as Actionstep's screens would. */
  practice(orgkey: string): PracticeUser {
    return new PracticeUser(this.books(orgkey));
  }

  /** Records as the API shows them (every field, every link). */
  list(orgkey: string, resource: string): Record<string, unknown>[] {
    const books = this.books(orgkey);
    const def = this.def(resource);
    return books.all(resource).map((r) => renderRecord(def, r, books.org.utcOffsetMinutes));
  }

  get(orgkey: string, resource: string, id: number | string): Record<string, unknown> | undefined {
    const books = this.books(orgkey);
    const def = this.def(resource);
    const record = books.find(def, String(id));
    return record ? renderRecord(def, record, books.org.utcOffsetMinutes) : undefined;
  }

  setRateLimit(settings: Partial<RateLimitSettings>): RateLimitSettings {
    const limiter = this.services.limiter;
    limiter.settings = { ...limiter.settings, ...settings };
    return { ...limiter.settings };
  }

  /** Forgets organisations, apps and tokens. */
  reset(): void {
    this.services.state.orgs.clear();
    this.services.state.auth = emptyAuthState();
  }

  private def(resource: string) {
    const def = ALL_RESOURCES.get(resource);
    if (!def) throw notFound(`No resource '${resource}'.`);
    return def;
  }

  private books(orgkey: string) {
    const books = this.services.books(orgkey);
    if (!books) throw notFound(`No organisation '${orgkey}'.`);
    return books;
  }

  private summary(orgkey: string): OrganisationSummary {
    const org = this.books(orgkey).org;
    return {
      orgkey,
      name: org.name,
      apiEndpoint: this.services.apiEndpoint(orgkey),
      utcOffsetMinutes: org.utcOffsetMinutes,
      currency: org.currency,
    };
  }
}
