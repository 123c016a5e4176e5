/**
 * Clio Manage's four data regions (docs.developers.clio.com/handbook/getting-started/regions):
 * an account lives in one, and its OAuth and API are served only by that region's host —
 * `app.clio.com` (US), `eu.app.clio.com`, `ca.app.clio.com`, `au.app.clio.com`.
 *
 * The emulator serves every region from one address under a path prefix (`/us`, `/eu`, `/ca`,
 * `/au`), so a connector that picks the wrong region for an account is caught: the token is
 * refused there (401), as Clio's FAQ lists "using a token against the wrong regional endpoint"
 * among the causes of a 401.
 *
 * @module
 */

export type Region = 'us' | 'eu' | 'ca' | 'au';

export const REGIONS: readonly Region[] = ['us', 'eu', 'ca', 'au'];

/** The real host of each region, for docs and for the connector's own table. */
export const REGION_HOSTS: Readonly<Record<Region, string>> = {
  us: 'app.clio.com',
  eu: 'eu.app.clio.com',
  ca: 'ca.app.clio.com',
  au: 'au.app.clio.com',
};

export function isRegion(text: string | undefined): text is Region {
  return text !== undefined && (REGIONS as readonly string[]).includes(text);
}
