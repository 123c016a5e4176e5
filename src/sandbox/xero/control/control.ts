/**
 * The control surface, in process: what tests, benchmarks and the demo use to set the sandbox up,
 * act "in Xero" as a bookkeeper, switch limits and faults, configure the webhook and read stats
 * and documents. The /sandbox HTTP routes (control-routes.ts) call the same methods.
 *
 * @module
 */
import { createOrganisation, DAILY_LIMITS, seedChart } from '../accounting/organisation.js';
import type { DailyLimitTier, NewOrganisation, Organisation } from '../accounting/organisation.js';
import type { Region } from '../accounting/model.js';
import { registerClient, registerCustomConnection } from '../identity/clients.js';
import type { ClientCredentials, ClientRegistration } from '../identity/clients.js';
import { emptyIdentityState } from '../identity/model.js';
import type { FaultConfig } from '../faults.js';
import type { LimitSettings } from '../limits.js';
import type { SandboxServices } from '../services.js';
import type { SandboxStats } from '../stats.js';
import type { WebhookSettings, WebhookStatus } from '../webhooks.js';
import type { WireObject } from '../wire.js';
import { parseXeroDate } from '../xero-dates.js';
import type { IsoDate } from '../xero-dates.js';
import { Bookkeeper } from './bookkeeper.js';
import { SandboxControlError } from './control-error.js';
import { listDocuments, renderDocument } from './documents.js';

export interface OrganisationSummary {
  tenantId: string;
  name: string;
  region: Region;
  baseCurrency: string;
  shortCode: string;
  dailyLimit: number;
  periodLockDate?: IsoDate;
  endOfYearLockDate?: IsoDate;
}

export interface LockDates {
  /** `YYYY-MM-DD`, or null to clear. */
  periodLockDate?: string | null;
  endOfYearLockDate?: string | null;
}

function summary(org: Organisation): OrganisationSummary {
  return {
    tenantId: org.id,
    name: org.name,
    region: org.region,
    baseCurrency: org.baseCurrency,
    shortCode: org.shortCode,
    dailyLimit: org.dailyLimit,
    ...(org.periodLockDate ? { periodLockDate: org.periodLockDate } : {}),
    ...(org.endOfYearLockDate ? { endOfYearLockDate: org.endOfYearLockDate } : {}),
  };
}

export class SandboxControl {
  readonly bookkeeper: Bookkeeper;
  /** The token the /sandbox HTTP routes require. */
  readonly controlToken: string;

  constructor(
    private readonly services: SandboxServices,
    private readonly persist: () => Promise<void>,
  ) {
    this.bookkeeper = new Bookkeeper(services, (id) => this.org(id));
    this.controlToken = services.options.controlToken;
  }

  /** The organisation with this tenant id; throws a 404 control error when there is none. */
  org(tenantId: string): Organisation {
    const org = this.services.state.orgs.get(tenantId.toLowerCase());
    if (!org) throw new SandboxControlError(`no organisation ${tenantId}`, 404);
    return org;
  }

  /** Forgets everything: organisations, apps, tokens, windows, stats, faults, webhook. */
  reset(): void {
    const { state } = this.services;
    state.orgs.clear();
    Object.assign(state.identity, emptyIdentityState(), { consentTenantIds: undefined });
    this.services.limits.reset();
    this.services.idempotency.reset();
    this.services.stats.reset();
    this.services.faults.set(undefined);
    this.services.webhooks.disable();
  }

  createOrganisation(spec: NewOrganisation): OrganisationSummary {
    const org = createOrganisation(spec, this.services.clock.now());
    if (this.services.state.orgs.has(org.id))
      throw new SandboxControlError(`organisation ${org.id} exists`);
    this.services.state.orgs.set(org.id, org);
    return summary(org);
  }

  organisations(): OrganisationSummary[] {
    return [...this.services.state.orgs.values()].map(summary);
  }

  /** Replaces the chart of accounts and tax rates with a region's (default: the organisation's own). */
  seedChart(tenantId: string, region?: Region): OrganisationSummary {
    const org = this.org(tenantId);
    seedChart(org, region ?? org.region, this.services.clock.now());
    return summary(org);
  }

  setLockDates(tenantId: string, dates: LockDates): OrganisationSummary {
    const org = this.org(tenantId);
    for (const key of ['periodLockDate', 'endOfYearLockDate'] as const) {
      const value = dates[key];
      if (value === undefined) continue;
      if (value === null) {
        delete org[key];
        continue;
      }
      const date = parseXeroDate(value);
      if (!date) throw new SandboxControlError(`${key} must be YYYY-MM-DD`);
      org[key] = date;
    }
    return summary(org);
  }

  /** Chooses the daily call limit: 'standard' (5,000) or 'starter' (1,000), reference §2. */
  setDailyLimitTier(tenantId: string, tier: DailyLimitTier): OrganisationSummary {
    const org = this.org(tenantId);
    if (!(tier in DAILY_LIMITS)) throw new SandboxControlError(`tier must be standard or starter`);
    org.dailyLimit = DAILY_LIMITS[tier];
    return summary(org);
  }

  registerClient(spec: ClientRegistration): ClientCredentials {
    return registerClient(this.services.identity, spec);
  }

  registerCustomConnection(spec: ClientRegistration & { tenantId: string }): ClientCredentials {
    return registerCustomConnection(this.services.identity, {
      ...spec,
      tenantId: this.org(spec.tenantId).id,
    });
  }

  /** Which organisations an authorize call consents to (undefined: all of them). */
  setConsentTenants(tenantIds: string[] | undefined): void {
    const ids = tenantIds?.map((id) => this.org(id).id);
    if (ids) this.services.state.identity.consentTenantIds = ids;
    else delete this.services.state.identity.consentTenantIds;
  }

  /** Switches rate limits on or off, or changes their sizes. */
  setLimits(settings: Partial<LimitSettings>): LimitSettings {
    this.services.limits.settings = { ...this.services.limits.settings, ...settings };
    return { ...this.services.limits.settings };
  }

  /** Replaces the fault configuration (undefined: no faults); the call counter restarts. */
  setFaults(config: FaultConfig | undefined): void {
    this.services.faults.set(config);
  }

  faults(): FaultConfig | undefined {
    return this.services.faults.get();
  }

  stats(): SandboxStats {
    return this.services.stats.snapshot();
  }

  resetStats(): void {
    this.services.stats.reset();
  }

  configureWebhook(settings: WebhookSettings): Promise<WebhookStatus> {
    return this.services.webhooks.configure(settings);
  }

  webhookStatus(): WebhookStatus {
    return this.services.webhooks.status();
  }

  disableWebhook(): void {
    this.services.webhooks.disable();
  }

  /** Resolves when no webhook delivery is in progress (the queue is empty or waiting to retry). */
  webhooksIdle(): Promise<void> {
    return this.services.webhooks.idle();
  }

  /** A document as GET would return it (collection "Invoices", "Contacts", …); undefined when absent. */
  getDocument(tenantId: string, collection: string, id: string): WireObject | undefined {
    return renderDocument(this.org(tenantId), collection, id);
  }

  /** Every document of a collection, as GET with paging would return them. */
  listDocuments(tenantId: string, collection: string): WireObject[] {
    return listDocuments(this.org(tenantId), collection);
  }

  /** Writes the state to the state file now (no-op without one). */
  saveState(): Promise<void> {
    return this.persist();
  }
}
