/**
 * The practice-management emulators `ledgerbridge sandbox` serves beside the local Xero, each on
 * the next port, each seeded with a practice and an app or key to connect with: Cliniko (a clinic,
 * an API key), Clio Manage (a law firm in the AU region, an OAuth app) and Actionstep (a law firm,
 * an OAuth app). Prints the settings that point `connect` at them.
 *
 * @module
 */
import type { Config } from '../../config/index.js';
import { startActionstepEmulator } from '../../sandbox/actionstep/index.js';
import { startClinikoEmulator } from '../../sandbox/cliniko/index.js';
import { startClioEmulator } from '../../sandbox/clio/index.js';

export interface PmsSandboxes {
  /** Lines to show: each emulator's address and the settings to use it. */
  readonly lines: readonly string[];
  stop(): Promise<void>;
}

export async function startPmsSandboxes(
  config: Config,
  host: string | undefined,
  firstPort: number,
): Promise<PmsSandboxes> {
  const at = (n: number) => ({ port: firstPort + n, ...(host && { host }) });
  const cliniko = await startClinikoEmulator({ ...at(0), seedClinic: true });
  const clio = await startClioEmulator({
    ...at(1),
    firms: [{ name: 'Harbour Law', region: 'au', seedLawFirm: true }],
  });
  const actionstep = await startActionstepEmulator({
    ...at(2),
    organisations: [{ name: 'Harbour Law', orgkey: 'harbourlaw', seedLawFirm: true }],
  });
  const clioApp = clio.control.registerApp({ redirectUris: [config.sources.clio.redirectUri] });
  const actionstepApp = actionstep.control.registerApp({
    redirectUris: [config.sources.actionstepRedirectUri],
  });
  const lines = [
    `Cliniko:    ${cliniko.url}  (a clinic)`,
    `  CLINIKO_API_URL=${cliniko.apiUrl} CLINIKO_API_KEY=${cliniko.control.addApiKey()} LEDGERBRIDGE_CONTACT_EMAIL=you@example.com`,
    `Clio:       ${clio.url}  (a law firm, region au)`,
    `  CLIO_BASE_URL=${clio.url} CLIO_REGION=au CLIO_CLIENT_ID=${clioApp.clientId} CLIO_CLIENT_SECRET=${clioApp.clientSecret}`,
    `Actionstep: ${actionstep.url}  (a law firm)`,
    `  ACTIONSTEP_AUTHORIZE_URL=${actionstep.urls.authorize} ACTIONSTEP_TOKEN_URL=${actionstep.urls.token} ACTIONSTEP_CLIENT_ID=${actionstepApp.clientId} ACTIONSTEP_CLIENT_SECRET=${actionstepApp.clientSecret}`,
  ];
  return {
    lines,
    stop: async () => {
      await Promise.all([cliniko.stop(), clio.stop(), actionstep.stop()]);
    },
  };
}
