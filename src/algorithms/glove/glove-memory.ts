import { EmbedkitError } from '../../errors.js';
import { Random } from '../../util/random.js';
import { MAX_PAGES } from '../shared/memory-layout.js';
import { createSharedMemory, type SharedWasmMemory } from '../shared/wasm-api.js';
import type { CooccurrenceMatrix } from './cooccurrence-matrix.js';
import { planLayout, type GloveLayout } from './layout.js';

/** Typed views of a GloVe run's shared memory, as laid out by planLayout. */
export interface GloveViews {
  /** 2V rows of 2 × paddedDim floats: [vector | accumulators (sum of squared steps, less the starting 1)]. */
  params: Float32Array;
  /** 2V (bias, accumulator) pairs. */
  biases: Float32Array;
  rows: Int32Array;
  cols: Int32Array;
  values: Float32Array;
}

export function viewsOf(memory: SharedWasmMemory, layout: GloveLayout): GloveViews {
  const buffer = memory.buffer;
  const v = layout.vocabularySize;
  return {
    params: new Float32Array(buffer, layout.params, 2 * v * 2 * layout.paddedDim),
    biases: new Float32Array(buffer, layout.biases, 2 * v * 2),
    rows: new Int32Array(buffer, layout.rows, layout.records),
    cols: new Int32Array(buffer, layout.cols, layout.records),
    values: new Float32Array(buffer, layout.values, layout.records),
  };
}

/** The parameters and records of one training run, in one shared WebAssembly.Memory. */
export class GloveMemory {
  readonly memory: SharedWasmMemory;
  readonly layout: GloveLayout;
  readonly views: GloveViews;

  constructor(vocabularySize: number, dim: number, records: number) {
    this.layout = planLayout(vocabularySize, dim, records);
    if (this.layout.pages > MAX_PAGES) {
      throw new EmbedkitError(
        'TOO_LARGE',
        `${vocabularySize} words × ${dim} dimensions and ${records} co-occurrence records need ${(this.layout.pages / 16384).toFixed(1)} GiB, more than WebAssembly's 4 GiB`,
        { field: 'dim' },
      );
    }
    this.memory = createSharedMemory(this.layout.pages, this.layout.pages);
    this.views = viewsOf(this.memory, this.layout);
  }

  /**
   * Vectors and biases uniform in ±0.5/dim, as the C tool; accumulators 0, which the kernel reads as
   * the C tool's starting 1 (it stores the sum minus 1, see assembly/glove.ts). Padding 0.
   */
  initialize(seed: number): void {
    const { dim, paddedDim, vocabularySize } = this.layout;
    const { params, biases } = this.views;
    const random = new Random(seed);
    for (let row = 0; row < 2 * vocabularySize; row++) {
      const base = row * 2 * paddedDim;
      for (let k = 0; k < dim; k++) params[base + k] = (random.float() - 0.5) / dim;
      params.fill(0, base + dim, base + 2 * paddedDim);
      biases[2 * row] = (random.float() - 0.5) / dim;
      biases[2 * row + 1] = 0;
    }
  }

  copyRecords(matrix: CooccurrenceMatrix): void {
    const { rows, cols, values } = this.views;
    rows.set(matrix.rows.subarray(0, matrix.size));
    cols.set(matrix.cols.subarray(0, matrix.size));
    values.set(matrix.values.subarray(0, matrix.size));
  }

  /** The vector of parameter row `row` (words 0..V-1, context words V..2V-1): a view, dim long. */
  vector(row: number): Float32Array {
    const base = row * 2 * this.layout.paddedDim;
    return this.views.params.subarray(base, base + this.layout.dim);
  }

  /** Row-major V × dim: W + W̃ ('sum') or W ('word'). */
  wordVectors(output: 'sum' | 'word'): Float32Array {
    const { dim, paddedDim, vocabularySize: v } = this.layout;
    const params = this.views.params;
    const vectors = new Float32Array(v * dim);
    for (let id = 0; id < v; id++) {
      const word = id * 2 * paddedDim;
      const context = (v + id) * 2 * paddedDim;
      for (let k = 0; k < dim; k++) {
        vectors[id * dim + k] = output === 'sum' ? params[word + k] + params[context + k] : params[word + k];
      }
    }
    return vectors;
  }
}
