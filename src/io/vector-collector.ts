import { constants } from 'node:buffer';
import { EmbedkitError } from '../errors.js';
import { hashWord, WordIndex } from '../vectors/word-index.js';

/**
 * Accumulates rows while a file is read: the row being parsed is written straight into the final
 * Float32Array (no per-row array), and a word seen before is dropped, keeping its first vector as
 * gensim does. `storage`, when given, is that array: memory the reader no longer needs behind where
 * it reads. Grows geometrically when the row count is not known up front (GloVe).
 */
export class VectorCollector {
  readonly words: string[] = [];
  /** word → row, handed on to KeyedVectors so the vocabulary is hashed once. */
  readonly rowIndex: WordIndex;
  private data: Float32Array;
  private dataBytes: Buffer;
  duplicates = 0;

  constructor(
    readonly file: string,
    readonly dim: number,
    expectedRows: number,
    storage?: Float32Array,
  ) {
    this.data = storage ?? allocate(file, Math.max(expectedRows, 1) * dim);
    // Sized by the storage too: a header's word count may be a lie that the file cannot hold.
    this.rowIndex = new WordIndex(this.words, Math.min(expectedRows, Math.floor(this.data.length / dim)));
    this.dataBytes = bytesOf(this.data);
  }

  get rows(): number {
    return this.words.length;
  }

  /** Offset in `values` (float index) where the next row goes; grows the storage if full. */
  nextRowOffset(): number {
    const offset = this.words.length * this.dim;
    if (offset + this.dim > this.data.length) {
      const grown = allocate(this.file, Math.max(this.data.length * 2, offset + this.dim));
      grown.set(this.data);
      this.data = grown;
      this.dataBytes = bytesOf(grown);
    }
    return offset;
  }

  /** The storage; re-read after nextRowOffset(), which may replace it. */
  get values(): Float32Array {
    return this.data;
  }

  /** The storage as bytes, for copying binary vectors in without going through floats. */
  get valueBytes(): Buffer {
    return this.dataBytes;
  }

  /**
   * Rows `rows`, `rows + 1`, … were written in place for `words` (room reserved beforehand): keeps
   * them in order, removing the rows of words seen before by moving the later rows up. `hashes[i]`
   * is hashWord(words[i]) when the reader computed it from the bytes.
   */
  commitWritten(words: readonly string[], hashes?: Int32Array): void {
    const first = this.words.length;
    const dim = this.dim;
    for (let i = 0; i < words.length; i++) {
      const kept = this.words.length;
      if (!this.commit(words[i], hashes === undefined ? hashWord(words[i]) : hashes[i])) continue;
      const written = first + i;
      if (kept !== written) this.data.copyWithin(kept * dim, written * dim, (written + 1) * dim);
    }
  }

  /** Room for `count` rows after the kept ones; returns the byte offset of the first in `valueBytes`. */
  reserve(count: number): number {
    const rows = this.words.length;
    if ((rows + count) * this.dim > this.data.length) {
      const grown = allocate(this.file, Math.max(this.data.length * 2, (rows + count) * this.dim));
      grown.set(this.data);
      this.data = grown;
      this.dataBytes = bytesOf(grown);
    }
    return rows * this.dim * this.data.BYTES_PER_ELEMENT;
  }

  /**
   * Keeps the row just written under `word` (whose hashWord value is `hash`); false (row discarded)
   * when the word was already seen: its first row stays, as in gensim.
   */
  commit(word: string, hash = hashWord(word)): boolean {
    if (this.rowIndex.add(word, this.words.length, hash) >= 0) {
      this.duplicates++;
      return false;
    }
    this.words.push(word);
    return true;
  }

  /** The rows read, trimmed to size (copied only when noticeably over-allocated). */
  finish(): Float32Array {
    const used = this.words.length * this.dim;
    if (used === this.data.length) return this.data;
    return used < this.data.length * 0.9 ? this.data.slice(0, used) : this.data.subarray(0, used);
  }
}

function allocate(file: string, length: number): Float32Array {
  try {
    // The rows are also viewed as a Buffer (binary files copy bytes in), which has its own limit.
    if (length * Float32Array.BYTES_PER_ELEMENT > constants.MAX_LENGTH) throw new RangeError('over the Buffer limit');
    return new Float32Array(length);
  } catch {
    throw new EmbedkitError('TOO_LARGE', `cannot allocate ${length} floats for the vectors`, { file });
  }
}

function bytesOf(values: Float32Array): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}
