/**
 * `startClioEmulator`: a local Clio Manage API v4 on one base URL — each region under its own
 * prefix (`/us`, `/eu`, `/ca`, `/au`), with OAuth at `/<region>/oauth/*` and the API at
 * `/<region>/api/v4/`; control routes at `/sandbox`. See docs/clio-emulator.md.
 *
 * @module
 */
import type { Clock } from '../../time/clock.js';
import { listen } from '../xero/server.js';
import { ClioControl } from './control.js';
import { controlRoutes } from './control-routes.js';
import { buildApp } from './http.js';
import type { Region } from './regions.js';
import type { ClioEmulatorOptions } from './services.js';
import { createServices, emptyState, loadStateFile, saveStateFile } from './services.js';

export interface ClioEmulator {
  /** The base URL (http://127.0.0.1:<port>). */
  url: string;
  port: number;
  controlToken: string;
  control: ClioControl;
  clock: Clock;
  /** What stands in for https://app.clio.com (us), eu.app.clio.com, …: `<url>/<region>`. */
  regionUrl(region: Region): string;
  /** Stops listening, ends open connections, saves the state file (if any). */
  stop(): Promise<void>;
}

export async function startClioEmulator(options: ClioEmulatorOptions = {}): Promise<ClioEmulator> {
  const loaded = options.stateFile ? await loadStateFile(options.stateFile) : undefined;
  const state = loaded ?? emptyState();
  const services = createServices(options, state);
  const stateFile = services.options.stateFile;
  const persist = async (): Promise<void> => {
    if (stateFile) await saveStateFile(stateFile, state);
  };
  const control = new ClioControl(services, persist);
  const app = buildApp(services, controlRoutes(control, services.options.controlToken));
  const listening = await listen(app, services.options.host, services.options.port);
  services.baseUrl = listening.url;
  if (state.firms.size === 0) for (const spec of services.options.firms) control.createFirm(spec);
  let stopped = false;
  return {
    url: listening.url,
    port: listening.port,
    controlToken: services.options.controlToken,
    control,
    clock: services.clock,
    regionUrl: (region) => `${listening.url}/${region}`,
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
