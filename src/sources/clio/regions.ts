/**
 * Clio's regions: an account lives in one, served from its own host
 * (docs.developers.clio.com/handbook/getting-started/regions; reference/pms-apis.md §2.1), and a
 * token only works on its region's host. The region is chosen when connecting and kept with the
 * credentials. A base-URL override (CLIO_BASE_URL: the emulator, which serves each region under
 * `<url>/<region>`) stands in for the hosts, keeping the same `/oauth/…` and `/api/v4/…` paths under it.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';

export const CLIO_REGIONS = ['us', 'eu', 'ca', 'au'] as const;
export type ClioRegion = (typeof CLIO_REGIONS)[number];

const HOSTS: Readonly<Record<ClioRegion, string>> = {
  us: 'https://app.clio.com',
  eu: 'https://eu.app.clio.com',
  ca: 'https://ca.app.clio.com',
  au: 'https://au.app.clio.com',
};

export function parseRegion(value: unknown): ClioRegion {
  const region = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (CLIO_REGIONS.includes(region as ClioRegion)) return region as ClioRegion;
  throw new LedgerbridgeError(
    'LB_CONFIG_INVALID',
    `Clio region "${String(value)}" is not one of ${CLIO_REGIONS.join(', ')}`,
    {
      fix: 'Use the region your Clio account signs in at: us (app.clio.com), eu, ca or au.',
    },
  );
}

/** The region's root: its host, or `<override>/<region>` (CLIO_BASE_URL, the emulator). */
export function regionRoot(region: ClioRegion, baseUrl?: string): string {
  return baseUrl ? `${baseUrl.replace(/\/+$/, '')}/${region}` : HOSTS[region];
}
