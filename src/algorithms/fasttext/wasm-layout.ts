import { ByteAllocator, CONFIG_BYTES, RESERVED_BYTES, paddedWidth } from '../shared/memory-layout.js';
import { takeWordTables, type WordTableOffsets } from '../shared/word-tables.js';

/**
 * Where everything lives in the one shared WebAssembly.Memory of a wasm training run, allocated up
 * front: growing a shared memory would mean rebuilding every worker's views.
 */

/** Indices of the i32 fields of a kernel configuration block; must match assembly/fasttext.ts. */
export const FASTTEXT_CONFIG = {
  input: 0,
  output: 1,
  stride: 2,
  vocabSize: 3,
  offsets: 4,
  rows: 5,
  keepProbability: 6,
  aliasProbability: 7,
  aliasIndex: 8,
  sigmoid: 9,
  negLogSigmoid: 10,
  scratch: 11,
  window: 12,
  negative: 13,
  sg: 14,
  maxSentence: 15,
  stream: 16,
  seedLow: 17,
  seedHigh: 18,
  bagCapacity: 19,
} as const;

/** fastText's sigmoid table: 512 steps over [-8, 8]. */
export const SIGMOID_TABLE_SIZE = 512;
export const MAX_SIGMOID = 8;

export interface FastTextLayoutInput {
  vocabSize: number;
  bucket: number;
  dim: number;
  threads: number;
  maxSentenceLength: number;
  /** Rows in the subword table (all words together), and the most one word has. */
  tableRows: number;
  maxRowsPerWord: number;
  window: number;
  /** Negatives per prediction: skip-gram draws those of a whole window at once. */
  negative: number;
  streamLength: number;
}

export interface FastTextLayout extends WordTableOffsets {
  /** Floats per weight row: dim rounded up to a multiple of 4 for f32x4. */
  stride: number;
  /** CBOW: room for the rows of a whole window of context words. */
  bagCapacity: number;
  configs: number[];
  scratch: number[];
  offsets: number;
  rows: number;
  input: number;
  output: number;
  stream: number;
  /** Bytes in use; `pages` of 64 KiB hold them. */
  bytes: number;
  pages: number;
}

export function planFastTextLayout(input: FastTextLayoutInput): FastTextLayout {
  const stride = paddedWidth(input.dim);
  const allocator = new ByteAllocator(RESERVED_BYTES);
  const take = (bytes: number): number => allocator.take(bytes);
  const v = input.vocabSize;
  const rowBytes = stride * 4;
  const bagCapacity = 2 * input.window * input.maxRowsPerWord;
  const configs = Array.from({ length: input.threads }, () => take(CONFIG_BYTES));
  // hidden, gradient, total | sentence | CBOW bag | skip-gram: the negatives of one window.
  const scratchBytes = 3 * rowBytes + 4 * input.maxSentenceLength + 4 * bagCapacity + 4 * 2 * input.window * input.negative;
  const scratch = Array.from({ length: input.threads }, () => take(scratchBytes));
  const tables = takeWordTables(allocator, v, SIGMOID_TABLE_SIZE);
  const offsets = take(4 * (v + 1));
  const rows = take(4 * input.tableRows);
  const inputMatrix = take((v + input.bucket) * rowBytes);
  const output = take(v * rowBytes);
  const stream = take(4 * input.streamLength);
  return {
    stride, bagCapacity, configs, scratch, ...tables,
    offsets, rows, input: inputMatrix, output, stream, bytes: allocator.end, pages: allocator.pages,
  };
}
