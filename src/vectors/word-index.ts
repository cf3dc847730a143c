import { EmbedkitError } from '../errors.js';

const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;
/** Slots per word at most half full: probes stay short without a large table. */
const MIN_SLOTS_PER_WORD = 2;

/**
 * A word's hash: FNV-1a over its UTF-16 code units, then murmur3's finaliser so the low bits (the
 * slot) depend on every unit. For an ASCII word the code units are its bytes, so a reader can hash
 * the bytes while it scans them (HASH_START, `Math.imul(hash ^ byte, FNV_PRIME)`, hashFinish) and
 * get the same value.
 */
export function hashFinish(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}

export const HASH_START = FNV_OFFSET;

/** See hashFinish. */
export function hashWord(word: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), FNV_PRIME);
  return hashFinish(hash);
}

/**
 * word → row of a word list, by open addressing over an Int32Array (linear probing). A JS Map costs
 * a per-entry object and ~200 ns an insert; here an insert is a probe in a flat table whose hash
 * the loader may already have computed from the bytes. Each slot holds the row and its word's hash
 * side by side: a probe touches one cache line and compares strings only when the full 32-bit
 * hashes match, and growing never rehashes a string.
 */
export class WordIndex {
  /** Per slot: row + 1 (0 = empty, so a fresh Int32Array needs no fill), then the word's hash. */
  private slots: Int32Array;
  private mask: number;
  private count = 0;

  /** `words` is the list rows refer to: the index reads it (to compare on a hash match), never copies it. */
  constructor(
    private readonly words: readonly string[],
    expectedWords = 0,
  ) {
    const slotCount = slotCountFor(expectedWords);
    this.slots = new Int32Array(slotCount * 2);
    this.mask = slotCount - 1;
  }

  /** Indexes every word of `words`; a repeated word throws DUPLICATE_WORD naming both rows. */
  static of(words: readonly string[]): WordIndex {
    const index = new WordIndex(words, words.length);
    for (let row = 0; row < words.length; row++) {
      const earlier = index.add(words[row], row, hashWord(words[row]));
      if (earlier >= 0) {
        throw new EmbedkitError('DUPLICATE_WORD', `word "${words[row]}" appears twice (rows ${earlier} and ${row})`, { field: 'words' });
      }
    }
    return index;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Indexes `word` (hashWord's value `hash`) as `row`, and returns -1; when the word is already
   * indexed, returns its earlier row and indexes nothing. `row` must be where `word` is or will be in
   * the word list, before the next lookup.
   */
  add(word: string, row: number, hash: number): number {
    if ((this.count + 1) * MIN_SLOTS_PER_WORD > this.mask + 1) this.grow();
    const slots = this.slots;
    const mask = this.mask;
    let slot = hash & mask;
    for (;;) {
      const held = slots[2 * slot];
      if (held === 0) break;
      if (slots[2 * slot + 1] === hash && this.words[held - 1] === word) return held - 1;
      slot = (slot + 1) & mask;
    }
    slots[2 * slot] = row + 1;
    slots[2 * slot + 1] = hash;
    this.count++;
    return -1;
  }

  /** Row of `word`, or -1. */
  get(word: string): number {
    const hash = hashWord(word);
    const slots = this.slots;
    const mask = this.mask;
    let slot = hash & mask;
    for (;;) {
      const held = slots[2 * slot];
      if (held === 0) return -1;
      if (slots[2 * slot + 1] === hash && this.words[held - 1] === word) return held - 1;
      slot = (slot + 1) & mask;
    }
  }

  has(word: string): boolean {
    return this.get(word) >= 0;
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = (this.mask + 1) * 2 - 1;
    for (let at = 0; at < old.length; at += 2) {
      if (old[at] === 0) continue;
      let slot = old[at + 1] & mask;
      while (slots[2 * slot] !== 0) slot = (slot + 1) & mask;
      slots[2 * slot] = old[at];
      slots[2 * slot + 1] = old[at + 1];
    }
    this.slots = slots;
    this.mask = mask;
  }
}

function slotCountFor(words: number): number {
  let slots = 16;
  while (slots < words * MIN_SLOTS_PER_WORD) slots *= 2;
  return slots;
}
