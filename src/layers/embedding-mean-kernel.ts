import type { KernelArena } from './kernel-arena.js';

/**
 * Views of the exact length asked for, over arena space that grows when a larger batch comes (the old
 * space is not reused: arenas only grow), as ReusableFloat32 does for ordinary arrays.
 */
class ArenaFloat32 {
  private capacity: Float32Array = new Float32Array(0);
  private view: Float32Array = new Float32Array(0);
  constructor(private readonly arena: KernelArena) {}

  get(length: number): Float32Array {
    if (this.view.length === length) return this.view;
    if (this.capacity.length < length) this.capacity = this.arena.allocFloat32(length);
    this.view = this.capacity.subarray(0, length);
    return this.view;
  }
}

class ArenaInt32 {
  private capacity: Int32Array = new Int32Array(0);
  private view: Int32Array = new Int32Array(0);
  constructor(private readonly arena: KernelArena) {}

  get(length: number): Int32Array {
    if (this.view.length === length) return this.view;
    if (this.capacity.length < length) this.capacity = this.arena.allocInt32(length);
    this.view = this.capacity.subarray(0, length);
    return this.view;
  }
}

/**
 * Embedding.forwardMean/backwardMean on the WebAssembly kernels: the same numbers as the TypeScript
 * loops in Embedding, with every buffer the kernels touch inside the layer's arena. The caller checks ids.
 */
export class EmbeddingMeanKernel {
  private readonly ids: ArenaInt32;
  private readonly means: ArenaFloat32;
  private readonly inverseCounts: ArenaFloat32;
  private readonly gradMeans: ArenaFloat32;
  private readonly tokenGrad: Float32Array;
  private readonly slotOfRow: Int32Array;
  private readonly rows: ArenaInt32;
  private readonly grads: ArenaFloat32;
  private batch = 0;
  private steps = 0;

  constructor(
    private readonly arena: KernelArena,
    private readonly table: Float32Array,
    private readonly inputDim: number,
    private readonly outputDim: number,
    private readonly maskZero: boolean,
  ) {
    this.ids = new ArenaInt32(arena);
    this.means = new ArenaFloat32(arena);
    this.inverseCounts = new ArenaFloat32(arena);
    this.gradMeans = new ArenaFloat32(arena);
    this.tokenGrad = arena.allocFloat32(outputDim);
    this.slotOfRow = arena.allocInt32(inputDim).fill(-1);
    this.rows = new ArenaInt32(arena);
    this.grads = new ArenaFloat32(arena);
  }

  /** Means of the rows of `ids` ([batch, steps], already checked), as a view of `batch × d` floats. */
  forwardMean(ids: Int32Array, batch: number, steps: number): Float32Array {
    const d = this.outputDim;
    const idsCopy = this.ids.get(ids.length);
    idsCopy.set(ids);
    const means = this.means.get(batch * d);
    const inverseCounts = this.inverseCounts.get(batch);
    this.arena.kernels.gatherMean(
      idsCopy.byteOffset,
      batch,
      steps,
      this.maskZero ? 1 : 0,
      this.table.byteOffset,
      d,
      means.byteOffset,
      inverseCounts.byteOffset,
    );
    this.batch = batch;
    this.steps = steps;
    return means;
  }

  /** The sparse gradient of the last forwardMean: distinct rows in order of first use, and their gradients. */
  backwardMean(gradMeans: Float32Array): { count: number; rows: Int32Array; grads: Float32Array } {
    const d = this.outputDim;
    const tokens = this.batch * this.steps;
    const gradMeansCopy = this.gradMeans.get(gradMeans.length);
    gradMeansCopy.set(gradMeans);
    // Never more distinct rows than tokens, nor than the vocabulary.
    const capacity = Math.min(tokens, this.inputDim);
    const rows = this.rows.get(capacity);
    const grads = this.grads.get(capacity * d);
    const count = this.arena.kernels.scatterMean(
      this.ids.get(tokens).byteOffset,
      this.batch,
      this.steps,
      this.maskZero ? 1 : 0,
      d,
      gradMeansCopy.byteOffset,
      this.inverseCounts.get(this.batch).byteOffset,
      this.tokenGrad.byteOffset,
      this.slotOfRow.byteOffset,
      rows.byteOffset,
      grads.byteOffset,
    );
    return { count, rows, grads };
  }
}
