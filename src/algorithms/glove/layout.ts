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

/** The kernel's static data (math tables) sits below this; our arrays start here. */
const RESERVED_BYTES = 64 * 1024;
const PAGE_BYTES = 64 * 1024;
/** The wasm32 address space: 65,536 pages of 64 KiB. */
export const MAX_PAGES = 65536;

export function planLayout(vocabularySize: number, dim: number, records: number): GloveLayout {
  const paddedDim = Math.ceil(dim / 4) * 4;
  let next = RESERVED_BYTES;
  const take = (bytes: number): number => {
    const at = next;
    next += Math.ceil(bytes / 64) * 64; // cache-line aligned rows
    return at;
  };
  const params = take(2 * vocabularySize * 2 * paddedDim * 4);
  const biases = take(2 * vocabularySize * 8);
  const rows = take(4 * records);
  const cols = take(4 * records);
  const values = take(4 * records);
  return { dim, paddedDim, vocabularySize, records, params, biases, rows, cols, values, pages: Math.ceil(next / PAGE_BYTES) };
}
