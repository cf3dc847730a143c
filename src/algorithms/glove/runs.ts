import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { EmbedkitError } from '../../errors.js';
import type { SortedPairs } from './pair-table.js';

// A spilled run is a file of 16-byte little-endian records (i32 row, i32 col, f64 sum) sorted by
// (row, col), each pair once: the layout of the C tool's CREC, so runs sum exactly as it does.
// Synchronous I/O on purpose: the merge is one tight loop, and an await per buffer refill would
// cost more than the read.
const RUN_RECORD_BYTES = 16;
/** Merged output: i32 row, i32 col, f32 sum. */
const MERGED_RECORD_BYTES = 12;
const WRITE_RECORDS = 1 << 16;

export function writeRun(path: string, pairs: SortedPairs): void {
  const bytes = new Uint8Array(WRITE_RECORDS * RUN_RECORD_BYTES);
  const ints = new Int32Array(bytes.buffer);
  const floats = new Float64Array(bytes.buffer);
  const v = pairs.vocabularySize;
  const fd = openSync(path, 'w');
  try {
    let buffered = 0;
    for (let k = 0; k < pairs.length; k++) {
      const key = pairs.keys[k];
      const row = Math.floor(key / v);
      ints[4 * buffered] = row;
      ints[4 * buffered + 1] = key - row * v;
      floats[2 * buffered + 1] = pairs.sums[k];
      if (++buffered === WRITE_RECORDS) {
        writeAll(fd, bytes, buffered * RUN_RECORD_BYTES);
        buffered = 0;
      }
    }
    writeAll(fd, bytes, buffered * RUN_RECORD_BYTES);
  } finally {
    closeSync(fd);
  }
}

/** Reads one run forward a buffer at a time; `key` (row × V + col) and `sum` hold the current record. */
class RunReader {
  key = 0;
  sum = 0;
  private readonly fd: number;
  private readonly bytes: Uint8Array;
  private readonly ints: Int32Array;
  private readonly floats: Float64Array;
  private readonly vocabularySize: number;
  private readonly path: string;
  private fileOffset = 0;
  private available = 0;
  private position = 0;

  constructor(path: string, bufferRecords: number, vocabularySize: number) {
    this.path = path;
    this.fd = openSync(path, 'r');
    this.bytes = new Uint8Array(bufferRecords * RUN_RECORD_BYTES);
    this.ints = new Int32Array(this.bytes.buffer);
    this.floats = new Float64Array(this.bytes.buffer);
    this.vocabularySize = vocabularySize;
  }

  /** Moves to the next record; false at the end of the run. */
  advance(): boolean {
    if (this.position === this.available && !this.refill()) return false;
    const p = this.position++;
    this.key = this.ints[4 * p] * this.vocabularySize + this.ints[4 * p + 1];
    this.sum = this.floats[2 * p + 1];
    return true;
  }

  close(): void {
    closeSync(this.fd);
  }

  private refill(): boolean {
    const read = readSync(this.fd, this.bytes, 0, this.bytes.length, this.fileOffset);
    if (read % RUN_RECORD_BYTES !== 0) {
      throw new EmbedkitError('BAD_RUN', 'a spilled co-occurrence run ends inside a record', {
        file: this.path,
        byteOffset: this.fileOffset + read,
      });
    }
    this.fileOffset += read;
    this.available = read / RUN_RECORD_BYTES;
    this.position = 0;
    return read > 0;
  }
}

/**
 * K-way merge of sorted runs into one file of merged records (i32 row, i32 col, f32 sum), summing
 * the records of a pair across runs, as the C tool's merge_files does. Returns how many pairs it wrote.
 * `bufferBytes` is shared by the readers' buffers.
 */
export function mergeRuns(
  runs: readonly string[],
  output: string,
  vocabularySize: number,
  bufferBytes: number,
  onRecords?: (merged: number) => void,
): number {
  const bufferRecords = Math.max(1024, Math.floor(bufferBytes / (RUN_RECORD_BYTES * (runs.length + 1))));
  const readers: RunReader[] = [];
  const fd = openSync(output, 'w');
  try {
    for (const run of runs) readers.push(new RunReader(run, bufferRecords, vocabularySize));
    const heap = readers.filter((reader) => reader.advance());
    for (let k = (heap.length >> 1) - 1; k >= 0; k--) siftDown(heap, k);

    const bytes = new Uint8Array(WRITE_RECORDS * MERGED_RECORD_BYTES);
    const ints = new Int32Array(bytes.buffer);
    const floats = new Float32Array(bytes.buffer);
    let buffered = 0;
    let written = 0;
    let currentKey = -1;
    let currentSum = 0;
    const emit = (): void => {
      const row = Math.floor(currentKey / vocabularySize);
      ints[3 * buffered] = row;
      ints[3 * buffered + 1] = currentKey - row * vocabularySize;
      floats[3 * buffered + 2] = currentSum;
      written++;
      if (++buffered === WRITE_RECORDS) {
        writeAll(fd, bytes, buffered * MERGED_RECORD_BYTES);
        buffered = 0;
        onRecords?.(written);
      }
    };
    while (heap.length > 0) {
      const top = heap[0];
      if (top.key !== currentKey) {
        if (currentKey >= 0) emit();
        currentKey = top.key;
        currentSum = 0;
      }
      currentSum += top.sum;
      if (!top.advance()) {
        const last = heap.pop()!;
        if (heap.length === 0) break;
        heap[0] = last;
      }
      siftDown(heap, 0);
    }
    if (currentKey >= 0) emit();
    writeAll(fd, bytes, buffered * MERGED_RECORD_BYTES);
    return written;
  } finally {
    for (const reader of readers) reader.close();
    closeSync(fd);
  }
}

/** Reads `count` merged records (as written by mergeRuns) into the three arrays. */
export function readMerged(path: string, count: number, rows: Int32Array, cols: Int32Array, values: Float32Array): void {
  const bytes = new Uint8Array(WRITE_RECORDS * MERGED_RECORD_BYTES);
  const ints = new Int32Array(bytes.buffer);
  const floats = new Float32Array(bytes.buffer);
  const fd = openSync(path, 'r');
  try {
    let done = 0;
    while (done < count) {
      const want = Math.min(WRITE_RECORDS, count - done) * MERGED_RECORD_BYTES;
      const read = readSync(fd, bytes, 0, want, done * MERGED_RECORD_BYTES);
      if (read !== want) {
        throw new EmbedkitError('BAD_RUN', 'the merged co-occurrence file is shorter than written', {
          file: path,
          byteOffset: done * MERGED_RECORD_BYTES + read,
        });
      }
      const records = want / MERGED_RECORD_BYTES;
      for (let r = 0; r < records; r++) {
        rows[done + r] = ints[3 * r];
        cols[done + r] = ints[3 * r + 1];
        values[done + r] = floats[3 * r + 2];
      }
      done += records;
    }
  } finally {
    closeSync(fd);
  }
}

function siftDown(heap: RunReader[], start: number): void {
  const n = heap.length;
  let at = start;
  const item = heap[at];
  for (;;) {
    let child = 2 * at + 1;
    if (child >= n) break;
    if (child + 1 < n && heap[child + 1].key < heap[child].key) child++;
    if (heap[child].key >= item.key) break;
    heap[at] = heap[child];
    at = child;
  }
  heap[at] = item;
}

function writeAll(fd: number, bytes: Uint8Array, length: number): void {
  let offset = 0;
  while (offset < length) offset += writeSync(fd, bytes, offset, length - offset);
}
