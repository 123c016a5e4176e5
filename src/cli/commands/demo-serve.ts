/**
 * Where `npm start` ends (issue 19 item 3): the demo's store served by the same server as
 * `ledgerbridge serve` — sign-in, the API, the dashboard, the scheduler and a worker — with the
 * Xero sandbox and the Cliniko and Clio emulators still running behind it, so "Sync now" and the
 * five-minute schedule reach them. An admin account is made with a password drawn for this run
 * and printed once; the store is thrown away by the next demo.
 *
 * @module
 */
import { randomSecret } from '../../auth/secret-token.js';
import { addUser } from '../../auth/users.js';
import type { Config } from '../../config/index.js';
import { DEMO_CONTACT_EMAIL } from '../../demo/connect-all.js';
import type { DemoResult } from '../../demo/run-demo.js';
import { makeLogger } from '../../log/logger.js';
import { serviceRuntimeOn } from '../../service/service-runtime.js';
import type { Database } from '../../store/database.js';
import type { CommandContext } from '../context.js';
import { serveUntil, stopSignal } from './serve.js';

export const DEMO_ADMIN = 'admin@demo.ledgerbridge.example';

export async function serveDemo(
  ctx: CommandContext,
  db: Database,
  demo: DemoResult,
  until: Promise<unknown> = stopSignal(),
): Promise<void> {
  const config = demoConfig(ctx.config, demo);
  // 24 random bytes: 32 characters of base64url, well over the 12 a password needs.
  const password = randomSecret(24);
  await addUser(db, { email: DEMO_ADMIN, password, role: 'admin', actor: 'demo' });
  const log = makeLogger(config, 'warn');
  const runtime = await serviceRuntimeOn(db, config, log, { schedules: true });
  // The demo command closes the store itself; the runtime here stops only the queue.
  const queueOnly = { ...runtime, stop: () => runtime.queue.stop() };
  await serveUntil({ ctx, config, runtime: queueOnly, log, until }, (port) => {
    const base = `http://${config.http.host}:${port}`;
    // The sandbox's Xero app learns the dashboard's callback, so "Connect Xero" works there too.
    demo.xero.control.registerClient({
      ...demo.connection.app,
      redirectUris: [`${base}/connect/xero/callback`],
    });
    ctx.out.line(
      [
        '',
        `The dashboard: ${base}/`,
        `  Sign in as ${DEMO_ADMIN} with the password ${password}`,
        '  (made for this demo only; the next demo starts a new store)',
        'Press Ctrl-C to stop.',
      ].join('\n'),
    );
    return Promise.resolve();
  });
}

/** The configuration the demo's server runs with: its sandbox, its emulators, its key. */
function demoConfig(base: Config, demo: DemoResult): Config {
  const url = demo.xero.url;
  return {
    ...base,
    secretKey: demo.connection.secretKey,
    xero: {
      ...base.xero,
      ...demo.connection.app,
      apiUrl: url,
      identityUrl: url,
      loginUrl: url,
    },
    sources: {
      ...base.sources,
      clinikoApiUrl: demo.practices.cliniko.apiUrl,
      clio: { ...base.sources.clio, baseUrl: demo.practices.clio.url },
      contactEmail: DEMO_CONTACT_EMAIL,
    },
  };
}
