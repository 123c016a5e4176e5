/**
 * What the HTTP API and the dashboard's Setup page read from Xero, over one lazily built Xero
 * runtime: an organisation's chart (accounts, tax rates, tracking — the settings cache every sync
 * uses) and the mappings its documents need, planned exactly as `ledgerbridge map check` plans
 * them (a dry run: nothing is sent, and only the needs summary is stored — migration 0019). Built
 * on first use, so an installation without a Xero app still serves every other page.
 *
 * @module
 */
import type { Config } from '../config/index.js';
import type { Database } from '../store/database.js';
import type { MappingNeed } from '../sync/mapping-needs.js';
import { runSync, type SyncDeps } from '../sync/run-sync.js';
import type { OrganisationSettings } from '../xero/organisation-settings.js';
import { lazyXeroRuntime } from '../xero/xero-runtime.js';

export interface SetupXero {
  readonly organisationSettings: (tenantId: string) => Promise<OrganisationSettings>;
  readonly mappingNeeds: (tenantId: string) => Promise<readonly MappingNeed[]>;
  /** Forgets the cached chart, so the next read asks Xero (after a change made there). */
  readonly recheckChart: (tenantId: string) => Promise<void>;
}

export function setupXero(config: Config, db: Database): SetupXero {
  const runtime = lazyXeroRuntime(config, db);
  return {
    organisationSettings: async (tenantId) => (await runtime()).settings.get(tenantId),
    recheckChart: async (tenantId) => (await runtime()).settings.invalidate(tenantId),
    mappingNeeds: async (tenantId) => {
      const x = await runtime();
      const deps = { db, api: x.api, settings: x.settings, clock: x.clock };
      return dryRunNeeds({ ...deps, batchSize: config.xero.batchSize }, tenantId);
    },
  };
}

/** The mappings an organisation's documents need, from a dry run (sends nothing; stores the summary). */
export async function dryRunNeeds(
  deps: SyncDeps,
  tenantId: string,
): Promise<readonly MappingNeed[]> {
  const plan = await runSync(deps, { dryRun: true, planLimit: 0, tenantId });
  return plan.organisations.find((o) => o.tenantId === tenantId)?.mappings ?? [];
}
