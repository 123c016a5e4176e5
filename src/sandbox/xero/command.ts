/**
 * What the CLI verb `ledgerbridge sandbox --port 4010` calls: start the sandbox, print where it
 * is, and hand back a stop handle.
 *
 * @module
 */
import type { Clock } from '../../time/clock.js';
import type { NewOrganisation } from './accounting/organisation.js';
import { startXeroSandbox } from './sandbox.js';
import type { XeroSandbox } from './sandbox.js';

export interface XeroSandboxCommandOptions {
  port?: number;
  host?: string;
  stateFile?: string;
  controlToken?: string;
  clock?: Clock;
  /** Organisations to create when the state has none (default: one AU demo company). */
  organisations?: NewOrganisation[];
  /** Rate limits on (default) or off. */
  limits?: boolean;
  print: (line: string) => void;
}

export const DEFAULT_DEMO_ORGANISATIONS: NewOrganisation[] = [
  { name: 'Demo Company (AU)', region: 'AU' },
];

export async function runXeroSandboxCommand(
  options: XeroSandboxCommandOptions,
): Promise<XeroSandbox> {
  const sandbox = await startXeroSandbox({
    port: options.port ?? 4010,
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.stateFile !== undefined ? { stateFile: options.stateFile } : {}),
    ...(options.controlToken !== undefined ? { controlToken: options.controlToken } : {}),
    ...(options.clock !== undefined ? { clock: options.clock } : {}),
    organisations: options.organisations ?? DEFAULT_DEMO_ORGANISATIONS,
    limits: { enabled: options.limits ?? true },
  });
  const { urls } = sandbox;
  options.print(`Xero sandbox listening on ${urls.base}`);
  options.print(`  XERO_LOGIN_URL = XERO_IDENTITY_URL = XERO_API_URL = ${urls.base}`);
  options.print(`  authorize:     ${urls.authorize}`);
  options.print(`  token:         ${urls.token}`);
  options.print(`  accounting API: ${urls.api}`);
  options.print(
    `  control:       ${urls.control}  (Authorization: Bearer ${sandbox.controlToken})`,
  );
  options.print(`  control token: ${sandbox.controlToken}`);
  for (const org of sandbox.control.organisations()) {
    options.print(`  organisation:  ${org.name} (${org.region}) tenant ${org.tenantId}`);
  }
  if (options.stateFile) options.print(`  state file:    ${options.stateFile} (saved on stop)`);
  return sandbox;
}
