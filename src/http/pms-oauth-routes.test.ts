import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase } from '../../test/support/backends.js';
import { loadConfig } from '../config/load-config.js';
import { startActionstepEmulator } from '../sandbox/actionstep/index.js';
import { startClioEmulator, type ClioEmulator } from '../sandbox/clio/index.js';
import { pmsConnectors } from '../service/pms-consent.js';
import { listAudit } from '../store/audit-repo.js';
import { readSourceCredentials } from '../store/source-credentials-repo.js';
import { systemClock } from '../time/clock.js';
import { pmsOAuthRoutes } from './pms-oauth-routes.js';

const BASE = 'http://ledgerbridge.test';

describe('connecting Clio from the dashboard', () => {
  let emulator: ClioEmulator;
  let app: { clientId: string; clientSecret: string };
  beforeAll(async () => {
    emulator = await startClioEmulator({
      rateLimit: { enabled: false },
      firms: [{ name: 'Harbour Law', region: 'au', seedLawFirm: true }],
    });
    app = emulator.control.registerApp({ redirectUris: [`${BASE}/connect/clio/callback`] });
  });
  afterAll(() => emulator.stop());

  it.each(BACKENDS)(
    'on %s: sends the browser to the consent page with PKCE, accepts its state once, refuses a forged one',
    async (backend) => {
      const fresh = await freshDatabase(backend);
      const { db } = fresh;
      try {
        const config = loadConfig({
          env: {
            LEDGERBRIDGE_SECRET_KEY: 'pms-oauth-routes-test-secret-000000001',
            CLIO_CLIENT_ID: app.clientId,
            CLIO_CLIENT_SECRET: app.clientSecret,
            CLIO_BASE_URL: emulator.url,
            CLIO_REGION: 'au',
          },
        });
        const connectors = pmsConnectors(config, db, systemClock, BASE);
        const routes = pmsOAuthRoutes(connectors);
        const consent = new URL(await connectors.begin('clio', 'harbour-law', 'pm@example.com'));
        expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
        expect(consent.searchParams.get('redirect_uri')).toBe(`${BASE}/connect/clio/callback`);
        const back = new URL(
          (await fetch(consent, { redirect: 'manual' })).headers.get('location')!,
        );
        const code = back.searchParams.get('code');
        expect(
          (await routes.request(`/connect/clio/callback?code=${code}&state=forged`)).status,
        ).toBe(400);
        const done = await routes.request(`/connect/clio/callback${back.search}`);
        expect(done.headers.get('location')).toBe('/connections?notice=source-connected');
        expect((await routes.request(`/connect/clio/callback${back.search}`)).status).toBe(400);
        expect((await readSourceCredentials(db, 'harbour-law'))?.status).toBe('active');
        const entry = (await listAudit(db)).find((e) => e.action === 'source.connect');
        expect(entry).toMatchObject({ actor: 'pm@example.com', source: 'harbour-law' });
        expect(JSON.stringify(entry)).not.toContain(app.clientSecret);
      } finally {
        await fresh.dispose();
      }
    },
  );
});

describe('connecting Actionstep from the dashboard', () => {
  it.each(BACKENDS)(
    'on %s: sends the browser to the consent page with PKCE, accepts its state once, audits the connection',
    async (backend) => {
      const emulator = await startActionstepEmulator({
        organisations: [{ name: 'Harbour Law', orgkey: 'harbourlaw' }],
      });
      const fresh = await freshDatabase(backend);
      try {
        const app = emulator.control.registerApp({
          redirectUris: [`${BASE}/connect/actionstep/callback`],
        });
        const config = loadConfig({
          env: {
            LEDGERBRIDGE_SECRET_KEY: 'pms-oauth-routes-test-secret-000000001',
            ACTIONSTEP_CLIENT_ID: app.clientId,
            ACTIONSTEP_CLIENT_SECRET: app.clientSecret,
            ACTIONSTEP_AUTHORIZE_URL: emulator.urls.authorize,
            ACTIONSTEP_TOKEN_URL: emulator.urls.token,
          },
        });
        const connectors = pmsConnectors(config, fresh.db, systemClock, BASE);
        const routes = pmsOAuthRoutes(connectors);
        const consent = new URL(await connectors.begin('actionstep', 'harbour', 'pm@example.com'));
        expect(consent.searchParams.get('code_challenge_method')).toBe('S256');
        const back = new URL(
          (await fetch(consent, { redirect: 'manual' })).headers.get('location')!,
        );
        const done = await routes.request(`/connect/actionstep/callback${back.search}`);
        expect(done.headers.get('location')).toBe('/connections?notice=source-connected');
        expect((await routes.request(`/connect/actionstep/callback${back.search}`)).status).toBe(
          400,
        );
        const stored = await readSourceCredentials(fresh.db, 'harbour');
        expect(stored?.status).toBe('active');
        const entry = (await listAudit(fresh.db)).find((e) => e.action === 'source.connect');
        expect(entry).toMatchObject({ actor: 'pm@example.com', source: 'harbour' });
        expect(JSON.stringify(entry)).not.toContain(app.clientSecret);
      } finally {
        await fresh.dispose();
        await emulator.stop();
      }
    },
  );
});
