import { constants } from 'node:buffer';
import { EmbedkitError } from '../errors.js';
import { WordIndex } from '../vectors/word-index.js';
import { WordList } from '../vectors/word-list.js';

/**
 * Accumulates rows while a file is read: the row being parsed is written straight into the final
 * Float32Array (no per-row array), and a word seen before is dropped, keeping its first vector as
 * gensim does. `storage`, when given, is that array: memory the reader no longer needs behind where
 * it reads. Grows geometrically when the row count is not known up front (GloVe).
 */
export class VectorCollector {
  /**
   * The words of the kept rows, then (between a reader's pushes and commitPending) the words of
   * rows written but not yet kept.
   */
  readonly words: WordList;
  /** word → row, handed on to KeyedVectors so the vocabulary is hashed once. */
  readonly rowIndex: WordIndex;
  private data: Float32Array;
  private dataBytes: Buffer;
  private kept = 0;
  duplicates = 0;

  /** `expectedKeyBytes`: what the words' bytes may take, one separator each included (a hint). */
  constructor(
    readonly file: string,
    readonly dim: number,
    expectedRows: number,
    storage?: Float32Array,
    expectedKeyBytes = 0,
  ) {
    this.data = storage ?? allocate(file, Math.max(expectedRows, 1) * dim);
    // Sized by the storage too: a header's word count may be a lie that the file cannot hold.
    const rowsHeld = Math.min(expectedRows, Math.floor(this.data.length / dim));
    this.words = new WordList(rowsHeld, expectedKeyBytes);
    this.rowIndex = new WordIndex(this.words, rowsHeld);
    this.dataBytes = bytesOf(this.data);
  }

  get rows(): number {
    return this.kept;
  }

  /** Offset in `values` (float index) where the next row goes; grows the storage if full. */
  nextRowOffset(): number {
    const offset = this.kept * this.dim;
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
   * Rows `rows`, `rows + 1`, … were written in place (room reserved beforehand) and their words
   * pushed onto `words`, `hashes[i]` being the hash of the i-th one's key: keeps them in order,
   * removing the rows of words seen before by moving the later rows (and words) up.
   */
  commitPending(hashes: Int32Array): void {
    const words = this.words;
    const data = this.data;
    const dim = this.dim;
    const first = this.kept;
    const written = words.size;
    let kept = first;
    for (let row = first; row < written; row++) {
      if (kept !== row) words.moveDown(row, kept);
      if (this.rowIndex.add(kept, hashes[row - first]) >= 0) {
        this.duplicates++;
        continue;
      }
      if (kept !== row) data.copyWithin(kept * dim, row * dim, (row + 1) * dim);
      kept++;
    }
    words.truncate(kept);
    this.kept = kept;
  }

  /** Room for `count` rows after the kept ones; returns the byte offset of the first in `valueBytes`. */
  reserve(count: number): number {
    const rows = this.kept;
    if ((rows + count) * this.dim > this.data.length) {
      const grown = allocate(this.file, Math.max(this.data.length * 2, (rows + count) * this.dim));
      grown.set(this.data);
      this.data = grown;
      this.dataBytes = bytesOf(grown);
    }
    return rows * this.dim * this.data.BYTES_PER_ELEMENT;
  }

  /**
   * Keeps the row just written under `word`; false (row discarded) when the word was already seen:
   * its first row stays, as in gensim.
   */
  commit(word: string): boolean {
    const row = this.kept;
    if (this.rowIndex.add(row, this.words.pushString(word)) >= 0) {
      this.words.truncate(row);
      this.duplicates++;
      return false;
    }
    this.kept++;
    return true;
  }

  /** The rows read, trimmed to size (copied only when noticeably over-allocated). */
  finish(): Float32Array {
    const used = this.kept * this.dim;
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
