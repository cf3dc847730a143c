import { ByteAllocator, RESERVED_BYTES, paddedWidth } from '../shared/memory-layout.js';

/**
 * Where everything lives in the one shared WebAssembly.Memory of a GloVe run; allocated up front,
 * since growing a shared memory would mean rebuilding every worker's views.
 */
export interface GloveLayout {
  dim: number;
  /** dim rounded up to a multiple of 4 for f32x4. */
  paddedDim: number;
  vocabularySize: number;
  records: number;
  /** 2V rows of [vector (paddedDim) | AdaGrad accumulators (paddedDim)]: words, then context words. */
  params: number;
  /** 2V (bias, accumulator) pairs. */
  biases: number;
  rows: number;
  cols: number;
  values: number;
  pages: number;
}

export function planLayout(vocabularySize: number, dim: number, records: number): GloveLayout {
  const paddedDim = paddedWidth(dim);
  const allocator = new ByteAllocator(RESERVED_BYTES);
  const take = (bytes: number): number => allocator.take(bytes);
  const params = take(2 * vocabularySize * 2 * paddedDim * 4);
  const biases = take(2 * vocabularySize * 8);
  const rows = take(4 * records);
  const cols = take(4 * records);
  const values = take(4 * records);
  return { dim, paddedDim, vocabularySize, records, params, biases, rows, cols, values, pages: allocator.pages };
}
