import { describe, expect, it } from 'vitest';
import { rotated, SETTLE_MS, type PassMark } from './pass-mark.js';
import { markVerdict, type PassStart } from './quiet-pass.js';
import { probeCollection } from './xero-probe.js';

const mark: PassMark = {
  settled: '100',
  seq: '250',
  at: 1_000,
  clean: true,
  inputs: 'routes-v1',
  requests: '/',
  quietPasses: 0,
};
const start = (m: PassMark | undefined, over: Partial<PassStart> = {}): PassStart => ({
  tenantId: 't',
  mark: m,
  newest: '300',
  inputs: 'routes-v1',
  requests: '/',
  now: 2_000,
  ...over,
});

describe('the pass mark', () => {
  it('trusts a change_seq only once it was read an hour ago', () => {
    expect(rotated(mark, '300', mark.at + SETTLE_MS - 1)).toEqual({
      settled: '100',
      seq: '250',
      at: mark.at,
    });
    expect(rotated(mark, '300', mark.at + SETTLE_MS)).toEqual({
      settled: '250',
      seq: '300',
      at: mark.at + SETTLE_MS,
    });
    expect(rotated(undefined, '300', 5)).toEqual({ settled: '300', seq: '300', at: 5 });
  });

  it('calls for work when there is no mark, an unclean one, or changed inputs or requests', () => {
    expect(markVerdict(start(undefined))).toBe('no pass has finished here yet');
    expect(markVerdict(start({ ...mark, clean: false }))).toBe(
      'the last pass did not finish cleanly',
    );
    expect(markVerdict(start(mark, { inputs: 'routes-v2' }))).toBe(
      'routes, mappings or sync settings changed',
    );
    expect(markVerdict(start(mark, { requests: '/x' }))).toBe(
      'a pass was asked for (retry, unlock, Xero webhook)',
    );
    expect(markVerdict(start(mark))).toBeUndefined();
  });

  it('reads Payments every quiet pass with Xero webhooks on, else Payments and Contacts in turn', () => {
    expect([0, 1, 2, 3].map((n) => probeCollection(true, n))).toEqual([
      'Payments',
      'Payments',
      'Payments',
      'Payments',
    ]);
    expect([0, 1, 2, 3].map((n) => probeCollection(false, n))).toEqual([
      'Payments',
      'Contacts',
      'Payments',
      'Contacts',
    ]);
  });
});
