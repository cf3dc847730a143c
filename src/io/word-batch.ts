import { isAscii, isUtf8 } from 'node:buffer';
import { KEY_SEPARATOR, type WordList } from '../vectors/word-list.js';
import type { WordDecoder } from './word-decoder.js';

const BYTE_ORDER_MARK = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The words of many records, pushed as bytes from a read window onto a WordList (no string made),
 * then checked together: all ASCII, or valid UTF-8 with no word starting with a byte-order mark,
 * means each word's bytes are its key (one native check per batch). Otherwise (another encoding,
 * invalid bytes, which must fail naming their offset or be replaced, or a leading byte-order mark,
 * which decoding a word alone drops) each word is decoded as a record-by-record reader would, and
 * its key re-made from that string.
 */
export class WordBatch {
  /** Hash of each pushed word's key; valid after settle(). */
  hashes: Int32Array;
  /** Where each word starts in its window, for error messages. */
  private windowStarts: Float64Array;
  private first = 0;
  count = 0;

  constructor(private readonly words: WordList) {
    this.hashes = new Int32Array(1024);
    this.windowStarts = new Float64Array(1024);
  }

  /** Pushes the word in `window[start, end)`. */
  add(window: Uint8Array, start: number, end: number): void {
    if (this.count === 0) this.first = this.words.size;
    if (this.count === this.hashes.length) this.grow();
    this.hashes[this.count] = this.words.push(window, start, end);
    this.windowStarts[this.count] = start;
    this.count++;
  }

  /**
   * Checks (and where needed re-makes) the words pushed since the last settle(), and empties the
   * batch; `hashes` then holds their hashes. `windowOffset` is the file offset of the window they
   * were pushed from (for error messages).
   */
  settle(decoder: WordDecoder, windowOffset: number): void {
    const count = this.count;
    this.count = 0;
    if (count === 0) return;
    const words = this.words;
    const first = this.first;
    const bytes = words.keyBytes(first, first + count);
    if (isAscii(bytes) || (decoder.encoding === 'utf-8' && isUtf8(bytes) && !anyStartsWithByteOrderMark(bytes))) return;
    const keys = words.keyBuffer;
    const strings = new Array<string>(count);
    for (let i = 0; i < count; i++) {
      const row = first + i;
      strings[i] = decoder.decode(keys, words.keyStart(row), words.keyEnd(row), windowOffset + this.windowStarts[i]);
    }
    words.truncate(first);
    for (let i = 0; i < count; i++) this.hashes[i] = words.pushString(strings[i]);
  }

  private grow(): void {
    const hashes = new Int32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const starts = new Float64Array(this.windowStarts.length * 2);
    starts.set(this.windowStarts);
    this.windowStarts = starts;
  }
}

/**
 * Whether a word of `keys` (each followed by KEY_SEPARATOR) starts with a byte-order mark: a native
 * search for the mark (its first byte is rare in text), then a look at the byte before it.
 */
function anyStartsWithByteOrderMark(keys: Buffer): boolean {
  for (let found = keys.indexOf(BYTE_ORDER_MARK); found >= 0; found = keys.indexOf(BYTE_ORDER_MARK, found + 1)) {
    if (found === 0 || keys[found - 1] === KEY_SEPARATOR) return true;
  }
  return false;
}
