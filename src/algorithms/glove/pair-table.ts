import { EmbedkitError } from '../../errors.js';

/**
 * Pairs sorted by (row, col), each once: key = row × vocabularySize + col, and the summed weight.
 * Views of the table's own memory, valid until its `clear()`.
 */
export interface SortedPairs {
  length: number;
  keys: Float64Array;
  sums: Float64Array;
  vocabularySize: number;
}

const INITIAL_SLOTS = 1 << 12;
const MAX_LOAD = 0.75;
/**
 * Bytes per slot of the largest table `memoryBytes` allows: the table is 16 bytes a slot (key and
 * sum as f64); growing holds the old half-size table next to the new one (8 + 16 = 24), and sorting
 * adds a scratch (key, sum) per pair, at most 0.75 × 16 = 12 per slot (16 + 12 = 28). So 28 bounds both.
 */
const PEAK_BYTES_PER_SLOT = 28;
/** Keys are row × vocabularySize + col + 1, exact in a double while below 2^53. */
const MAX_VOCABULARY = 94_906_265;

/**
 * Co-occurrence sums keyed by (row, col): open addressing with linear probing over two flat
 * Float64Arrays (key, sum), so an update allocates nothing. It grows up to what `memoryBytes` allows
 * (never below 1024 slots); once `isFull`, the caller writes its `sortedPairs()` to a run on disk,
 * clears it, and counting goes on in the emptied table.
 */
export class PairTable {
  readonly maxSlots: number;
  private readonly vocabularySize: number;
  private keys: Float64Array;
  private sums: Float64Array;
  private slots: number;
  private limit: number;
  private used = 0;

  /** `headroom`: pairs the caller may add after the last `isFull` check; the table never gets within it of full. */
  constructor(vocabularySize: number, memoryBytes: number, headroom: number) {
    if (vocabularySize > MAX_VOCABULARY) {
      throw new EmbedkitError('TOO_LARGE', `a vocabulary of ${vocabularySize} words is more than the ${MAX_VOCABULARY} pair keys can address`, {
        field: 'maxVocab',
      });
    }
    this.vocabularySize = vocabularySize;
    this.maxSlots = Math.max(1024, 8 * headroom, Math.floor(memoryBytes / PEAK_BYTES_PER_SLOT));
    this.slots = Math.min(INITIAL_SLOTS, this.maxSlots);
    this.keys = new Float64Array(this.slots);
    this.sums = new Float64Array(this.slots);
    this.limit = Math.floor(this.slots * MAX_LOAD);
  }

  get size(): number {
    return this.used;
  }

  /** At the memory limit and at the load limit: drain before adding more. */
  get isFull(): boolean {
    return this.used >= this.limit && this.slots === this.maxSlots;
  }

  add(row: number, col: number, weight: number): void {
    const key = row * this.vocabularySize + col + 1;
    const keys = this.keys;
    const slots = this.slots;
    let slot = slotOf(row, col, slots);
    for (;;) {
      const found = keys[slot];
      if (found === key) {
        this.sums[slot] += weight;
        return;
      }
      if (found === 0) break;
      if (++slot === slots) slot = 0;
    }
    keys[slot] = key;
    this.sums[slot] = weight;
    if (++this.used >= this.limit && this.slots < this.maxSlots) this.grow();
  }

  /**
   * Every pair, sorted by (row, col) with two stable counting-sort passes (col, then row): linear in
   * the pairs, unlike a comparison sort, and done inside the table's arrays plus one scratch pair.
   * No `add` until `clear()`.
   */
  sortedPairs(): SortedPairs {
    const n = this.used;
    const v = this.vocabularySize;
    const keys = this.keys;
    const sums = this.sums;
    // Move the occupied slots to the front, in place: the table is about to be emptied anyway.
    let write = 0;
    for (let slot = 0; slot < this.slots; slot++) {
      const key = keys[slot];
      if (key === 0) continue;
      keys[write] = key - 1;
      sums[write] = sums[slot];
      write++;
    }
    const scratchKeys = new Float64Array(n);
    const scratchSums = new Float64Array(n);
    const counts = new Int32Array(v + 1);
    countingSort(keys, sums, n, scratchKeys, scratchSums, counts, v, false);
    counts.fill(0);
    countingSort(scratchKeys, scratchSums, n, keys, sums, counts, v, true);
    return { length: n, keys: keys.subarray(0, n), sums: sums.subarray(0, n), vocabularySize: v };
  }

  clear(): void {
    this.keys.fill(0);
    this.used = 0;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldSums = this.sums;
    const slots = Math.min(this.slots * 2, this.maxSlots);
    const keys = new Float64Array(slots);
    const sums = new Float64Array(slots);
    const v = this.vocabularySize;
    for (let old = 0; old < oldKeys.length; old++) {
      const key = oldKeys[old];
      if (key === 0) continue;
      const row = Math.floor((key - 1) / v);
      let slot = slotOf(row, key - 1 - row * v, slots);
      while (keys[slot] !== 0) if (++slot === slots) slot = 0;
      keys[slot] = key;
      sums[slot] = oldSums[old];
    }
    this.keys = keys;
    this.sums = sums;
    this.slots = slots;
    this.limit = Math.floor(slots * MAX_LOAD);
  }
}

/** A 32-bit mix of (row, col) mapped onto [0, slots) by a multiply, not a modulo: any table size works. */
function slotOf(row: number, col: number, slots: number): number {
  let h = Math.imul(row, 0x9e3779b1) ^ Math.imul(col + 0x7f4a7c15, 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return Math.floor(((h >>> 0) * slots) / 4294967296);
}

/** Stable counting sort of (key, sum) by the key's col (byRow false) or row (byRow true). */
function countingSort(
  keys: Float64Array,
  sums: Float64Array,
  n: number,
  outKeys: Float64Array,
  outSums: Float64Array,
  counts: Int32Array,
  v: number,
  byRow: boolean,
): void {
  for (let k = 0; k < n; k++) {
    const key = keys[k];
    counts[(byRow ? Math.floor(key / v) : key % v) + 1]++;
  }
  for (let d = 1; d < counts.length; d++) counts[d] += counts[d - 1];
  for (let k = 0; k < n; k++) {
    const key = keys[k];
    const at = counts[byRow ? Math.floor(key / v) : key % v]++;
    outKeys[at] = key;
    outSums[at] = sums[k];
  }
}
