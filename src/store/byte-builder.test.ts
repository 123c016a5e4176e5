import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ByteBuilder } from './byte-builder.js';
import { PairsBytes } from './pairs-bytes.js';

describe('ByteBuilder', () => {
  it('holds exactly the UTF-8 of what was added, however small it started', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary' }).map((text) => ({ text })),
      fc.uint8Array({ maxLength: 40 }).map((bytes) => ({ bytes })),
      fc.integer({ min: 0, max: 255 }).map((byte) => ({ byte })),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.array(piece), (capacity, pieces) => {
        const builder = new ByteBuilder(capacity);
        const expected: Buffer[] = [];
        for (const p of pieces) {
          if ('text' in p) builder.text(p.text);
          else if ('bytes' in p) builder.bytes(p.bytes);
          else builder.byte(p.byte);
          expected.push(
            'text' in p
              ? Buffer.from(p.text, 'utf8')
              : 'bytes' in p
                ? Buffer.from(p.bytes)
                : Buffer.from([p.byte]),
          );
        }
        const all = Buffer.concat(expected);
        expect(builder.length).toBe(all.length);
        expect(builder.view().equals(all)).toBe(true);
        expect(builder.view(1, 3).equals(all.subarray(1, 3))).toBe(true);
      }),
    );
  });

  it('starts again empty after reset', () => {
    const builder = new ByteBuilder(2);
    builder.text('héllo');
    builder.reset();
    builder.text('ok');
    expect(builder.view().toString()).toBe('ok');
  });
});

describe('PairsBytes', () => {
  it('is the jsonb version byte and the JSON array of its pairs, again after a reset', () => {
    const page = new PairsBytes(4);
    expect(page.param().bytes.equals(Buffer.from('\u0001[]', 'latin1'))).toBe(true);
    page.reset();
    page.add(Buffer.from('["h1",{"a":"é"}]'));
    page.add(Buffer.from('["h2",{}]'));
    expect(page.count).toBe(2);
    const param = page.param();
    expect(param.bytes[0]).toBe(1);
    expect(JSON.parse(param.text())).toEqual([
      ['h1', { a: 'é' }],
      ['h2', {}],
    ]);
    expect(page.param().text()).toBe(param.text()); // closed once, however often asked
    expect(() => page.add(Buffer.from('[]'))).toThrow(/reset/);
    page.reset();
    page.add(Buffer.from('["h3",{}]'));
    expect(page.param().text()).toBe('[["h3",{}]]');
  });
});
