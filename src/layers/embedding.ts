import { EmbedkitError } from '../errors.js';
import type { Random } from '../util/random.js';
import { ReusableFloat32, ReusableUint8 } from './buffers.js';
import { checkPositiveInteger } from './checks.js';
import { EmbeddingMeanKernel } from './embedding-mean-kernel.js';
import { checkInitializerName, initialize, type InitializerName } from './initializers.js';
import { KernelArena } from './kernel-arena.js';
import type { Activation, Layer, Parameter, Shape, SlowRows, SparseRows } from './layer.js';
import { defaultLayerName } from './naming.js';
import { embeddingMatrixFromVectors, type EmbeddingInitOptions, type WordVectorSource } from './pretrained-rows.js';

export interface EmbeddingOptions {
  /** Keras default: uniform in ±0.05. */
  embeddingsInitializer?: 'uniform' | 'normal' | 'zeros';
  /** Pretrained vectors, inputDim × outputDim row-major; copied at build. */
  weights?: Float32Array;
  trainable?: boolean;
  /** Id 0 is padding: sets a mask so that later layers ignore it. */
  maskZero?: boolean;
  inputLength?: number;
  name?: string;
  /**
   * Rows from `fromRow` on learn at `factor` × the optimizer's rate: a text classifier's bigram rows,
   * specific and numerous, over-fit at the rate that suits the words. Training only; not saved.
   */
  slowRows?: SlowRows;
}

/**
 * Maps token ids to rows of a trainable inputDim × outputDim table. Its gradient is sparse: only the
 * rows of the ids in the batch, each once, so an optimizer step costs O(rows in batch × outputDim).
 */
export class Embedding implements Layer {
  readonly className = 'Embedding';
  name: string;
  readonly inputDim: number;
  readonly outputDim: number;
  readonly maskZero: boolean;
  readonly inputLength: number | undefined;
  readonly embeddingsInitializer: InitializerName;
  trainable: boolean;
  readonly slowRows: SlowRows | undefined;
  private pretrained: Float32Array | undefined;
  private embeddings: Parameter | undefined;

  private readonly output = new ReusableFloat32();
  private readonly maskBuffer = new ReusableUint8();
  private readonly activation: Activation = { shape: [0, 0, 0], data: new Float32Array(0) };
  private lastIds: Int32Array = new Int32Array(0);
  /** Slot of each vocabulary row in the sparse gradient, -1 when untouched; reset after each use. */
  private slotOfRow: Int32Array = new Int32Array(0);
  private sparseRows = new Int32Array(0);
  private readonly sparseGrads = new ReusableFloat32();
  private sparse: SparseRows | undefined;
  private readonly meanInverseCounts = new ReusableFloat32();
  private readonly tokenGrad = new ReusableFloat32();
  private readonly meanActivation: Activation = { shape: [0, 0], data: new Float32Array(0) };
  /** The WebAssembly SIMD path of forwardMean/backwardMean, when the kernels are built. */
  private meanKernel: EmbeddingMeanKernel | undefined;

  constructor(inputDim: number, outputDim: number, options: EmbeddingOptions = {}) {
    checkPositiveInteger(inputDim, 'inputDim');
    checkPositiveInteger(outputDim, 'outputDim');
    if (options.inputLength !== undefined && options.inputLength !== null) checkPositiveInteger(options.inputLength, 'inputLength');
    this.inputDim = inputDim;
    this.outputDim = outputDim;
    this.embeddingsInitializer = checkInitializerName(options.embeddingsInitializer ?? 'uniform', 'embeddingsInitializer');
    this.maskZero = options.maskZero ?? false;
    this.inputLength = options.inputLength ?? undefined;
    this.trainable = options.trainable ?? true;
    this.name = options.name ?? defaultLayerName(this.className);
    if (options.weights !== undefined && options.weights.length !== inputDim * outputDim) {
      throw new EmbedkitError(
        'bad_weights',
        `pretrained embedding weights have ${options.weights.length} values, expected ${inputDim}×${outputDim}`,
        { field: 'weights' },
      );
    }
    this.pretrained = options.weights;
    if (options.slowRows !== undefined) {
      const { fromRow, factor } = options.slowRows;
      if (!Number.isInteger(fromRow) || fromRow < 0 || fromRow > inputDim) {
        throw new EmbedkitError('bad_config', `slowRows.fromRow must be an integer in [0, ${inputDim}], got ${fromRow}`, { field: 'slowRows.fromRow' });
      }
      if (!(factor > 0 && factor <= 1)) {
        throw new EmbedkitError('bad_config', `slowRows.factor must be in (0, 1], got ${factor}`, { field: 'slowRows.factor' });
      }
      this.slowRows = { fromRow, factor };
    }
  }

  /**
   * An Embedding initialised from pretrained vectors, aligned by word to a vocabulary (row i = the vector of
   * `vocabulary.words[i]`; '<pad>' zero; words without a vector drawn uniform in ±0.05, seeded). `found` and
   * `missing` say how many rows each way.
   */
  static fromVectors(
    vectors: WordVectorSource,
    vocabulary: { readonly words: readonly string[] },
    options: Omit<EmbeddingOptions, 'weights'> & EmbeddingInitOptions = {},
  ): Embedding & { found: number; missing: number } {
    const { seed, init, lowercaseFallback, ...layerOptions } = options;
    const aligned = embeddingMatrixFromVectors(vectors, vocabulary.words, { seed, init, lowercaseFallback });
    const layer = new Embedding(vocabulary.words.length, vectors.dim, { maskZero: true, ...layerOptions, weights: aligned.weights });
    return Object.assign(layer, { found: aligned.found, missing: aligned.missing });
  }

  build(_inputShape: Shape, rng: Random): void {
    const size = this.inputDim * this.outputDim;
    // Room for the table and an optimizer's two moments of it, the usual case.
    const arena = KernelArena.create(3 * size * 4 + this.inputDim * 4 + (1 << 20));
    const value = arena ? arena.allocFloat32(size) : new Float32Array(size);
    if (this.pretrained) value.set(this.pretrained);
    else initialize(value, this.embeddingsInitializer, this.inputDim, this.outputDim, rng);
    this.pretrained = undefined;
    this.embeddings = {
      name: `${this.name}/embeddings`,
      shape: [this.inputDim, this.outputDim],
      value,
      trainable: this.trainable,
      // The gradient is always sparse; a dense V×d array is never allocated.
      grad: new Float32Array(0),
      slowRows: this.slowRows,
    };
    this.slotOfRow = new Int32Array(this.inputDim).fill(-1);
    if (arena) {
      arena.registerParameterValue(value);
      this.meanKernel = new EmbeddingMeanKernel(arena, value, this.inputDim, this.outputDim, this.maskZero);
    }
  }

  computeOutputShape(inputShape: Shape): Shape {
    return [...inputShape, this.outputDim];
  }

  forward(input: Activation, _training: boolean): Activation {
    const table = this.requireBuilt().value;
    if (!(input.data instanceof Int32Array)) {
      throw new EmbedkitError('bad_input', 'Embedding expects token ids in an Int32Array', { field: 'x' });
    }
    const ids = input.data;
    const d = this.outputDim;
    const vocabulary = this.inputDim;
    const out = this.output.get(ids.length * d);
    for (let p = 0; p < ids.length; p++) {
      const id = ids[p];
      if (id < 0 || id >= vocabulary) throw this.badId(input.shape, p, id);
      const source = id * d;
      const target = p * d;
      for (let j = 0; j < d; j++) out[target + j] = table[source + j];
    }
    this.lastIds = ids;
    const activation = this.activation;
    activation.shape.length = 0;
    for (const size of input.shape) activation.shape.push(size);
    activation.shape.push(d);
    activation.data = out;
    if (this.maskZero) {
      const mask = this.maskBuffer.get(ids.length);
      for (let p = 0; p < ids.length; p++) mask[p] = ids[p] !== 0 ? 1 : 0;
      activation.mask = mask;
    } else {
      activation.mask = undefined;
    }
    return activation;
  }

  backward(gradOutput: Float32Array): Float32Array | null {
    const parameter = this.requireBuilt();
    if (!this.trainable) return null;
    const ids = this.lastIds;
    const d = this.outputDim;
    const slotOfRow = this.slotOfRow;
    if (this.sparseRows.length < ids.length) this.sparseRows = new Int32Array(ids.length);
    const rows = this.sparseRows;
    const grads = this.sparseGrads.get(ids.length * d);
    let count = 0;
    for (let p = 0; p < ids.length; p++) {
      const id = ids[p];
      let slot = slotOfRow[id];
      const source = p * d;
      if (slot < 0) {
        slot = count++;
        slotOfRow[id] = slot;
        rows[slot] = id;
        const target = slot * d;
        for (let j = 0; j < d; j++) grads[target + j] = gradOutput[source + j];
      } else {
        const target = slot * d;
        for (let j = 0; j < d; j++) grads[target + j] += gradOutput[source + j];
      }
    }
    for (let s = 0; s < count; s++) slotOfRow[rows[s]] = -1;
    if (!this.sparse) this.sparse = { rowLength: d, count, rows, grads };
    this.sparse.count = count;
    this.sparse.rows = rows;
    this.sparse.grads = grads;
    parameter.sparse = this.sparse;
    return null;
  }

  /**
   * The forward pass of this layer followed by GlobalAveragePooling1D, without materialising the
   * [batch, steps, d] sequence: sums table rows straight into the [batch, d] means (padding skipped
   * when maskZero). Gives the same floats as the two layers in turn, at half the memory traffic;
   * models use it on their hot path. Pair it with `backwardMean`.
   */
  forwardMean(input: Activation): Activation {
    const table = this.requireBuilt().value;
    if (!(input.data instanceof Int32Array) || input.shape.length !== 2) {
      throw new EmbedkitError('bad_input', 'Embedding expects token ids in an Int32Array of shape [batch, steps]', { field: 'x' });
    }
    const ids = input.data;
    const [batch, steps] = input.shape;
    const d = this.outputDim;
    const vocabulary = this.inputDim;
    const maskZero = this.maskZero;
    const activation = this.meanActivation;
    activation.shape[0] = batch;
    activation.shape[1] = d;
    this.lastIds = ids;
    if (this.meanKernel) {
      for (let p = 0; p < ids.length; p++) {
        const id = ids[p];
        if (id < 0 || id >= vocabulary) throw this.badId(input.shape, p, id);
      }
      activation.data = this.meanKernel.forwardMean(ids, batch, steps);
      return activation;
    }
    const out = this.output.get(batch * d);
    const inverseCounts = this.meanInverseCounts.get(batch);
    out.fill(0);
    for (let b = 0; b < batch; b++) {
      const outBase = b * d;
      let count = 0;
      for (let t = 0; t < steps; t++) {
        const p = b * steps + t;
        const id = ids[p];
        if (id < 0 || id >= vocabulary) throw this.badId(input.shape, p, id);
        if (maskZero && id === 0) continue;
        count++;
        const source = id * d;
        for (let j = 0; j < d; j++) out[outBase + j] += table[source + j];
      }
      const inverse = count > 0 ? 1 / count : 0;
      inverseCounts[b] = inverse;
      for (let j = 0; j < d; j++) out[outBase + j] *= inverse;
    }
    activation.data = out;
    return activation;
  }

  /** Sparse gradient of the last `forwardMean`, given dLoss/dMeans ([batch, d]). */
  backwardMean(gradMeans: Float32Array): void {
    const parameter = this.requireBuilt();
    if (!this.trainable) return;
    if (this.meanKernel) {
      const { count, rows, grads } = this.meanKernel.backwardMean(gradMeans);
      this.publishSparse(parameter, count, rows, grads);
      return;
    }
    const ids = this.lastIds;
    const d = this.outputDim;
    const batch = gradMeans.length / d;
    const steps = ids.length / batch;
    const maskZero = this.maskZero;
    const inverseCounts = this.meanInverseCounts.get(batch);
    const slotOfRow = this.slotOfRow;
    if (this.sparseRows.length < ids.length) this.sparseRows = new Int32Array(ids.length);
    const rows = this.sparseRows;
    const grads = this.sparseGrads.get(ids.length * d);
    // Rounded to float32 once per example, as the separate pooling layer would store it.
    const tokenGrad = this.tokenGrad.get(d);
    let count = 0;
    for (let b = 0; b < batch; b++) {
      const inverse = inverseCounts[b];
      for (let j = 0; j < d; j++) tokenGrad[j] = gradMeans[b * d + j] * inverse;
      for (let t = 0; t < steps; t++) {
        const id = ids[b * steps + t];
        if (maskZero && id === 0) continue;
        let slot = slotOfRow[id];
        if (slot < 0) {
          slot = count++;
          slotOfRow[id] = slot;
          rows[slot] = id;
          const target = slot * d;
          for (let j = 0; j < d; j++) grads[target + j] = tokenGrad[j];
        } else {
          const target = slot * d;
          for (let j = 0; j < d; j++) grads[target + j] += tokenGrad[j];
        }
      }
    }
    for (let s = 0; s < count; s++) slotOfRow[rows[s]] = -1;
    this.publishSparse(parameter, count, rows, grads);
  }

  private publishSparse(parameter: Parameter, count: number, rows: Int32Array, grads: Float32Array): void {
    if (!this.sparse) this.sparse = { rowLength: this.outputDim, count, rows, grads };
    this.sparse.count = count;
    this.sparse.rows = rows;
    this.sparse.grads = grads;
    parameter.sparse = this.sparse;
  }

  parameters(): Parameter[] {
    if (!this.embeddings) return [];
    this.embeddings.trainable = this.trainable;
    return [this.embeddings];
  }

  getConfig(): Record<string, unknown> {
    const config: Record<string, unknown> = {
      name: this.name,
      trainable: this.trainable,
      inputDim: this.inputDim,
      outputDim: this.outputDim,
      embeddingsInitializer: this.embeddingsInitializer,
      maskZero: this.maskZero,
    };
    if (this.inputLength !== undefined) config.inputLength = this.inputLength;
    return config;
  }

  private requireBuilt(): Parameter {
    if (!this.embeddings) throw new EmbedkitError('not_built', `layer ${this.name} is used before it was built`);
    return this.embeddings;
  }

  private badId(shape: number[], position: number, id: number): EmbedkitError {
    const length = shape.length > 1 ? shape[shape.length - 1] : 1;
    const row = Math.floor(position / length);
    const column = position % length;
    return new EmbedkitError(
      'bad_input',
      `token id ${id} at row ${row}, column ${column} is outside the embedding's vocabulary [0, ${this.inputDim})`,
      { field: 'x' },
    );
  }
}
