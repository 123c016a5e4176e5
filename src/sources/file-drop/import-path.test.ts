import { describe, expect, it } from 'vitest';
import { sourceNameFrom } from './import-path.js';

describe('sourceNameFrom', () => {
  it('makes a store name of a file or folder name, keeping letters that carry accents', () => {
    expect(sourceNameFrom('/exports/Clinic Export.jsonl')).toBe('clinic-export');
    expect(sourceNameFrom('/exports/Ünïcode Export (2).csv')).toBe('unicode-export-2');
    expect(sourceNameFrom('/drop/Zoë’s Physio/')).toBe('zoe-s-physio');
    expect(sourceNameFrom('data.v2_final.ndjson')).toBe('data.v2_final');
  });

  it('asks for --source when nothing usable is left', () => {
    expect(() => sourceNameFrom('/exports/診療所.jsonl')).toThrow(
      expect.objectContaining({
        code: 'LB_USAGE',
        message: 'Cannot derive a source name from /exports/診療所.jsonl',
        fix: expect.stringMatching(/--source NAME/) as unknown,
      }),
    );
  });
});
