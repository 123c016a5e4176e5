import { describe, expect, it } from 'vitest';
import { planTick, type TickInput } from './tick-plan.js';

const input = (extra: Partial<TickInput> = {}): TickInput => ({
  now: new Date('2026-12-04T10:00:00Z'),
  lastDay: '2026-12-04',
  intervalSeconds: 300,
  organisations: [
    { tenantId: 't1', status: 'connected' },
    { tenantId: 't2', status: 'needs_reconnect' },
  ],
  sources: [
    { name: 'clinic', kind: 'file' },
    { name: 'firm', kind: 'clio' },
    { name: 'app', kind: 'push' },
  ],
  ...extra,
});

describe('a scheduler tick', () => {
  it('syncs each connected organisation, pulls each PMS source, and sends the next tick an interval on', () => {
    expect(planTick(input())).toEqual([
      {
        name: 'pull-source',
        data: { source: 'firm', full: false },
        singletonKey: 'source:firm',
      },
      {
        name: 'sync-organisation',
        data: { tenantId: 't1', full: false },
        singletonKey: 'organisation:t1',
      },
      { name: 'tick', data: { day: '2026-12-04' }, singletonKey: 'tick', startAfterSeconds: 300 },
    ]);
  });

  it('the first tick of a day, and the first after a start, is a full re-check', () => {
    const nextDay = planTick(input({ now: new Date('2026-12-05T00:00:30Z') }));
    expect(nextDay.filter((s) => s.name !== 'tick').every((s) => s.data.full === true)).toBe(true);
    expect(nextDay.at(-1)!.data).toEqual({ day: '2026-12-05' });
    const { lastDay: _, ...started } = input();
    expect(planTick(started)[0]!.data.full).toBe(true);
  });

  it('renews the webhooks of the sources that are due, one waiting per source', () => {
    const sends = planTick(input({ webhooksDue: ['firm'] }));
    expect(sends.filter((s) => s.name === 'renew-webhooks')).toEqual([
      { name: 'renew-webhooks', data: { source: 'firm' }, singletonKey: 'webhooks:firm' },
    ]);
  });
});
