import { EmbedkitError } from '../errors.js';
import { encodeWordKey, FNV_PRIME, HASH_START, hashFinish, hashKey, MAX_KEY_BYTES_PER_UNIT } from './word-key.js';
import { WordList } from './word-list.js';

/** Slots per word at most half full: probes stay short without a large table. */
const MIN_SLOTS_PER_WORD = 2;

/**
 * word → row of a WordList, by open addressing over an Int32Array (linear probing). A JS Map costs
 * a per-entry object and a string per word; here an insert is a probe in a flat table whose hash
 * the loader computed from the file's bytes. Each slot holds the row and its key's hash side by
 * side: a probe touches one cache line and compares keys (bytes) only when the full 32-bit hashes
 * match, and growing never rehashes a key.
 */
export class WordIndex {
  /** Per slot: row + 1 (0 = empty, so a fresh Int32Array needs no fill), then the key's hash. */
  private slots: Int32Array;
  private mask: number;
  private count = 0;
  /** A looked-up word's key, reused across lookups. */
  private queryKey = new Uint8Array(64);

  /** `words` is the list rows refer to: the index reads its keys (to compare on a hash match), never copies them. */
  constructor(
    readonly words: WordList,
    expectedWords = 0,
  ) {
    const slotCount = slotCountFor(expectedWords);
    this.slots = new Int32Array(slotCount * 2);
    this.mask = slotCount - 1;
  }

  /** Indexes every word of `words`; a repeated word throws DUPLICATE_WORD naming both rows. */
  static of(words: WordList): WordIndex {
    const index = new WordIndex(words, words.size);
    for (let row = 0; row < words.size; row++) {
      const earlier = index.add(row, words.hashOf(row));
      if (earlier >= 0) {
        throw new EmbedkitError('DUPLICATE_WORD', `word "${words.word(row)}" appears twice (rows ${earlier} and ${row})`, { field: 'words' });
      }
    }
    return index;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Indexes the word of `row` (already in the list; `hash` is its key's hashKey) and returns -1;
   * when an earlier row holds the same key, returns that row and indexes nothing.
   */
  add(row: number, hash: number): number {
    if ((this.count + 1) * MIN_SLOTS_PER_WORD > this.mask + 1) this.grow();
    const slots = this.slots;
    const mask = this.mask;
    let slot = hash & mask;
    for (;;) {
      const held = slots[2 * slot];
      if (held === 0) break;
      if (slots[2 * slot + 1] === hash && this.words.sameKey(held - 1, row)) return held - 1;
      slot = (slot + 1) & mask;
    }
    slots[2 * slot] = row + 1;
    slots[2 * slot + 1] = hash;
    this.count++;
    return -1;
  }

  /** Row of `word`, or -1. */
  get(word: string): number {
    const length = word.length;
    if (this.queryKey.length < length * MAX_KEY_BYTES_PER_UNIT) this.queryKey = new Uint8Array(length * MAX_KEY_BYTES_PER_UNIT);
    const key = this.queryKey;
    // An ASCII word's key is its characters: hashed as they are copied.
    let hash = HASH_START;
    let keyLength = 0;
    for (; keyLength < length; keyLength++) {
      const code = word.charCodeAt(keyLength);
      if (code >= 0x80) break;
      key[keyLength] = code;
      hash = Math.imul(hash ^ code, FNV_PRIME);
    }
    if (keyLength < length) {
      keyLength = encodeWordKey(word, key, 0);
      hash = hashKey(key, 0, keyLength);
    } else {
      hash = hashFinish(hash);
    }
    const slots = this.slots;
    const mask = this.mask;
    let slot = hash & mask;
    for (;;) {
      const held = slots[2 * slot];
      if (held === 0) return -1;
      if (slots[2 * slot + 1] === hash && this.words.keyEquals(held - 1, key, 0, keyLength)) return held - 1;
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
