import { constants } from 'node:buffer';
import { EmbedkitError } from '../errors.js';
import { encodeWordKey, FNV_PRIME, HASH_START, hashFinish, hashKey, MAX_KEY_BYTES_PER_UNIT } from './word-key.js';

/** Written after each key: the keys then decode to all the words at once, split on it. */
export const KEY_SEPARATOR = 0x0a;
const SEPARATOR = KEY_SEPARATOR;
const SEPARATOR_CHAR = '\n';
/** Row starts are int32. */
const MAX_KEYS_BYTES = 2 ** 31 - 1;

/**
 * The words of a vector store, as their keys (word-key.ts) in one buffer, with strings made only
 * when asked for. A loader appends each word's bytes from the file (no string per word: making
 * 250k strings, and collecting them, was most of what a binary file's load cost); `word(row)`
 * decodes one, `all()` decodes every word with one call and keeps the array.
 *
 * Keys appended as bytes must be valid UTF-8 and each decode to its word (the loader checks, and
 * re-encodes what does not); a list made from strings keeps those strings, so its keys are never
 * decoded.
 */
export class WordList {
  /** Key of row i: keys[starts[i], starts[i + 1] - 1), then SEPARATOR. */
  private keys: Buffer;
  private starts: Int32Array;
  private count = 0;
  private strings: readonly string[] | null = null;
  /** The strings were given (fromStrings): the list is fixed. */
  private given = false;

  /** Room for `expectedWords` words whose keys and separators take `expectedKeyBytes` in all. */
  constructor(expectedWords = 0, expectedKeyBytes = 0) {
    this.starts = new Int32Array(Math.max(16, expectedWords + 1));
    this.keys = Buffer.allocUnsafe(Math.max(256, Math.min(expectedKeyBytes, MAX_KEYS_BYTES)));
  }

  /** A list of `words` that keeps the array itself: `all()` returns it. */
  static fromStrings(words: readonly string[]): WordList {
    let bound = 0;
    for (const word of words) bound += word.length * MAX_KEY_BYTES_PER_UNIT + 1;
    const list = new WordList(words.length, bound);
    for (const word of words) list.pushString(word);
    list.strings = words;
    list.given = true;
    return list;
  }

  get size(): number {
    return this.count;
  }

  /** The word of `row` (decoded from its key unless the strings are at hand). */
  word(row: number): string {
    if (this.strings !== null) return this.strings[row];
    return this.keys.toString('utf8', this.starts[row], this.starts[row + 1] - 1);
  }

  /** Every word, in row order: decoded together on the first call, then kept. */
  all(): readonly string[] {
    this.strings ??= this.decodeAll();
    return this.strings;
  }

  /**
   * Appends the word whose key is `source[start, end)` and returns the key's hash (hashKey),
   * computed while copying.
   */
  push(source: Uint8Array, start: number, end: number): number {
    this.beforeAppend(end - start);
    const keys = this.keys;
    let at = this.starts[this.count];
    let hash = HASH_START;
    for (let i = start; i < end; i++) {
      const byte = source[i];
      hash = Math.imul(hash ^ byte, FNV_PRIME);
      keys[at++] = byte;
    }
    keys[at++] = SEPARATOR;
    this.starts[++this.count] = at;
    return hashFinish(hash);
  }

  /** Appends `word` (encoded to its key) and returns the key's hash. */
  pushString(word: string): number {
    this.beforeAppend(word.length * MAX_KEY_BYTES_PER_UNIT);
    const start = this.starts[this.count];
    const end = encodeWordKey(word, this.keys, start);
    this.keys[end] = SEPARATOR;
    this.starts[++this.count] = end + 1;
    return hashKey(this.keys, start, end);
  }

  /** Keeps only the first `count` words. */
  truncate(count: number): void {
    if (count >= this.count) return;
    this.beforeChange();
    this.count = count;
  }

  /** Makes the word of row `from` the word of row `to` (`to` < `from`): a row dropped in between closes up. */
  moveDown(from: number, to: number): void {
    this.beforeChange();
    const start = this.starts[from];
    const end = this.starts[from + 1];
    const target = this.starts[to];
    this.keys.copyWithin(target, start, end);
    this.starts[to + 1] = target + (end - start);
  }

  /** Whether rows `a` and `b` hold the same key. */
  sameKey(a: number, b: number): boolean {
    const starts = this.starts;
    return this.keyEquals(a, this.keys, starts[b], starts[b + 1] - 1);
  }

  /** Whether row `row`'s key is `bytes[start, end)`. */
  keyEquals(row: number, bytes: Uint8Array, start: number, end: number): boolean {
    let at = this.starts[row];
    if (this.starts[row + 1] - 1 - at !== end - start) return false;
    const keys = this.keys;
    for (let i = start; i < end; i++, at++) if (keys[at] !== bytes[i]) return false;
    return true;
  }

  /** Hash of row `row`'s key. */
  hashOf(row: number): number {
    return hashKey(this.keys, this.starts[row], this.starts[row + 1] - 1);
  }

  /** The key bytes of rows [from, to), separators included. */
  keyBytes(from: number, to: number): Buffer {
    return this.keys.subarray(this.starts[from], this.starts[to]);
  }

  /** Where row `row`'s key starts in keyBuffer. */
  keyStart(row: number): number {
    return this.starts[row];
  }

  /** Where row `row`'s key ends in keyBuffer. */
  keyEnd(row: number): number {
    return this.starts[row + 1] - 1;
  }

  /** The buffer keyStart() and keyEnd() refer to; re-read after an append (it may be replaced). */
  get keyBuffer(): Buffer {
    return this.keys;
  }

  private decodeAll(): string[] {
    const count = this.count;
    const words = this.keys.toString('utf8', 0, this.starts[count]).split(SEPARATOR_CHAR);
    words.pop(); // after the last separator
    // A word holding the separator shows as pieces too many: decode one by one.
    if (words.length === count) return words;
    const one = new Array<string>(count);
    for (let row = 0; row < count; row++) one[row] = this.keys.toString('utf8', this.starts[row], this.starts[row + 1] - 1);
    return one;
  }

  /** Drops decoded strings, which a change would make stale; a list made from strings stays fixed. */
  private beforeChange(): void {
    if (this.given) throw new Error('WordList: a list made from strings does not change');
    this.strings = null;
  }

  private beforeAppend(keyBytes: number): void {
    this.beforeChange();
    if (this.count + 2 > this.starts.length) {
      const grown = new Int32Array(this.starts.length * 2);
      grown.set(this.starts.subarray(0, this.count + 1));
      this.starts = grown;
    }
    const needed = this.starts[this.count] + keyBytes + 1;
    if (needed > this.keys.length) {
      if (needed > MAX_KEYS_BYTES || needed > constants.MAX_LENGTH) {
        throw new EmbedkitError('TOO_LARGE', `the words take more than ${MAX_KEYS_BYTES} bytes`, { field: 'words' });
      }
      const grown = Buffer.allocUnsafe(Math.min(MAX_KEYS_BYTES, Math.max(this.keys.length * 2, needed)));
      this.keys.copy(grown, 0, 0, this.starts[this.count]);
      this.keys = grown;
    }
  }
}
