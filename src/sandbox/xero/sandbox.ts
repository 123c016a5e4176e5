/**
 * `startXeroSandbox`: a local Xero on one base URL — identity, accounting API and control routes.
 *
 * @module
 */
import type { Clock } from '../../time/clock.js';
import { SandboxControl } from './control/control.js';
import { buildApp } from './http/app.js';
import type { XeroSandboxOptions } from './options.js';
import { listen } from './server.js';
import { createServices, resolveOptions } from './services.js';
import { emptyState, loadStateFile, saveStateFile } from './state.js';

export interface XeroSandboxUrls {
  /** The one base URL: set XERO_LOGIN_URL, XERO_IDENTITY_URL and XERO_API_URL to it. */
  base: string;
  authorize: string;
  token: string;
  revocation: string;
  connections: string;
  api: string;
  control: string;
}

export interface XeroSandbox {
  url: string;
  port: number;
  urls: XeroSandboxUrls;
  controlToken: string;
  control: SandboxControl;
  clock: Clock;
  /** Stops listening, ends open connections and saves the state file (if any). */
  stop(): Promise<void>;
}

export function sandboxUrls(base: string): XeroSandboxUrls {
  return {
    base,
    authorize: `${base}/identity/connect/authorize`,
    token: `${base}/connect/token`,
    revocation: `${base}/connect/revocation`,
    connections: `${base}/connections`,
    api: `${base}/api.xro/2.0`,
    control: `${base}/sandbox`,
  };
}

export async function startXeroSandbox(options: XeroSandboxOptions = {}): Promise<XeroSandbox> {
  const resolved = resolveOptions(options);
  const loaded = resolved.stateFile ? await loadStateFile(resolved.stateFile) : undefined;
  const state = loaded ?? emptyState();
  const services = createServices(resolved, state);
  const stateFile = resolved.stateFile;
  const persist = async (): Promise<void> => {
    if (stateFile) await saveStateFile(stateFile, state);
  };
  const control = new SandboxControl(services, persist);
  if (state.orgs.size === 0)
    for (const spec of resolved.organisations) control.createOrganisation(spec);
  const listening = await listen(buildApp(services, control), resolved.host, resolved.port);
  services.baseUrl = listening.url;
  let stopped = false;
  return {
    url: listening.url,
    port: listening.port,
    urls: sandboxUrls(listening.url),
    controlToken: resolved.controlToken,
    control,
    clock: resolved.clock,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      control.disableWebhook();
      services.shutdown();
      await listening.close();
      await persist();
    },
  };
}
