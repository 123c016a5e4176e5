import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/support/backends.js';
import { latestRunOf } from '../../store/runs-repo.js';
import { readSourceCredentials } from '../../store/source-credentials-repo.js';
import { readSourceCursor } from '../../store/sources-repo.js';
import { openCredentials, storeCredentials } from '../credentials.js';
import type { ActionstepCredentials } from './credentials.js';
import {
  documents,
  key,
  ORG,
  pull,
  SOURCE,
  firmPerTest,
  through,
  type Rewrite,
} from './test-support.js';

const asList = (value: unknown) =>
  (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];

describe.each(BACKENDS)('the Actionstep connector when things go wrong, on %s', (backend) => {
  const begin = firmPerTest(backend);
  const start = () => begin(true);

  it('refreshes once on a 401 mid-pull and keeps the rotated tokens; a spent grant needs reconnecting, without a retry storm', async () => {
    const { db, firm } = await start();
    const before = (await openCredentials(db, key, SOURCE)) as ActionstepCredentials;
    const expireOnThird = through({
      before: (_r, n) => void (n === 3 && firm.emulator.control.expireAccessTokens()),
    });
    const report = await pull(db, { fetch: expireOnThird });
    expect(report.status).toBe('succeeded');
    const after = (await openCredentials(db, key, SOURCE)) as ActionstepCredentials;
    expect(after.refreshToken).not.toBe(before.refreshToken);
    expect(after).toMatchObject({ apiEndpoint: before.apiEndpoint, orgkey: ORG });

    // The grant is gone (here: the spent refresh token stored again): one refused call, one
    // refused refresh, then "needs reconnecting" and no further request from later pulls.
    await storeCredentials(db, key, SOURCE, before, {});
    firm.emulator.control.expireAccessTokens();
    firm.emulator.control.resetStats();
    const refused = await pull(db);
    expect(refused.error?.code).toBe('LB_SOURCE_NEEDS_RECONNECT');
    expect(await readSourceCredentials(db, SOURCE)).toMatchObject({ status: 'needs_reconnect' });
    const { byEndpoint } = firm.emulator.control.stats();
    expect(byEndpoint).toEqual({
      'GET /divisions': { '401': 1 },
      'POST /api/oauth/token': { '400': 1 },
    });
    await expect(pull(db)).rejects.toMatchObject({ code: 'LB_SOURCE_NEEDS_RECONNECT' });
    expect(firm.emulator.control.stats().requests).toBe(2);
  });

  it('waits as a 429 says and carries on', async () => {
    const { db, firm } = await start();
    firm.emulator.control.setFaults({
      seed: 3,
      rules: [{ kind: 'http429', endpoint: 'GET /*', rate: 0.4, retryAfterSeconds: 2 }],
    });
    const report = await pull(db);
    expect(report.status).toBe('succeeded');
    const throttled = firm.emulator.control.stats().faults.http429;
    expect(throttled).toBeGreaterThan(0);
    expect((await latestRunOf(db, SOURCE, 'pull'))?.stats).toMatchObject({ throttled });
    expect((await documents(db, 'invoice')).size).toBe(
      firm.emulator.control.list(ORG, 'bills').length,
    );
  });

  it('keeps the cursor at the last stored page when a page fails half-way, and resumes without a gap', async () => {
    const { db, firm } = await start();
    firm.clock.advance(60_000);
    firm.emulator.control.generateBills(ORG, 200, 1);
    firm.clock.advance(60_000);
    firm.emulator.control.generateBills(ORG, 200, 2);
    let billPages = 0;
    const secondPageFails = through({
      before: (resource) =>
        resource === 'bills' && ++billPages >= 2 ? new Response('', { status: 503 }) : undefined,
    });
    const failed = await pull(db, { fetch: secondPageFails });
    expect(failed.error?.code).toBe('LB_SOURCE_UNAVAILABLE');
    const cursor = (await readSourceCursor(db, SOURCE)) ?? {};
    expect(Object.keys(cursor).sort()).toEqual(['bills', 'participants']);
    const stored = await documents(db, 'invoice');
    expect(stored.size).toBe(200);
    const newestStored = Math.max(
      ...[...stored.values()].map((i) => Date.parse(String(i.updatedAt))),
    );
    expect(Date.parse(String(cursor.bills))).toBe(newestStored);

    const resumed = await pull(db);
    expect(resumed.status).toBe('succeeded');
    const all = firm.emulator.control.list(ORG, 'bills');
    expect((await documents(db, 'invoice')).size).toBe(all.length);
  });

  it('rejects bad records by field and value and stores the rest: missing fields, 4-decimal money, duplicate ids; unicode and right-to-left names pass', async () => {
    const { db, firm } = await start();
    const closed = firm.seed.bills.closed;
    const rewrite: Rewrite = (resource, body) => {
      if (resource === 'participants') {
        const list = asList(body.participants);
        list[1] = { ...list[1], displayName: 'مريم الحسيني' };
        list.push({ ...list[2], displayName: 'A second record with one id' });
        list.push({ ...list[3], id: 99001, displayName: null });
        body.participants = list;
      }
      if (resource === 'bills')
        body.bills = asList(body.bills).map((b) =>
          b.id === closed ? { ...b, totalInclusive: 1049.9512 } : b,
        );
    };
    const report = await pull(db, { fetch: through({ rewrite }) });
    expect(report.status).toBe('partial');
    expect(report.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'LB_SOURCE_INVALID_RECORD',
          document: 'participant 99001',
          field: 'displayName',
          value: null,
        }),
        expect.objectContaining({ code: 'LB_SOURCE_DUPLICATE_ID', field: 'sourceId' }),
        expect.objectContaining({
          code: 'LB_SOURCE_INVALID_RECORD',
          field: 'total',
          value: 1049.9512,
        }),
      ]),
    );
    const contacts = await documents(db, 'contact');
    expect([...contacts.values()].map((c) => c.name)).toContain('مريم الحسيني');
    expect(contacts.has('99001')).toBe(false);
    const invoices = await documents(db, 'invoice');
    expect(invoices.has(String(closed))).toBe(false);
    expect(invoices.size).toBe(firm.emulator.control.list(ORG, 'bills').length - 1);
  });
});
