/**
 * `startClinikoEmulator`: a local Cliniko API on one base URL — the API at `/v1` (api-routes.ts),
 * the control routes at `/sandbox`. See docs/cliniko-emulator.md.
 *
 * @module
 */
import { Hono } from 'hono';
import type { Clock } from '../../time/clock.js';
import { listen } from '../xero/server.js';
import { apiRoutes } from './api-routes.js';
import { ClinikoControl } from './control.js';
import { controlRoutes } from './control-routes.js';
import { createServices, type ClinikoEmulatorOptions } from './services.js';

export interface ClinikoEmulator {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** The API base a connector is given instead of https://api.<shard>.cliniko.com/v1. */
  readonly apiUrl: string;
  readonly controlToken: string;
  readonly control: ClinikoControl;
  readonly clock: Clock;
  stop(): Promise<void>;
}

export async function startClinikoEmulator(
  options: ClinikoEmulatorOptions = {},
): Promise<ClinikoEmulator> {
  const services = createServices(options);
  const control = new ClinikoControl(services);
  const app = new Hono();
  app.route('/v1', apiRoutes(services));
  app.route('/sandbox', controlRoutes(control, services.options.controlToken));
  app.notFound((c) => c.json({ message: `Nothing at ${c.req.path}.` }, 404));
  const listening = await listen(app, services.options.host, services.options.port);
  services.baseUrl = listening.url;
  if (options.seedClinic) control.seedClinic();
  let stopped = false;
  return {
    url: listening.url,
    apiUrl: `${listening.url}/v1`,
    controlToken: services.options.controlToken,
    control,
    clock: services.clock,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await listening.close();
    },
  };
}
