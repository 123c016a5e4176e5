/**
 * What the Setup page shows: every source's entities with their route, each source's sync
 * options (the values in force, and whether they were saved for it), and for each connected
 * organisation the mappings its documents need with the choices its chart offers. One
 * organisation Xero cannot be read for (revoked, away, no Xero app set up) shows why, and the
 * others still show.
 *
 * @module
 */
import { readSourceViews } from '../cli/commands/sources.js';
import { listOrganisations, type OrganisationRow } from '../store/organisations-repo.js';
import { revalidateMappings } from '../service/revalidate-mappings.js';
import type { MappingRow } from '../store/mappings-repo.js';
import { latestRuns } from '../store/runs-repo.js';
import { scopesWithAny } from '../store/settings-repo.js';
import { loadSyncSettings, syncSettingsSchema } from '../sync/sync-settings.js';
import type { MappingNeed } from '../sync/mapping-needs.js';
import type { OrganisationSettings } from '../xero/organisation-settings.js';
import type { DashboardDeps } from './deps.js';
import { problem } from './page-context.js';
import { missingFirst } from './setup-choices.js';
import { organisationNeeds, type NeedsFreshness } from './setup-needs.js';
import type { WizardState } from './setup-steps.js';
import type { OptionValues } from './sync-options-form.js';

export interface EntityRoute {
  readonly source: string;
  readonly entity: string;
  readonly tenantId: string | null;
}

export type OrganisationSetup = Pick<OrganisationRow, 'tenantId' | 'name'> &
  (
    | {
        readonly ok: true;
        readonly chart: OrganisationSettings;
        readonly needs: MappingNeed[];
        readonly freshness?: NeedsFreshness;
      }
    | { readonly ok: false; readonly problem: string }
  );

/** A source's options as the sync reads them, and whether they were saved for it (step 3). */
export interface SourceOptions {
  readonly source: string;
  readonly values: OptionValues;
  readonly saved: boolean;
}

export interface SetupView {
  readonly options: readonly SourceOptions[];
  readonly organisations: readonly Pick<OrganisationRow, 'tenantId' | 'name'>[];
  readonly routes: readonly EntityRoute[];
  readonly setups: readonly OrganisationSetup[];
  readonly wizard: WizardState;
}

export async function loadSetup(deps: DashboardDeps): Promise<SetupView> {
  const organisations = await listOrganisations(deps.db);
  const sources = await readSourceViews(deps.db);
  const routes = sources.flatMap((s) =>
    s.entities.map((e) => ({ source: s.name, entity: e.entity, tenantId: e.organisation })),
  );
  const setups: OrganisationSetup[] = [];
  for (const org of organisations) setups.push(await setupOf(deps, org, routedTo(routes, org)));
  const options = await optionsOf(
    deps,
    sources.map((s) => s.name),
  );
  const wizard: WizardState = {
    sources: sources.filter((s) => s.connection !== 'not connected').length,
    optionSources: options.length,
    optionsSaved: options.filter((o) => o.saved).length,
    organisations: organisations.filter((o) => o.status === 'connected').length,
    entities: routes.length,
    routed: routes.filter((r) => r.tenantId !== null).length,
    missingMappings: setups.reduce(
      (n, s) => n + (s.ok ? s.needs.filter((x) => x.status !== 'mapped').length : 0),
      0,
    ),
    lastSync: (await latestRuns(deps.db, 20)).find((r) => r.kind === 'sync'),
  };
  return { options, organisations, routes, setups, wizard };
}

async function optionsOf(
  deps: DashboardDeps,
  sources: readonly string[],
): Promise<SourceOptions[]> {
  const keys = Object.keys(syncSettingsSchema.shape);
  const saved = new Set(await scopesWithAny(deps.db, keys));
  const options: SourceOptions[] = [];
  for (const source of sources)
    options.push({
      source,
      values: await loadSyncSettings(deps.db, source),
      saved: saved.has(`source:${source}`),
    });
  return options;
}

async function setupOf(
  deps: DashboardDeps,
  org: OrganisationRow,
  routed: ReadonlyMap<string, readonly string[]>,
): Promise<OrganisationSetup> {
  const { tenantId, name } = org;
  if (org.status !== 'connected')
    return { tenantId, name, ok: false, problem: `${name} needs connecting to Xero again.` };
  const { organisationSettings, mappingNeeds } = deps;
  if (!organisationSettings || !mappingNeeds)
    return { tenantId, name, ok: false, problem: 'No Xero app is set up for this service.' };
  try {
    const chart = await organisationSettings(tenantId);
    const mappings = await revalidateMappings(deps.db, chart);
    const found = await organisationNeeds(
      { db: deps.db, mappingNeeds },
      { tenantId, chart },
      mappings,
      routed,
    );
    const invalid = mappings.filter((m) => m.problem !== null);
    const needs = missingFirst(withInvalidSet(found.needs, invalid));
    const { freshness } = found;
    return { tenantId, name, ok: true, chart, needs, ...(freshness && { freshness }) };
  } catch (error) {
    return { tenantId, name, ok: false, problem: problem(error).text };
  }
}

/** Each source's entities routed to the organisation now. */
function routedTo(routes: readonly EntityRoute[], org: OrganisationRow): Map<string, string[]> {
  const routed = new Map<string, string[]>();
  for (const r of routes.filter((x) => x.tenantId === org.tenantId))
    routed.set(r.source, [...(routed.get(r.source) ?? []), r.entity]);
  return routed;
}

/**
 * The needs, plus each mapping set that the chart no longer accepts even when no waiting document
 * needs it yet (S7: the banner links here to fix it).
 */
function withInvalidSet(
  needs: readonly MappingNeed[],
  invalid: readonly MappingRow[],
): MappingNeed[] {
  const listed = new Set(needs.map((n) => `${n.type}\0${n.key}`));
  const extra = invalid
    .filter((m) => !listed.has(`${m.type}\0${m.key}`))
    .map<MappingNeed>((m) => ({
      source: m.source,
      type: m.type,
      key: m.key,
      documents: 0,
      status: 'invalid',
      value: m.value,
      message: m.problem ?? '',
    }));
  return [...needs, ...extra];
}
