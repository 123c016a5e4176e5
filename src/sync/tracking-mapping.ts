/**
 * PMS tracking values → Xero tracking categories and options. A line's tracking is written
 * `CATEGORY=OPTION` on both sides of a mapping (`ledgerbridge map tracking "Practitioner=Dr Lee"
 * "Region=North"`). Without a mapping, a value Xero already has as an active option (names compared
 * case-insensitively, as Xero does) is used as is; otherwise it is a missing mapping, never a
 * refusal from Xero that the user would have to read as "fix the PMS". Pure.
 *
 * @module
 */
import type { OrganisationSettings } from '../xero/organisation-settings.js';

export interface TrackingPair {
  readonly category: string;
  readonly option: string;
}

/** The mapping key (and value) of a pair: "Practitioner=Dr Lee". */
export function trackingKey(pair: TrackingPair): string {
  return `${pair.category}=${pair.option}`;
}

/** "Practitioner=Dr Lee" → the pair; the first "=" separates (option names may hold one). */
export function parseTrackingPair(text: string): TrackingPair | undefined {
  const at = text.indexOf('=');
  if (at <= 0) return undefined;
  const category = text.slice(0, at).trim();
  const option = text.slice(at + 1).trim();
  return category && option ? { category, option } : undefined;
}

export type TrackingResolved =
  | { readonly ok: true; readonly value: TrackingPair }
  | {
      readonly ok: false;
      readonly code: 'LB_MAPPING_MISSING' | 'LB_MAPPING_INVALID';
      readonly message: string;
      readonly fix: string;
    };

/**
 * The Xero pair for a PMS pair, given the mapped value (if any) and the organisation's tracking
 * categories; `tenant` only words the fix.
 */
export function resolveTracking(
  pms: TrackingPair,
  mapped: string | undefined,
  settings: Pick<OrganisationSettings, 'trackingCategories' | 'tenantId'>,
): TrackingResolved {
  const key = trackingKey(pms);
  const listing = '`ledgerbridge map tracking-categories` lists Xero’s';
  const command = `\`ledgerbridge map tracking "${key}" "CATEGORY=OPTION" --tenant ${settings.tenantId}\``;
  if (mapped !== undefined) {
    const target = parseTrackingPair(mapped);
    const found = target && activeOption(settings, target);
    if (found) return { ok: true, value: found };
    return {
      ok: false,
      code: 'LB_MAPPING_INVALID',
      message: `Tracking "${mapped}" (mapped for ${pms.category} "${pms.option}") is not an active tracking option in Xero`,
      fix: `Map it to an active one: ${command} (${listing}).`,
    };
  }
  const same = activeOption(settings, pms);
  if (same) return { ok: true, value: same };
  return {
    ok: false,
    code: 'LB_MAPPING_MISSING',
    message: `No Xero tracking option is mapped for ${pms.category} "${pms.option}"`,
    fix: `Map one: ${command} (${listing}), or add the option "${pms.option}" to the tracking category "${pms.category}" in Xero.`,
  };
}

/** Xero's own spelling of an active category and option of these names, if it has one. */
function activeOption(
  settings: Pick<OrganisationSettings, 'trackingCategories'>,
  pair: TrackingPair,
): TrackingPair | undefined {
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const category = settings.trackingCategories.find(
    (c) => c.status === 'ACTIVE' && same(c.name, pair.category),
  );
  const option = category?.options.find((o) => o.status === 'ACTIVE' && same(o.name, pair.option));
  return category && option ? { category: category.name, option: option.name } : undefined;
}
