import { ByteAllocator, CONFIG_BYTES, RESERVED_BYTES, paddedWidth } from '../shared/memory-layout.js';
import { takeWordTables, type WordTableOffsets } from '../shared/word-tables.js';

/**
 * Where everything lives in the one shared WebAssembly.Memory of a training run: the id stream
 * first (written while the corpus is read), then tables, weights and per-worker scratch, all
 * allocated before the workers start (growing a shared memory would mean rebuilding their views).
 */

/** Indices of the i32 fields of a kernel configuration block; must match assembly/word2vec.ts. */
export const CONFIG_FIELDS = {
  syn0: 0,
  syn1neg: 1,
  syn1: 2,
  stride: 3,
  vocabSize: 4,
  keepProbability: 5,
  aliasProbability: 6,
  aliasIndex: 7,
  codes: 8,
  points: 9,
  codeLengths: 10,
  maxCodeLength: 11,
  sigmoid: 12,
  negLogSigmoid: 13,
  scratch: 14,
  window: 15,
  negative: 16,
  hs: 17,
  sg: 18,
  cbowMean: 19,
  maxSentence: 20,
  stream: 21,
  seedLow: 22,
  seedHigh: 23,
} as const;

/** The C tool's sigmoid table: 1000 points over [-6, 6]. */
export const SIGMOID_TABLE_SIZE = 1000;
export const MAX_EXP = 6;

/** The kernel's static data sits below this; the id stream starts here, the other arrays after it. */
export const STREAM_OFFSET = RESERVED_BYTES;

export interface LayoutInput {
  vocabSize: number;
  dim: number;
  threads: number;
  window: number;
  negative: number;
  hs: boolean;
  maxCodeLength: number;
  maxSentenceLength: number;
  streamLength: number;
}

export interface MemoryLayout extends WordTableOffsets {
  /** Floats per weight row: dim rounded up to a multiple of 4 for f32x4. */
  stride: number;
  configs: number[];
  scratch: number[];
  codes: number;
  points: number;
  codeLengths: number;
  syn0: number;
  syn1neg: number;
  syn1: number;
  stream: number;
  pages: number;
}

export function planLayout(input: LayoutInput): MemoryLayout {
  const stride = paddedWidth(input.dim);
  // The stream comes first: it is written while the corpus is read, before anything else is known.
  const allocator = new ByteAllocator(STREAM_OFFSET);
  const take = (bytes: number): number => allocator.take(bytes);
  const v = input.vocabSize;
  const rowBytes = stride * 4;
  const stream = take(4 * input.streamLength);
  const configs = Array.from({ length: input.threads }, () => take(CONFIG_BYTES));
  const negativesPerWindow = Math.max(1, 2 * input.window * input.negative);
  const scratchBytes = 2 * rowBytes + 4 * input.maxSentenceLength + 4 * negativesPerWindow;
  const scratch = Array.from({ length: input.threads }, () => take(scratchBytes));
  const tables = takeWordTables(allocator, v, SIGMOID_TABLE_SIZE);
  const treeCells = input.hs ? v * input.maxCodeLength : 0;
  const codes = take(treeCells);
  const points = take(4 * treeCells);
  const codeLengths = take(input.hs ? v : 0);
  const syn0 = take(v * rowBytes);
  const syn1neg = take(input.negative > 0 ? v * rowBytes : 0);
  const syn1 = take(input.hs ? v * rowBytes : 0);
  const pages = allocator.pages;
  return {
    stride, configs, scratch, ...tables,
    codes, points, codeLengths, syn0, syn1neg, syn1, stream, pages,
  };
}
