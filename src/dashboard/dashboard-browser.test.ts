/**
 * The dashboard in a real browser (issue 19): Debian's Chromium driven by playwright-core against
 * the server app on an ephemeral port, PGlite, the Xero sandbox and a real queue worker in
 * process. One browser for every case. A person signs in, sees the overview, finds the sync error
 * a missing account mapping caused, fixes the mapping on the Setup page, retries from the errors
 * page, sees the error gone and reads it all in the audit log. Every page: no serious or critical
 * axe-core violation, Tab reaches every control, nothing wider than 320 px, and a screenshot in
 * artifacts/screenshots/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSyncWorld, type SyncWorld } from '../../test/support/sync-world.js';
import { apiRoutes } from '../api/api-routes.js';
import { addUser } from '../auth/users.js';
import { serviceApp } from '../http/service-app.js';
import { exampleContact, exampleInvoice } from '../ledger/test-support/examples.js';
import { makeLogger } from '../log/logger.js';
import type { JobQueue } from '../queue/job-queue.js';
import { openJobQueue } from '../queue/pg-boss-queue.js';
import { dryRunNeeds } from '../service/setup-xero.js';
import { syncOrganisationJob } from '../service/sync-job.js';
import { deleteMapping } from '../store/mappings-repo.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';
import { makeSettingsCache } from '../xero/organisation-settings.js';
import { dashboardRoutes } from './dashboard-routes.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = 'artifacts/screenshots';
const EMAIL = 'pm@example.com';
const PASSWORD = 'correct horse battery';
const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

describe('the dashboard in Chromium', () => {
  let world: SyncWorld;
  let queue: JobQueue;
  let server: ServerType;
  let base: string;
  let browser: Browser;
  let page: Page;

  // Generous: PGlite, the queue's tables and Chromium all start here (~10 s on a quiet machine).
  beforeAll(async () => {
    world = await newSyncWorld({ backend: 'pglite' });
    const { db } = world;
    const settings = makeSettingsCache(world.api, world.clock);
    const syncDeps = { db, api: world.api, settings, clock: world.clock, batchSize: 50 };
    queue = await openJobQueue({ db, schedules: false, pollSeconds: 0.5 });
    await queue.work(
      'sync-organisation',
      syncOrganisationJob(queue, () => Promise.resolve(syncDeps), makeLogger({}, 'silent')),
    );
    await addUser(db, { email: EMAIL, password: PASSWORD, role: 'admin', actor: 'test' });
    // The cause: consultations ("time" lines) have no account in this organisation.
    await deleteMapping(db, {
      tenantId: world.tenantId,
      source: '*',
      type: 'line_kind_account',
      key: 'time',
    });
    await world.ingest(exampleContact, exampleInvoice);
    await world.sync();
    const app = serviceApp({
      db,
      queue,
      api: apiRoutes({
        db,
        clock: world.clock,
        queue,
        organisationSettings: (tenantId) => settings.get(tenantId),
      }),
      dashboard: dashboardRoutes({
        db,
        queue,
        clock: world.clock,
        intervalSeconds: 300,
        organisationSettings: (tenantId) => settings.get(tenantId),
        mappingNeeds: (tenantId) => dryRunNeeds(syncDeps, tenantId),
      }),
    });
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await queue?.stop();
    await world?.fresh.dispose();
  });

  it('signs in and shows the overview', async () => {
    await page.goto('/');
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('E-mail').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Overview');
    const orgName = world.organisations[0]!.name;
    expect(await page.getByRole('rowheader', { name: orgName }).count()).toBe(1);
  });

  it('fixes a missing mapping on the Setup page, retries from the errors page and sees the error gone', async () => {
    expect((await listOpenSyncErrors(world.db)).map((e) => e.code)).toEqual(['LB_MAPPING_MISSING']);
    await page.goto('/sync-errors');
    await page.getByRole('heading', { name: /no Xero mapping yet \(1\)/ }).waitFor();
    // The fix, on the Setup page: the missing mapping listed, its account chosen from the chart.
    await page.goto('/setup-sync');
    expect(await seriousViolations(page), '/setup-sync with a missing mapping').toEqual([]);
    expect(await unreachedByTab(page), '/setup-sync with a missing mapping').toEqual([]);
    await page.setViewportSize({ width: 320, height: 640 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      320,
    );
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('Xero choice for Line kind "time"').selectOption('200');
    await page.getByRole('button', { name: 'Save the mapping of Line kind "time"' }).click();
    await page.getByRole('status').filter({ hasText: 'uses this mapping' }).waitFor();
    await page.goto('/sync-errors');
    await page.getByRole('button', { name: /^Retry the 1 error/ }).click();
    await page.getByRole('status').filter({ hasText: 'will be tried again' }).waitFor();
    for (let i = 0; i < 60 && (await listOpenSyncErrors(world.db)).length > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 250));
    await page.goto('/sync-errors');
    await page.getByText('No open sync errors').waitFor();
    expect(world.xero('Invoices').map((i) => i.InvoiceNumber)).toContain('INV-1001');
  });

  it('reads who did what in the audit log', async () => {
    await page.goto('/audit');
    await page.getByLabel('Who').fill(EMAIL);
    await page.getByRole('button', { name: 'Filter' }).click();
    const table = page.getByRole('region', { name: 'Audit entries' });
    await expect(table.textContent()).resolves.toMatch(
      /mapping\.set[\s\S]*sync_errors\.retry|sync_errors\.retry[\s\S]*mapping\.set/,
    );
  });

  const PAGES = [
    '/',
    '/setup-sync',
    '/sync-errors',
    '/documents',
    '/audit',
    '/settings',
    '/users',
    '/api-keys',
  ];

  it('passes axe, reaches every control by Tab, fits 320 px, and keeps a screenshot of every page', async () => {
    await page.goto('/documents?number=INV-1001');
    const documentPath = await page
      .getByRole('link', { name: /invoice INV-1001/ })
      .getAttribute('href');
    for (const path of [...PAGES, documentPath!]) {
      await page.goto(path);
      expect(await seriousViolations(page), path).toEqual([]);
      expect(await unreachedByTab(page), path).toEqual([]);
      const name = path === '/' ? 'overview' : path.split('/')[1]!;
      await page.screenshot({
        path: `${SHOTS}/${documentPath === path ? 'document' : name}.png`,
        fullPage: true,
      });
      await page.setViewportSize({ width: 320, height: 640 });
      expect(
        await page.evaluate<number>('document.documentElement.scrollWidth'),
        path,
      ).toBeLessThanOrEqual(320);
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  });
});

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
