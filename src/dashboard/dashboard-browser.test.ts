/**
 * The dashboard in a real browser (issue 19): Debian's Chromium driven by playwright-core against
 * the web server exactly as `serve` builds it (src/service/server-app.ts) and its job workers,
 * from an EMPTY store (PGlite), with the Cliniko emulator and the Xero sandbox in process. One
 * browser, one walk: an admin connects Cliniko with its API key and two Xero organisations through
 * Xero's consent, routes the clinic's businesses, saves its options on Setup, fetches and syncs; the first sync
 * is refused for want of mappings, which the admin chooses on the Setup page, retries from the
 * errors page and sees cleared; the audit log shows all of it. An accountant signs in and finds no
 * connection or key controls. Every page: no serious or critical axe-core violation, Tab reaches
 * every control, nothing wider than 320 px, and a screenshot in artifacts/screenshots/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import type { Hono } from 'hono';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase, type FreshDatabase } from '../../test/support/backends.js';
import { TEST_SECRET } from '../../test/support/xero-world.js';
import { addUser } from '../auth/users.js';
import { loadConfig } from '../config/load-config.js';
import type { AuthEnv } from '../http/principal.js';
import { makeLogger } from '../log/logger.js';
import type { JobQueue } from '../queue/job-queue.js';
import { openJobQueue } from '../queue/pg-boss-queue.js';
import { startClinikoEmulator, type ClinikoEmulator } from '../sandbox/cliniko/index.js';
import { startXeroSandbox, type XeroSandbox } from '../sandbox/xero/index.js';
import { serverApp } from '../service/server-app.js';
import { startWorking } from '../service/service-runtime.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = 'artifacts/screenshots';
const ADMIN = 'pm@example.com';
const ACCOUNTANT = 'accounts@example.com';
const PASSWORD = 'correct horse battery';
const ORGS = ['Harbour Physio Pty Ltd', 'Harbour Physio North Pty Ltd'];
/** What an accountant would choose for the clinic's needs (accounts of the AU demo chart). */
const CHOICES: readonly [RegExp, string][] = [
  [/^Tax code "GST Free"/, 'EXEMPTOUTPUT'],
  [/^Tax code/, 'OUTPUT'],
  [/^Payment method/, '090'],
  [/./, '200'],
];
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const silent = makeLogger({}, 'silent');

describe('the dashboard in Chromium, from an empty store', () => {
  let fresh: FreshDatabase;
  let cliniko: ClinikoEmulator;
  let xero: XeroSandbox;
  let queue: JobQueue;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let page: Page;
  // The chart counts calls since midnight UTC: a run that crosses midnight may rightly show 0.
  const startDay = new Date().toISOString().slice(0, 10);

  // Generous: PGlite, the queue's tables and Chromium all start here (~10 s on a quiet machine).
  beforeAll(async () => {
    fresh = await freshDatabase('pglite');
    cliniko = await startClinikoEmulator({ seedClinic: true, rateLimit: { enabled: false } });
    xero = await startXeroSandbox({ organisations: ORGS.map((name) => ({ name, region: 'AU' })) });
    const late: { app?: Hono<AuthEnv> } = {};
    server = serve({
      fetch: (request) =>
        late.app ? late.app.fetch(request) : new Response('starting', { status: 503 }),
      port: 0,
      hostname: '127.0.0.1',
    });
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const client = xero.control.registerClient({ redirectUris: [`${base}/connect/xero/callback`] });
    const config = loadConfig({
      env: {
        LEDGERBRIDGE_SECRET_KEY: TEST_SECRET,
        LEDGERBRIDGE_PUBLIC_URL: base,
        XERO_CLIENT_ID: client.clientId,
        XERO_CLIENT_SECRET: client.clientSecret,
        XERO_API_URL: xero.url,
        XERO_IDENTITY_URL: xero.url,
        XERO_LOGIN_URL: xero.url,
        CLINIKO_API_URL: cliniko.apiUrl,
        LEDGERBRIDGE_CONTACT_EMAIL: 'tests@example.com',
      },
    });
    queue = await openJobQueue({ db: fresh.db, schedules: false, pollSeconds: 0.5 });
    await startWorking({ db: fresh.db, queue, stop: () => queue.stop() }, config, silent);
    late.app = await serverApp(config, fresh.db, queue, silent);
    for (const [email, role] of [
      [ADMIN, 'admin'],
      [ACCOUNTANT, 'accountant'],
    ] as const)
      await addUser(fresh.db, { email, password: PASSWORD, role, actor: 'test' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await (await browser.newContext({ baseURL: base })).newPage();
    page.setDefaultTimeout(10_000);
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await queue?.stop();
    await fresh?.dispose();
    await cliniko?.stop();
    await xero?.stop();
  });

  it('connects Cliniko and Xero, routes, sets an option and runs a first sync', async () => {
    await signIn(page, base, ADMIN);
    await page.goto('/setup-sync');
    await page.getByRole('link', { name: 'Connect a practice system or Xero' }).click();
    await check(page, '/connections (empty)', 'connections-empty');
    await page.getByLabel(/^API key/).fill(cliniko.control.addApiKey());
    await page.getByRole('button', { name: 'Connect Cliniko' }).click();
    await page.getByRole('status').filter({ hasText: 'Connected.' }).waitFor();
    await page.getByRole('link', { name: 'Connect Xero organisations' }).click();
    await page.getByRole('status').filter({ hasText: 'Xero is connected' }).waitFor();
    for (const name of ORGS) await page.getByRole('rowheader', { name }).waitFor();
    await check(page, '/connections', 'connections');

    await page.goto('/setup-sync');
    const routes = page.getByLabel(/^Organisation for cliniko \//);
    expect(await routes.count()).toBeGreaterThan(0);
    for (let i = 0; i < (await routes.count()); i++) {
      await page
        .getByLabel(/^Organisation for cliniko \//)
        .nth(i)
        .selectOption({ label: ORGS[0]! });
      await page
        .getByRole('button', { name: /^Save the route of cliniko/ })
        .nth(i)
        .click();
      await page.getByRole('status').filter({ hasText: 'from the next sync' }).waitFor();
    }
    // Options in the wizard itself: the source's form, explained and pre-filled, saved.
    await page.getByLabel('Send payments to Xero').check();
    await page.getByRole('button', { name: /^Save the options of cliniko/ }).click();
    await page.getByRole('status').filter({ hasText: 'uses these options' }).waitFor();
    await page.getByText(/Options \(Done\)/).waitFor();

    await page.goto('/setup-sync');
    await page.getByRole('button', { name: 'Fetch and sync now' }).click();
    await page.getByRole('status').filter({ hasText: 'A sync was queued' }).waitFor();
    await until(async () => (await listOpenSyncErrors(fresh.db)).length > 0);
  });

  it('fixes the first sync’s errors by choosing mappings, retries them and sees them cleared', async () => {
    await page.goto('/sync-errors');
    await page
      .getByRole('heading', { name: /no Xero mapping yet/ })
      .first()
      .waitFor();
    await page.goto('/setup-sync');
    await check(page, '/setup-sync with missing mappings', 'setup-sync');
    for (let n = 0; n < 12; n++) {
      const open = page.locator('select[name=value]:has(option[value=""]:checked)');
      if ((await open.count()) === 0) break;
      const label = (await open.first().getAttribute('id'))!;
      const what = (await page.locator(`label[for="${label}"]`).textContent())!
        .replace('Xero choice for ', '')
        .trim();
      await open.first().selectOption(CHOICES.find(([re]) => re.test(what))![1]);
      await page.getByRole('button', { name: `Save the mapping of ${what}` }).click();
      await page.getByRole('status').filter({ hasText: 'uses this mapping' }).waitFor();
    }
    await page.goto('/sync-errors');
    await page.getByRole('button', { name: /^Retry all/ }).click();
    await page.getByRole('status').filter({ hasText: 'will be tried again' }).waitFor();
    await until(async () => (await listOpenSyncErrors(fresh.db)).length === 0);
    await page.goto('/sync-errors');
    await page.getByText('No open sync errors').waitFor();
    const tenant = xero.control.organisations().find((o) => o.name === ORGS[0])!.tenantId;
    expect(xero.control.listDocuments(tenant, 'Invoices').length).toBeGreaterThan(0);
  });

  it('reads who did what in the audit log', async () => {
    await page.goto('/audit');
    await page.getByLabel('Who').fill(ADMIN);
    await page.getByRole('button', { name: 'Filter' }).click();
    const text = await page.getByRole('region', { name: 'Audit entries' }).textContent();
    for (const action of ['source.connect', 'route.set', 'settings.set', 'sync.now'])
      expect(text).toContain(action);
    expect(text).toMatch(/mapping\.set/);
    expect(text).toMatch(/sync_errors\.retry/);
  });

  it('passes axe, reaches every control by Tab, fits 320 px, and keeps a screenshot of every page', async () => {
    await page.goto('/');
    const chart = page.getByRole('img', {
      name: new RegExp(
        `Xero calls today for ${ORGS[0]}: ${startDay === new Date().toISOString().slice(0, 10) ? '[1-9]' : '\\d'}`,
      ),
    });
    expect(await chart.count()).toBe(1);
    expect(await page.getByRole('region', { name: 'Sources' }).textContent()).toMatch(
      /min|under a minute/,
    );
    for (const path of [
      '/',
      '/sync-errors',
      '/documents',
      '/audit',
      '/settings',
      '/users',
      '/api-keys',
    ]) {
      await page.goto(path);
      await check(page, path, path === '/' ? 'overview' : path.slice(1));
    }
    await page.goto('/documents');
    await page
      .getByRole('link', { name: /^invoice / })
      .first()
      .click();
    await check(page, 'a document', 'document');
  });

  it('shows an accountant no connection or key controls', async () => {
    const accountant = await (await browser.newContext({ baseURL: base })).newPage();
    await signIn(accountant, base, ACCOUNTANT);
    const nav = accountant.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Setup' }).waitFor();
    for (const name of ['Connections', 'Users', 'API keys'])
      expect(await nav.getByRole('link', { name }).count()).toBe(0);
    await accountant.goto('/setup-sync');
    expect(await accountant.getByRole('link', { name: /^Connect/ }).count()).toBe(0);
    expect((await accountant.goto('/connections'))!.status()).toBe(403);
    await accountant.context().close();
  });
});

async function signIn(page: Page, base: string, email: string): Promise<void> {
  await page.goto('/');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/`);
}

/** Polls (the queue's workers run beside the test) for up to 30 s. */
async function until(done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('timed out waiting for the workers');
}

/** The page now: axe, Tab, 320 px, and its screenshot. */
async function check(page: Page, what: string, shot: string): Promise<void> {
  expect(await seriousViolations(page), what).toEqual([]);
  expect(await unreachedByTab(page), what).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/${shot}.png`, fullPage: true });
  await page.setViewportSize({ width: 320, height: 640 });
  expect(
    await page.evaluate<number>('document.documentElement.scrollWidth'),
    what,
  ).toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 1280, height: 800 });
}

interface Violation {
  id: string;
  impact: string;
  nodes: { target: string[] }[];
}

// Code that runs in the page is given as text: this project compiles without the DOM's types.
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const found = await page.evaluate<Violation[]>('axe.run().then((r) => r.violations)');
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const CONTROLS =
  'a[href], button, input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex="-1"])';

/** Tabs through the page from the top and names every visible control focus never reached. */
async function unreachedByTab(page: Page): Promise<string[]> {
  const total = await page.evaluate<number>(`(() => {
    const controls = Array.from(document.querySelectorAll(${JSON.stringify(CONTROLS)}))
      .filter((e) => e.getClientRects().length > 0 || e.classList.contains('skip'));
    controls.forEach((e, i) => e.setAttribute('data-kb', String(i)));
    return controls.length;
  })()`);
  const reached = new Set<string>();
  // A date input takes three Tabs in Chromium (day, month, year), so allow a few per control.
  for (let i = 0; i < total * 3 + 5 && reached.size < total; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate<string | null>(
      "document.activeElement && document.activeElement.getAttribute('data-kb')",
    );
    if (id) reached.add(id);
  }
  return page.evaluate<string[]>(`Array.from(document.querySelectorAll('[data-kb]'))
    .filter((e) => !${JSON.stringify([...reached])}.includes(e.getAttribute('data-kb')))
    .map((e) => e.outerHTML.slice(0, 80))`);
}
