import { afterEach, describe, expect, it } from 'vitest';
import type { LedgerDocument } from '../../ledger/index.js';
import { readSpill, readSpillBytes, SpillWriter, type SpillEntry } from './spill.js';

describe('the spill', () => {
  let spill: SpillWriter | undefined;
  afterEach(async () => {
    await spill?.remove();
    spill = undefined;
  });

  it('gives back every entry as written, as bytes and as text, across 1 MiB reads', async () => {
    const teed: string[] = [];
    spill = await SpillWriter.create(undefined, {
      document: ({ pair, json, hash, document }) => {
        const text = Buffer.from(pair).toString('utf8');
        // The JSON within the pair, and the document it is the JSON of.
        expect(text).toBe(`["${hash}",${Buffer.from(json).toString('utf8')}]`);
        expect(JSON.parse(Buffer.from(json).toString('utf8'))).toEqual(document);
        teed.push(text);
      },
      deletion: (kind, sourceId) => teed.push(`D ${kind} ${sourceId}`),
    });
    const expected: SpillEntry[] = [];
    // ~3 MiB of pairs with multi-byte text, so lines (and characters) straddle the read chunks.
    for (let n = 1; n <= 3_000; n++) {
      if (n % 500 === 0) {
        spill.deletion(n, 'invoice', `INV-é-${n}`);
        expected.push({ line: n, type: 'D', kind: 'invoice', sourceId: `INV-é-${n}` });
        continue;
      }
      const document = {
        kind: 'contact',
        sourceId: `C-${n}`,
        name: `Zoë 😀 ${'x'.repeat(n % 1999)}`,
      };
      const json = JSON.stringify(document);
      const hash = n.toString(16).padStart(64, '0');
      spill.document(n, hash, json, document as unknown as LedgerDocument);
      expected.push({ line: n, type: 'U', pair: `["${hash}",${json}]` });
      await spill.flush();
    }
    await spill.close();
    expect(teed).toEqual(
      expected.map((e) => (e.type === 'U' ? e.pair : `D ${e.kind} ${e.sourceId}`)),
    );

    const asText: SpillEntry[] = [];
    for await (const batch of readSpill(spill.path)) asText.push(...batch);
    expect(asText).toEqual(expected);

    const asBytes: SpillEntry[] = [];
    let batches = 0;
    for await (const batch of readSpillBytes(spill.path)) {
      batches++;
      for (const e of batch) asBytes.push(e.type === 'U' ? { ...e, pair: e.pair.toString() } : e);
    }
    expect(batches).toBeGreaterThan(2);
    expect(asBytes).toEqual(expected);
  });
});
