import { appendFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import {
  readSpill,
  readSpillBytes,
  spillDeletionLine,
  spillDocumentLine,
  SpillFile,
  type SpillEntry,
} from './spill.js';

describe('the spill', () => {
  let spill: SpillFile | undefined;
  afterEach(async () => {
    await spill?.remove();
    spill = undefined;
  });

  it('gives back every entry as written, as bytes and as text, across 1 MiB reads', async () => {
    spill = await SpillFile.create();
    const expected: SpillEntry[] = [];
    let batch = '';
    // ~3 MiB of pairs with multi-byte text, so lines (and characters) straddle the read chunks.
    for (let n = 1; n <= 3_000; n++) {
      if (n % 500 === 0) {
        batch += spillDeletionLine(n, 'invoice', `INV-é-${n}`);
        expected.push({ line: n, type: 'D', kind: 'invoice', sourceId: `INV-é-${n}` });
      } else {
        const json = JSON.stringify({ kind: 'contact', sourceId: `C-${n}`, name: `Zoë 😀 ${'x'.repeat(n % 1999)}` }); // prettier-ignore
        const hash = n.toString(16).padStart(64, '0');
        batch += spillDocumentLine(n, hash, json);
        expected.push({ line: n, type: 'U', pair: `["${hash}",${json}]` });
      }
      if (n % 400 === 0) {
        await appendFile(spill.path, batch);
        batch = '';
      }
    }
    await appendFile(spill.path, batch);

    const asText: SpillEntry[] = [];
    for await (const entries of readSpill(spill.path)) asText.push(...entries);
    expect(asText).toEqual(expected);

    const asBytes: SpillEntry[] = [];
    let batches = 0;
    for await (const entries of readSpillBytes(spill.path)) {
      batches++;
      for (const e of entries) asBytes.push(e.type === 'U' ? { ...e, pair: e.pair.toString() } : e);
    }
    expect(batches).toBeGreaterThan(2);
    expect(asBytes).toEqual(expected);
  });
});
