/**
 * `startActionstepEmulator`: a local Actionstep on one base URL — OAuth at `/api/oauth/*`, each
 * organisation's REST API at its own api_endpoint (`/orgs/<orgkey>/api/`), control routes at
 * `/sandbox`. See docs/actionstep-emulator.md.
 *
 * @module
 */
import type { Clock } from '../../time/clock.js';
import { listen } from '../xero/server.js';
import { ActionstepControl } from './control.js';
import { controlRoutes } from './control-routes.js';
import { buildApp } from './http.js';
import type { ActionstepEmulatorOptions } from './services.js';
import { createServices, emptyState, loadStateFile, saveStateFile } from './services.js';

export interface ActionstepEmulatorUrls {
  /** The one base URL (http://127.0.0.1:<port>). */
  base: string;
  /** GET: authorize with automatic consent (Actionstep: https://go.actionstep.com/api/oauth/authorize). */
  authorize: string;
  /** POST: token endpoint (Actionstep: https://api.actionstep.com/api/oauth/token). */
  token: string;
  control: string;
}

export interface ActionstepEmulator {
  url: string;
  port: number;
  urls: ActionstepEmulatorUrls;
  controlToken: string;
  control: ActionstepControl;
  clock: Clock;
  /** The api_endpoint of an organisation (what its token answer names). */
  apiEndpoint(orgkey: string): string;
  /** Stops listening, ends open connections, saves the state file (if any). */
  stop(): Promise<void>;
}

export async function startActionstepEmulator(
  options: ActionstepEmulatorOptions = {},
): Promise<ActionstepEmulator> {
  const loaded = options.stateFile ? await loadStateFile(options.stateFile) : undefined;
  const state = loaded ?? emptyState();
  const services = createServices(options, state);
  const stateFile = services.options.stateFile;
  const persist = async (): Promise<void> => {
    if (stateFile) await saveStateFile(stateFile, state);
  };
  const control = new ActionstepControl(services, persist);
  const app = buildApp(services, controlRoutes(control, services.options.controlToken));
  const listening = await listen(app, services.options.host, services.options.port);
  services.baseUrl = listening.url;
  if (state.orgs.size === 0)
    for (const spec of services.options.organisations) control.createOrganisation(spec);
  let stopped = false;
  return {
    url: listening.url,
    port: listening.port,
    urls: {
      base: listening.url,
      authorize: `${listening.url}/api/oauth/authorize`,
      token: `${listening.url}/api/oauth/token`,
      control: `${listening.url}/sandbox`,
    },
    controlToken: services.options.controlToken,
    control,
    clock: services.clock,
    apiEndpoint: (orgkey) => services.apiEndpoint(orgkey),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      services.shutdown();
      await listening.close();
      await services.webhooks.idle();
      await persist();
    },
  };
}
