/**
 * Setup's options step through the server app as `serve` builds it, on both backends: each
 * practice system's options pre-filled with the values in force, a refused value named with the
 * option and the value and the form keeping what was typed, a good change saved for that source
 * alone and audited, options accepted unchanged marking the step done, a date cleared for one
 * source over a global one, CSRF, and a viewer kept out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { serverWorld, signedInAs, type ServerWorld } from '../../test/support/server-world.js';
import { listAudit } from '../store/audit-repo.js';
import { scopesWithAny } from '../store/settings-repo.js';
import { ensureSource } from '../store/sources-repo.js';
import { DEFAULT_SYNC_SETTINGS, loadSyncSettings } from '../sync/sync-settings.js';

const ROLES = ['admin', 'accountant', 'viewer'] as const;

/** The clinic form's fields as a person fills them in (a box left unticked is not sent). */
const CHANGE: [string, string][] = [
  ['source', 'clinic'],
  ['pushStatuses', 'awaiting_payment'],
  ['pushStatuses', 'paid'],
  ['createdAfter', '2026-07-01'],
  ['issueDateFrom', ''],
  ['syncPayments', 'true'],
  ['summariseLines', 'true'],
];

describe.each(BACKENDS)("Setup's options step on %s", (backend) => {
  let world: ServerWorld;
  const sessions = new Map<string, { cookie: string; csrf: string }>();
  beforeAll(async () => {
    world = await serverWorld(backend);
    for (const role of ROLES) sessions.set(role, await signedInAs(world.app, world.fresh.db, role));
    await ensureSource(world.fresh.db, 'clinic', 'file');
    await ensureSource(world.fresh.db, 'north', 'file');
  });
  afterAll(async () => world.dispose());

  const get = async (role: string, path: string) => {
    const res = await world.app.request(path, { headers: { cookie: sessions.get(role)!.cookie } });
    return { status: res.status, text: await res.text() };
  };
  const post = (role: string, path: string, fields: [string, string][], csrf = true) =>
    world.app.request(path, {
      method: 'POST',
      headers: {
        cookie: sessions.get(role)!.cookie,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams([
        ...fields,
        ...(csrf ? [['_csrf', sessions.get(role)!.csrf] as [string, string]] : []),
      ]).toString(),
    });
  const savedScopes = () => scopesWithAny(world.fresh.db, Object.keys(DEFAULT_SYNC_SETTINGS));
  /** One source's form on the page, from its heading to the end of its form. */
  const formOf = (page: string, source: string) =>
    new RegExp(`<h3 id="opts-\\d+">${source}</h3>[\\s\\S]*?</form>`).exec(page)?.[0] ?? '';

  it('shows each source its options pre-filled with the values in force, not yet saved', async () => {
    const settings = await post('admin', '/settings', [
      ['pushStatuses', 'paid'],
      ['appendSourceIdToContactNames', 'true'],
    ]);
    expect(settings.status).toBe(303);
    const page = await get('accountant', '/setup-sync');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<strong>Options<\/strong> \(To do\):\s+0 of 2 practice system/);
    const clinic = formOf(page.text, 'clinic');
    expect(clinic).toContain('action="/setup-sync/options"');
    expect(clinic).toContain(`name="_csrf" value="${sessions.get('accountant')!.csrf}"`);
    expect(clinic).toContain('Not saved yet');
    // The global change shows (only paid, payments off as the form left it unticked).
    expect(clinic).toMatch(/value="paid"[^>]*checked/);
    expect(clinic).not.toMatch(/value="awaiting_payment"[^>]*checked/);
    expect(clinic).not.toMatch(/name="syncPayments"[^>]*checked/);
    expect(clinic).toMatch(/name="appendSourceIdToContactNames"[^>]*checked/);
    expect(clinic).toContain('Xero refuses a second contact with a name it already has');
    expect(formOf(page.text, 'north')).toContain('Save the options of north');
  });

  it('refuses a bad value naming the option and the value, keeps what was typed, saves nothing', async () => {
    const typed: [string, string][] = [...CHANGE, ['issueDateTo', '2026-02-31']];
    const res = await post('accountant', '/setup-sync/options', typed);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain(
      'Not saved: Invoices issued until &quot;2026-02-31&quot; is not a day in the calendar.',
    );
    const clinic = formOf(page, 'clinic');
    expect(clinic).toContain('value="2026-02-31"');
    expect(clinic).toContain('value="2026-07-01"');
    expect(clinic).toMatch(/name="summariseLines"[^>]*checked/);
    expect(formOf(page, 'north')).not.toContain('2026-07-01');
    const range: [string, string][] = [
      ...CHANGE.filter(([k]) => k !== 'issueDateFrom'),
      ['issueDateFrom', '2026-07-01'],
      ['issueDateTo', '2026-06-30'],
    ];
    const backwards = await post('accountant', '/setup-sync/options', range);
    expect(backwards.status).toBe(400);
    expect(await backwards.text()).toContain(
      'Not saved: Invoices issued until &quot;2026-06-30&quot; is before the day invoices are issued from (2026-07-01)',
    );
    const status = await post('accountant', '/setup-sync/options', [...CHANGE, ['pushStatuses', 'sent']]); // prettier-ignore
    expect(await status.text()).toContain(
      'Not saved: Invoice statuses sent to Xero &quot;awaiting_payment, paid, sent&quot;',
    );
    const nobody = await post('accountant', '/setup-sync/options', [['source', 'nowhere']]);
    expect(nobody.status).toBe(400);
    expect(await nobody.text()).toContain(
      'Not saved: Practice system &quot;nowhere&quot; is not known here',
    );
    expect(await savedScopes()).toEqual(['global']);
  });

  it('saves a good change for that source alone, shows it, and audits it', async () => {
    const res = await post('accountant', '/setup-sync/options', CHANGE);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/setup-sync?notice=options-saved');
    expect(await loadSyncSettings(world.fresh.db, 'clinic')).toEqual({
      ...DEFAULT_SYNC_SETTINGS,
      pushStatuses: ['awaiting_payment', 'paid'],
      createdAfter: '2026-07-01',
      syncPayments: true,
      summariseLines: true,
      appendSourceIdToContactNames: false,
    });
    expect((await loadSyncSettings(world.fresh.db, 'north')).pushStatuses).toEqual(['paid']);
    const page = (await get('accountant', '/setup-sync?notice=options-saved')).text;
    expect(page).toContain('Saved. The practice system&#39;s next sync uses these options.');
    expect(page).toMatch(/\(To do\):\s+1 of 2 practice system/);
    const clinic = formOf(page, 'clinic');
    expect(clinic).toContain('Saved for this practice system.');
    expect(clinic).toContain('value="2026-07-01"');
    expect(clinic).toMatch(/name="summariseLines"[^>]*checked/);
    const [entry] = await listAudit(world.fresh.db, 1);
    expect(entry).toMatchObject({
      action: 'settings.set',
      actor: 'accountant@example.com',
      source: 'clinic',
      detail: { createdAfter: '2026-07-01', issueDateFrom: null, summariseLines: true },
    });
  });

  it('marks the step done once every source accepts its options, even unchanged', async () => {
    const north = formOf((await get('admin', '/setup-sync')).text, 'north');
    const shown: [string, string][] = [
      ['source', 'north'],
      ...[
        ...north.matchAll(/<input\s+type="checkbox"\s+name="(\w+)"\s+value="(\w+)"[^>]*checked/g),
      ].map((m): [string, string] => [m[1]!, m[2]!]),
    ];
    expect(shown).toContainEqual(['pushStatuses', 'paid']);
    const before = await loadSyncSettings(world.fresh.db, 'north');
    expect((await post('admin', '/setup-sync/options', shown)).status).toBe(303);
    expect(await loadSyncSettings(world.fresh.db, 'north')).toEqual(before);
    expect(await savedScopes()).toEqual(['global', 'source:clinic', 'source:north']);
    expect((await get('admin', '/setup-sync')).text).toMatch(
      /<strong>Options<\/strong> \(Done\):\s+2 of 2 practice system/,
    );
  });

  it("clears one source's date even when a global one is set", async () => {
    const global = await post('admin', '/settings', [['createdAfter', '2025-01-01']]);
    expect(global.status).toBe(303);
    const cleared = CHANGE.map(([k, v]): [string, string] => [k, k === 'createdAfter' ? '' : v]);
    expect((await post('admin', '/setup-sync/options', cleared)).status).toBe(303);
    expect((await loadSyncSettings(world.fresh.db, 'clinic')).createdAfter).toBeUndefined();
    expect((await loadSyncSettings(world.fresh.db, '')).createdAfter).toBe('2025-01-01');
  });

  it('needs the CSRF token and keeps viewers out', async () => {
    const audited = (await listAudit(world.fresh.db)).length;
    expect((await post('admin', '/setup-sync/options', CHANGE, false)).status).toBe(403);
    expect((await get('viewer', '/setup-sync')).status).toBe(403);
    expect((await post('viewer', '/setup-sync/options', CHANGE)).status).toBe(403);
    expect((await listAudit(world.fresh.db)).length).toBe(audited);
  });
});
