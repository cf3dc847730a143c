import type { Random } from '../util/random.js';

/** Per-example shape, without the batch dimension (Keras' `inputShape`); null = any length. */
export type Shape = readonly (number | null)[];

/**
 * A batch flowing between layers: batch-major flat data with its full shape (batch first).
 * The first layer of a text model receives token ids (`Int32Array`), every later layer floats.
 */
export interface Activation {
  shape: number[];
  data: Float32Array | Int32Array;
  /** Per-timestep mask, batch × timesteps, 1 = a real token; produced by `Embedding({maskZero: true})`. */
  mask?: Uint8Array;
}

/**
 * The rows of a parameter touched by the last backward pass, each listed once, with their gradients
 * (`count × rowLength`, row-major). An Embedding's gradient is sparse: never a dense V×d array.
 */
export interface SparseRows {
  rowLength: number;
  count: number;
  rows: Int32Array;
  grads: Float32Array;
}

export interface Parameter {
  name: string;
  shape: number[];
  value: Float32Array;
  trainable: boolean;
  /**
   * Dense gradient of the last backward pass (same length as `value`). Layers with a sparse gradient
   * (Embedding) leave it empty (length 0) and set `sparse` instead.
   */
  grad: Float32Array;
  /** Set instead of `grad` by layers whose gradient touches only some rows. */
  sparse?: SparseRows;
  /** Rows from `fromRow` on learn at `factor` × the optimizer's rate (see `EmbeddingOptions.slowRows`). */
  slowRows?: SlowRows;
}

/** A tail of a parameter's rows that learns at a fraction of the optimizer's rate. */
export interface SlowRows {
  fromRow: number;
  /** In (0, 1]. */
  factor: number;
}

/** One layer: forward, backward, its parameters and its config (as in tfjs-layers). */
export interface Layer {
  readonly className: string;
  name: string;
  /** Creates the parameters for inputs of this per-example shape. */
  build(inputShape: Shape, rng: Random): void;
  computeOutputShape(inputShape: Shape): Shape;
  forward(input: Activation, training: boolean): Activation;
  /**
   * Given dLoss/dOutput of the last forward pass, writes the parameters' gradients (overwriting) and
   * returns dLoss/dInput (null for a layer whose input is token ids).
   */
  backward(gradOutput: Float32Array): Float32Array | null;
  parameters(): Parameter[];
  getConfig(): Record<string, unknown>;
}
