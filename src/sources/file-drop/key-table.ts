/**
 * A map from key text to a number, kept off the JavaScript heap: the import's key index holds
 * one entry per document of a file (kind code + source id, ~12 characters), a million for a
 * million-line file. As a `Map` those entries were ~60 MB of heap that every full collection
 * walked, and the heap grew to about twice that between collections (heap-governor.ts); here they
 * are ~30 bytes each in typed arrays: the key's Latin-1 bytes in one arena, its start, its value,
 * and two or three slots of an open-addressing table (linear probing, at most half full).
 *
 * Keys with a character beyond Latin-1 — rare in source ids — go to a plain `Map` beside it.
 *
 * @module
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a over the key's code units, or -1 when one is beyond Latin-1. */
function hashOf(key: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c > 0xff) return -1;
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return h >>> 0;
}

export class KeyTable {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  /** Entry i's key is bytes[starts[i], starts[i + 1]) — the last one's ends at `used`. */
  private starts = new Int32Array(1 << 10);
  private values = new Float64Array(1 << 10);
  /** Entry index + 1; 0 is an empty slot. */
  private slots = new Int32Array(1 << 11);
  private count = 0;
  private readonly wide = new Map<string, number>();

  get size(): number {
    return this.count + this.wide.size;
  }

  get(key: string): number | undefined {
    const hash = hashOf(key);
    if (hash < 0) return this.wide.get(key);
    const entry = this.slots[this.find(key, hash)]!;
    return entry === 0 ? undefined : this.values[entry - 1];
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  set(key: string, value: number): void {
    const hash = hashOf(key);
    if (hash < 0) {
      this.wide.set(key, value);
      return;
    }
    const slot = this.find(key, hash);
    const entry = this.slots[slot]!;
    if (entry !== 0) {
      this.values[entry - 1] = value;
      return;
    }
    this.append(key, value);
    this.slots[slot] = this.count;
    if (2 * this.count > this.slots.length) this.rehash();
  }

  /** Forgets every key, and gives back the memory. */
  clear(): void {
    this.bytes = new Uint8Array(1 << 16);
    this.starts = new Int32Array(1 << 10);
    this.values = new Float64Array(1 << 10);
    this.slots = new Int32Array(1 << 11);
    this.used = 0;
    this.count = 0;
    this.wide.clear();
  }

  /** The slot holding `key`, or the empty slot where it would go. */
  private find(key: string, hash: number): number {
    const { slots } = this;
    const mask = slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot]!;
      if (entry === 0 || this.holds(entry - 1, key)) return slot;
    }
  }

  private holds(entry: number, key: string): boolean {
    const start = this.starts[entry]!;
    const end = entry + 1 < this.count ? this.starts[entry + 1]! : this.used;
    if (end - start !== key.length) return false;
    const { bytes } = this;
    for (let i = 0; i < key.length; i++) if (bytes[start + i] !== key.charCodeAt(i)) return false;
    return true;
  }

  private append(key: string, value: number): void {
    if (this.used + key.length > this.bytes.length)
      this.bytes = grown(this.bytes, this.used + key.length);
    if (this.count === this.starts.length) {
      this.starts = grown(this.starts, this.count + 1);
      this.values = grown(this.values, this.count + 1);
    }
    this.starts[this.count] = this.used;
    this.values[this.count] = value;
    for (let i = 0; i < key.length; i++) this.bytes[this.used + i] = key.charCodeAt(i);
    this.used += key.length;
    this.count++;
  }

  /** Twice the slots, every entry placed again (its hash recomputed from its bytes). */
  private rehash(): void {
    const slots = new Int32Array(2 * this.slots.length);
    const mask = slots.length - 1;
    const { bytes, starts } = this;
    for (let entry = 0; entry < this.count; entry++) {
      const end = entry + 1 < this.count ? starts[entry + 1]! : this.used;
      let h = FNV_OFFSET;
      for (let i = starts[entry]!; i < end; i++) h = Math.imul(h ^ bytes[i]!, FNV_PRIME);
      let slot = (h >>> 0) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = entry + 1;
    }
    this.slots = slots;
  }
}

/** A typed array grown by half (at least to `needed`), its contents kept. */
function grown<T extends Uint8Array | Int32Array | Float64Array>(array: T, needed: number): T {
  const bigger = new (array.constructor as new (length: number) => T)(
    Math.max(needed, Math.ceil(array.length * 1.5)),
  );
  bigger.set(array);
  return bigger;
}
