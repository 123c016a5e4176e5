/**
 * The mappings an organisation's waiting documents need, for the Setup page: the summary the
 * last sync pass (or `map check`) stored, each need resolved against the mappings as they are now
 * — a mapping saved here shows as mapped at once. Planning every waiting document on each view
 * took seconds at 1,000,000 documents; the summary is one row per source. Documents changed after
 * that check are counted (a bounded read of the change index) and named "not yet checked", and so
 * are entities routed since. Only when no check has been stored for a routed source is the dry
 * run done here, once: it stores the summary the next views read.
 *
 * @module
 */
import { countChangedSince } from '../store/documents-repo.js';
import { readNeedsChecks, type NeedsCheck } from '../store/mapping-needs-repo.js';
import type { MappingRow } from '../store/mappings-repo.js';
import { makeMappingContext } from '../sync/mapping-context.js';
import type { MappingNeed } from '../sync/mapping-needs.js';
import { resolveStoredNeeds } from '../sync/stored-needs.js';
import type { OrganisationSettings } from '../xero/organisation-settings.js';
import type { DashboardDeps } from './deps.js';

/** Past this many documents changed since the check, the page says "10,000+". */
export const CHANGED_BOUND = 10_000;

export interface NeedsFreshness {
  /** 'now': no check was stored, so this view ran one; else what counted them last, and when. */
  readonly by: 'sync' | 'check' | 'now';
  readonly checkedAt?: Date;
  /** Documents changed since the check (up to CHANGED_BOUND + 1). */
  readonly changedSince: number;
  /** "source / entity" routed here after the check: their documents are not counted yet. */
  readonly newEntities: readonly string[];
}

export interface OrganisationNeeds {
  readonly needs: readonly MappingNeed[];
  /** Absent when nothing is routed to the organisation (so nothing is needed). */
  readonly freshness?: NeedsFreshness;
}

/** The needs of `tenantId`'s documents; `routed` is each source's entities routed to it now. */
export async function organisationNeeds(
  deps: Required<Pick<DashboardDeps, 'mappingNeeds'>> & Pick<DashboardDeps, 'db'>,
  org: { readonly tenantId: string; readonly chart: OrganisationSettings },
  mappings: readonly MappingRow[],
  routed: ReadonlyMap<string, readonly string[]>,
): Promise<OrganisationNeeds> {
  if (routed.size === 0) return { needs: [] };
  const checks = new Map(
    (await readNeedsChecks(deps.db, org.tenantId)).map((c) => [c.source, c] as const),
  );
  if ([...routed.keys()].some((source) => !checks.has(source)))
    return {
      needs: await deps.mappingNeeds(org.tenantId),
      freshness: { by: 'now', changedSince: 0, newEntities: [] },
    };
  const used = [...routed].map(([source, entities]) => ({ check: checks.get(source)!, entities }));
  const needs = used.flatMap(({ check }) =>
    resolveStoredNeeds(
      check.needs,
      check.source,
      makeMappingContext(mappings, check.source, org.chart),
    ),
  );
  return { needs, freshness: await freshness(deps, used) };
}

async function freshness(
  deps: Pick<DashboardDeps, 'db'>,
  used: readonly { check: NeedsCheck; entities: readonly string[] }[],
): Promise<NeedsFreshness> {
  let changedSince = 0;
  const newEntities: string[] = [];
  for (const { check, entities } of used) {
    const checked = entities.filter((e) => check.entities.includes(e));
    newEntities.push(
      ...entities.filter((e) => !checked.includes(e)).map((e) => `${check.source} / ${e}`),
    );
    if (checked.length > 0 && changedSince <= CHANGED_BOUND)
      changedSince += await countChangedSince(
        deps.db,
        { source: check.source, entities: checked, afterSeq: check.changeSeq },
        CHANGED_BOUND + 1 - changedSince,
      );
  }
  const oldest = [...used].sort(
    (a, b) => a.check.checkedAt.getTime() - b.check.checkedAt.getTime(),
  )[0]?.check;
  return {
    by: oldest?.dryRun === false ? 'sync' : 'check',
    ...(oldest && { checkedAt: oldest.checkedAt }),
    changedSince,
    newEntities,
  };
}
