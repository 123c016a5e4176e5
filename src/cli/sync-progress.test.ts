import { describe, expect, it } from 'vitest';
import { makeSyncProgress } from './sync-progress.js';

function recorder(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (t: string) => written.push(t) }, written };
}

describe('sync progress', () => {
  it('is quiet when stderr is not a terminal, unless asked', () => {
    const { stream } = recorder(false);
    expect(makeSyncProgress(stream, { force: false, batchSize: 50 })).toBeUndefined();
    expect(makeSyncProgress(stream, { force: true, batchSize: 50 })).toBeDefined();
  });

  it('names the phase, done of total, calls, the wait and its reason, and the time left', () => {
    let t = 0;
    const { stream, written } = recorder(false);
    const p = makeSyncProgress(stream, { force: true, batchSize: 50, now: () => t })!;
    p.observer.organisation?.({
      tenantId: 't',
      name: 'Demo Clinic Ltd',
      pending: { invoice: 1_500, payment: 500 },
    });
    p.observer.phase?.({ tenantId: 't', kind: 'invoice' });
    for (let i = 0; i < 7; i++) {
      t += 1_500;
      p.call();
      p.observer.decided?.({ tenantId: 't', kind: 'invoice', count: 50 });
    }
    p.wait('minute', 12_000);
    const last = written.at(-1)!;
    expect(last).toBe(
      // 1,150 invoices and 500 payments left: 23 + 10 calls at the 1.5 s a call seen so far.
      'Demo Clinic Ltd · invoices 350 of 1,500 · 7 Xero calls · waiting 12 s: Xero allows 60 calls a minute · about 50 s left\n',
    );
    // Not a terminal: a line per tenth of the phase, not one per batch.
    expect(written.filter((l) => l.includes('invoices')).length).toBeLessThanOrEqual(6);
  });

  it('redraws one line on a terminal and clears it when the organisation is done', () => {
    const { stream, written } = recorder(true);
    const p = makeSyncProgress(stream, { force: false, batchSize: 50, now: () => 0 })!;
    p.observer.organisation?.({ tenantId: 't', name: 'Org', pending: { contact: 2 } });
    p.observer.finished?.({ tenantId: 't', name: 'Org', status: 'succeeded', counts: {} });
    expect(written).toEqual(['\rOrg · 0 Xero calls\x1b[K', '\r\x1b[K']);
  });
});
