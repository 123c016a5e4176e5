import { beforeEach, describe, expect, it } from 'vitest';
import { FAST_PATH_SAMPLE, SampledFastPath } from './fast-path.js';
import { fastValidate } from './fast-validate.js';
import { RecordChecker } from './record-check.js';
import { invoice, payment } from './test-support/records.js';

// The fast path, made to drift (a different hash) for the sourceIds listed here.
const drift = { ids: new Set<string>() };
const drifting: typeof fastValidate = (...args) => {
  const answer = fastValidate(...args);
  const id = (args[0] as { sourceId?: string }).sourceId;
  return answer && id && drift.ids.has(id) ? { ...answer, hash: '0'.repeat(64) } : answer;
};

const settings = { source: 'clinic', file: 'clinic.jsonl' };
const raw = (value: unknown, line: number) => ({ line, value });

describe('the fast path sample', () => {
  beforeEach(() => drift.ids.clear());

  it('checks the first document of each kind, then every 10,000th, and stops on a drift', () => {
    const checker = new RecordChecker(settings, new SampledFastPath(settings, drifting));
    drift.ids.add('I-2'); // not sampled: the sample is a guard, not a second validation
    for (let n = 1; n <= 3; n++) checker.check(raw(invoice(`I-${n}`, 'P-1'), n));
    drift.ids.add('PAY-1'); // the first payment, after invoices: checked all the same
    expect(() => checker.check(raw(payment('PAY-1', 'I-1'), 4))).toThrow(
      /fast validation path disagrees/,
    );
  });

  it('checks the 10,000th answer after the first', () => {
    const checker = new RecordChecker(settings, new SampledFastPath(settings, drifting));
    const at = FAST_PATH_SAMPLE + 1;
    drift.ids.add(`I-${at}`);
    for (let n = 1; n < at; n++) checker.check(raw(invoice(`I-${n}`, 'P-1'), n));
    expect(() => checker.check(raw(invoice(`I-${at}`, 'P-1'), at))).toThrow(/clinic.jsonl:10001/);
  });
});
