import { FNV_PRIME, HASH_START, hashFinish, hashWord } from '../vectors/word-index.js';
import type { WordDecoder } from './word-decoder.js';

const SEPARATOR = 0x0a;

/**
 * The words of many records, gathered from a read window and turned into strings together: their
 * bytes are joined by '\n' and decoded with one call, then split. One native call per batch instead
 * of one per word is most of what makes a binary vector file load fast. When that cannot give the
 * same strings as decoding word by word (a word holding '\n', an encoding other than UTF-8 with
 * non-ASCII bytes, or invalid bytes that must fail naming their offset), the words are decoded one
 * by one from the batch's own copy of their bytes (the window may have been overwritten since).
 */
export class WordBatch {
  private joined = Buffer.allocUnsafe(1 << 16);
  private joinedBytes = 0;
  /** Where each word starts in the window (for error offsets) and in `joined`. */
  private starts = new Int32Array(1024);
  private joinedStarts = new Int32Array(1024);
  private ends = new Int32Array(1024);
  /** hashWord of each word, from its bytes while they are copied; valid after take(). */
  hashes = new Int32Array(1024);
  /** 1 where a word has a byte ≥ 0x80: its string may differ from its bytes, so it is hashed as a string. */
  private nonAscii = new Uint8Array(1024);
  /** OR of every byte gathered: below 0x80 means all ASCII. */
  private byteUnion = 0;
  count = 0;

  /** Gathers the word in `window[start, end)`. */
  add(window: Uint8Array, start: number, end: number): void {
    const length = end - start;
    if (this.joinedBytes + length + 1 > this.joined.length) this.growJoined(length + 1);
    if (this.count === this.starts.length) this.growPlaces();
    const joined = this.joined;
    let at = this.joinedBytes;
    if (this.count > 0) joined[at++] = SEPARATOR;
    this.joinedStarts[this.count] = at;
    let union = 0;
    let hash = HASH_START;
    for (let i = start; i < end; i++) {
      const byte = window[i];
      union |= byte;
      hash = Math.imul(hash ^ byte, FNV_PRIME);
      joined[at++] = byte;
    }
    this.byteUnion |= union;
    this.joinedBytes = at;
    this.hashes[this.count] = hashFinish(hash);
    this.nonAscii[this.count] = union >>> 7;
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.count++;
  }

  /**
   * The gathered words as strings, in order, and the batch emptied. `windowOffset` is the file
   * offset of the first byte of the window they were added from (for error messages).
   */
  take(decoder: WordDecoder, windowOffset: number): string[] {
    let words: string[] | null = null;
    if (this.count > 0) {
      const text =
        this.byteUnion < 0x80 ? this.joined.toString('latin1', 0, this.joinedBytes) : decoder.decodeJoined(this.joined.subarray(0, this.joinedBytes));
      if (text !== null) words = text.split('\n');
      // A word holding '\n' shows as one piece too many.
      if (words !== null && words.length !== this.count) words = null;
    }
    if (words === null) {
      words = new Array<string>(this.count);
      for (let i = 0; i < this.count; i++) {
        const start = this.joinedStarts[i];
        words[i] = decoder.decode(this.joined, start, start + this.ends[i] - this.starts[i], windowOffset + this.starts[i]);
      }
    }
    if (this.byteUnion >= 0x80) for (let i = 0; i < this.count; i++) if (this.nonAscii[i] !== 0) this.hashes[i] = hashWord(words[i]);
    this.count = 0;
    this.joinedBytes = 0;
    this.byteUnion = 0;
    return words;
  }

  private growJoined(atLeast: number): void {
    const grown = Buffer.allocUnsafe(Math.max(this.joined.length * 2, this.joinedBytes + atLeast));
    this.joined.copy(grown, 0, 0, this.joinedBytes);
    this.joined = grown;
  }

  private growPlaces(): void {
    this.starts = doubled(this.starts);
    this.joinedStarts = doubled(this.joinedStarts);
    this.ends = doubled(this.ends);
    this.hashes = doubled(this.hashes);
    this.nonAscii = doubled(this.nonAscii);
  }
}

function doubled<T extends Int32Array | Uint8Array>(values: T): T {
  const grown = new (values.constructor as new (length: number) => T)(values.length * 2);
  grown.set(values);
  return grown;
}
