import { EmbedkitError } from '../errors.js';
import { Dense } from '../layers/dense.js';
import { Embedding } from '../layers/embedding.js';
import { GlobalAveragePooling1D } from '../layers/global-average-pooling-1d.js';
import { layerFromConfig, layerToConfig, type LayerConfig } from '../layers/index.js';
import type { Activation, Layer, Parameter, Shape } from '../layers/layer.js';
import { defaultLayerName } from '../layers/naming.js';
import { Random } from '../util/random.js';
import { EarlyStopping, type EarlyStoppingOptions } from './early-stopping.js';
import { checkLossName, lossByName, type LossFunction, type LossName } from './losses.js';
import { accuracyForLoss, type AccuracyFunction } from './metrics.js';
import {
  optimizerFromConfig,
  optimizerToConfig,
  resolveOptimizer,
  type Optimizer,
  type OptimizerConfig,
  type OptimizerName,
} from './optimizers.js';
import { formatSummary } from './summary.js';

export type { EarlyStoppingOptions } from './early-stopping.js';

/** A batch-major input matrix: padded token ids (Int32Array) for text models, floats otherwise. */
export interface ModelInput {
  rows: number;
  cols: number;
  data: Int32Array | Float32Array;
}

export interface CompileOptions {
  optimizer: Optimizer | OptimizerName;
  loss: LossName;
  /** Only 'accuracy' exists; accuracy is reported either way. */
  metrics?: string[];
}

export interface EpochLogs {
  loss: number;
  accuracy: number;
  val_loss?: number;
  val_accuracy?: number;
}

export interface BatchLogs {
  loss: number;
  accuracy: number;
  /** Examples in this batch. */
  size: number;
}

export interface FitCallbacks {
  /** May return a promise; fit waits for it before the next epoch. */
  onEpochEnd?(epoch: number, logs: EpochLogs): void | Promise<void>;
  onBatchEnd?(batch: number, logs: BatchLogs): void;
}

export interface FitOptions {
  epochs?: number;
  batchSize?: number;
  /** Fraction of the examples, taken from the end before shuffling (as Keras), held out for validation. */
  validationSplit?: number;
  validationData?: [ModelInput, Float32Array];
  shuffle?: boolean;
  seed?: number;
  /** Ignored: the library never prints. */
  verbose?: number;
  callbacks?: FitCallbacks;
  earlyStopping?: EarlyStoppingOptions;
}

export interface History {
  epoch: number[];
  history: { loss: number[]; accuracy: number[]; val_loss?: number[]; val_accuracy?: number[] };
}

export interface SequentialOptions {
  name?: string;
  /** Seeds weight initialisation and dropout; fit's seed is used when this is not set. Default 1. */
  seed?: number;
}

export interface SequentialConfig {
  name: string;
  layers: LayerConfig[];
  /** Per-example input shape the model was built for. */
  inputShape?: (number | null)[];
  compile?: { optimizer: OptimizerConfig; loss: LossName; metrics: string[] };
}

interface Compiled {
  optimizer: Optimizer;
  loss: LossName;
  metrics: string[];
  lossFunction: LossFunction;
  accuracy: AccuracyFunction;
}

/** Batch buffers reused for every batch of one fit/evaluate/predict call. */
interface BatchBuffers {
  x: Int32Array | Float32Array;
  y: Float32Array;
  input: Activation;
  fullX: Int32Array | Float32Array;
  fullY: Float32Array;
  partialX: Int32Array | Float32Array;
  partialY: Float32Array;
  fullSize: number;
  partialSize: number;
}

/**
 * A Keras-like stack of layers. Per-batch work is synchronous and allocation-free in steady state; fit
 * yields to the event loop between epochs. A final sigmoid/softmax Dense is fused with the cross-entropy
 * (loss and gradient from its logits), as Keras does.
 */
export class Sequential {
  readonly name: string;
  readonly layers: Layer[] = [];
  /** Set to true (e.g. from a callback) to end fit after the current epoch. */
  stopTraining = false;
  private readonly seed: number | undefined;
  private inputShape: Shape | undefined;
  private outputShapes: Shape[] = [];
  private compiled: Compiled | undefined;
  private lossGradient = new Float32Array(0);
  /** Set by trainBatch, which returns the loss: no result object per batch. */
  private lastBatchAccuracy = 0;

  constructor(layers: Layer[] = [], options: SequentialOptions = {}) {
    this.name = options.name ?? 'sequential';
    this.seed = options.seed;
    for (const layer of layers) this.add(layer);
  }

  get built(): boolean {
    return this.inputShape !== undefined;
  }

  add(layer: Layer): void {
    if (this.built) throw new EmbedkitError('already_built', `cannot add layer ${layer.name}: the model is already built`);
    const taken = new Set(this.layers.map((l) => l.name));
    if (taken.has(layer.name)) {
      const base = defaultLayerName(layer.className);
      if (layer.name !== base) throw new EmbedkitError('duplicate_layer_name', `the model already has a layer named ${layer.name}`, { field: 'name' });
      let k = 1;
      while (taken.has(`${base}_${k}`)) k++;
      layer.name = `${base}_${k}`;
    }
    this.layers.push(layer);
  }

  compile(options: CompileOptions): void {
    const loss = checkLossName(options.loss, 'loss');
    const metrics = options.metrics ?? [];
    for (const metric of metrics) {
      if (metric !== 'accuracy' && metric !== 'acc') {
        throw new EmbedkitError('bad_config', `unknown metric ${JSON.stringify(metric)}; only "accuracy" is available`, { field: 'metrics' });
      }
    }
    this.compiled = { optimizer: resolveOptimizer(options.optimizer), loss, metrics: [...metrics], lossFunction: lossByName(loss), accuracy: accuracyForLoss(loss) };
  }

  get optimizer(): Optimizer | undefined {
    return this.compiled?.optimizer;
  }

  /** Creates every layer's parameters for inputs of this per-example shape (e.g. [maxLen] for ids). */
  build(inputShape: Shape, seed = this.seed ?? 1): void {
    if (this.built) return;
    if (this.layers.length === 0) throw new EmbedkitError('empty_model', 'the model has no layers');
    const rng = new Random(seed);
    let shape = inputShape;
    const shapes: Shape[] = [];
    for (const layer of this.layers) {
      layer.build(shape, rng);
      shape = layer.computeOutputShape(shape);
      shapes.push(shape);
    }
    this.outputShapes = shapes;
    this.inputShape = [...inputShape];
  }

  /** Output values per example. */
  get outputSize(): number {
    const shape = this.requireBuilt()[this.outputShapes.length - 1];
    let n = 1;
    for (const d of shape) {
      if (d === null) throw new EmbedkitError('bad_config', 'the model output has an unknown dimension');
      n *= d;
    }
    return n;
  }

  async fit(x: ModelInput, y: Float32Array, options: FitOptions = {}): Promise<History> {
    const compiled = this.requireCompiled();
    const epochs = checkCount(options.epochs ?? 1, 'epochs', 0);
    const batchSize = checkCount(options.batchSize ?? 32, 'batchSize', 1);
    const seed = options.seed ?? this.seed ?? 1;
    checkInput(x, null, 0, 'x');
    this.buildFor(x, seed);
    const yWidth = this.labelWidth();
    checkInput(x, y, yWidth, 'x');
    this.checkIds(x, 'x');

    let trainRows = x.rows;
    let validation: [ModelInput, Float32Array, number, number] | undefined;
    if (options.validationData) {
      const [vx, vy] = options.validationData;
      checkInput(vx, vy, yWidth, 'validationData');
      this.checkIds(vx, 'validationData');
      validation = [vx, vy, 0, vx.rows];
    } else if (options.validationSplit !== undefined && options.validationSplit > 0) {
      const split = options.validationSplit;
      if (!(split < 1)) throw new EmbedkitError('bad_config', `validationSplit must be in [0, 1), got ${split}`, { field: 'validationSplit' });
      trainRows = Math.floor(x.rows * (1 - split));
      if (trainRows === 0 || trainRows === x.rows) {
        throw new EmbedkitError('bad_config', `validationSplit ${split} of ${x.rows} examples leaves an empty part`, { field: 'validationSplit' });
      }
      validation = [x, y, trainRows, x.rows];
    }
    if (trainRows === 0) throw new EmbedkitError('empty_data', 'no training examples', { field: 'x' });

    const stopping = options.earlyStopping ? new EarlyStopping(options.earlyStopping, validation !== undefined) : undefined;

    const order = new Int32Array(trainRows);
    for (let i = 0; i < trainRows; i++) order[i] = i;
    // A stream apart from the one that initialised the weights, yet fixed by the same seed.
    const shuffleRng = new Random((seed ^ 0x5bd1e995) >>> 0);
    const buffers = createBatchBuffers(x, yWidth, Math.min(batchSize, trainRows), trainRows % Math.min(batchSize, trainRows));
    const params = this.parameters();
    const firstLayerToBackprop = this.firstLayerWithTrainableParameters();
    const history: History = { epoch: [], history: { loss: [], accuracy: [] } };
    const callbacks = options.callbacks ?? {};
    this.stopTraining = false;

    for (let epoch = 0; epoch < epochs && !this.stopTraining; epoch++) {
      if (options.shuffle ?? true) shuffleRng.shuffle(order);
      let lossSum = 0;
      let accuracySum = 0;
      let batchIndex = 0;
      for (let start = 0; start < trainRows; start += batchSize) {
        const size = Math.min(batchSize, trainRows - start);
        const input = fillBatch(buffers, x, y, yWidth, order, start, size);
        const loss = this.trainBatch(input, buffers.y, size, compiled, params, firstLayerToBackprop);
        const accuracy = this.lastBatchAccuracy;
        lossSum += loss * size;
        accuracySum += accuracy * size;
        callbacks.onBatchEnd?.(batchIndex++, { loss, accuracy, size });
      }
      const logs: EpochLogs = { loss: lossSum / trainRows, accuracy: accuracySum / trainRows };
      if (validation) {
        const [vx, vy, from, to] = validation;
        const result = this.evaluateRows(vx, vy, from, to, batchSize);
        logs.val_loss = result.loss;
        logs.val_accuracy = result.accuracy;
      }
      history.epoch.push(epoch);
      history.history.loss.push(logs.loss);
      history.history.accuracy.push(logs.accuracy);
      if (logs.val_loss !== undefined) (history.history.val_loss ??= []).push(logs.val_loss);
      if (logs.val_accuracy !== undefined) (history.history.val_accuracy ??= []).push(logs.val_accuracy);

      if (stopping?.update(logs, () => this.getWeights())) this.stopTraining = true;
      await callbacks.onEpochEnd?.(epoch, logs);
      // Lets callers redraw progress or handle signals between epochs.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (stopping?.bestWeights) this.setWeights(stopping.bestWeights);
    return history;
  }

  evaluate(x: ModelInput, y: Float32Array, options: { batchSize?: number } = {}): { loss: number; accuracy: number } {
    this.requireCompiled();
    checkInput(x, null, 0, 'x');
    this.buildFor(x, this.seed ?? 1);
    checkInput(x, y, this.labelWidth(), 'x');
    this.checkIds(x, 'x');
    if (x.rows === 0) throw new EmbedkitError('empty_data', 'no examples to evaluate', { field: 'x' });
    return this.evaluateRows(x, y, 0, x.rows, checkCount(options.batchSize ?? 32, 'batchSize', 1));
  }

  /** Model outputs, rows × outputs (probabilities for a sigmoid/softmax output). */
  predict(x: ModelInput, options: { batchSize?: number } = {}): Float32Array {
    const batchSize = checkCount(options.batchSize ?? 32, 'batchSize', 1);
    checkInput(x, null, 0, 'x');
    this.buildFor(x, this.seed ?? 1);
    this.checkIds(x, 'x');
    const width = this.outputSize;
    const result = new Float32Array(x.rows * width);
    if (x.rows === 0) return result;
    const size0 = Math.min(batchSize, x.rows);
    const buffers = createBatchBuffers(x, 0, size0, x.rows % size0);
    for (let start = 0; start < x.rows; start += batchSize) {
      const size = Math.min(batchSize, x.rows - start);
      const output = this.forward(fillBatch(buffers, x, null, 0, null, start, size), false);
      result.set(output.data as Float32Array, start * width);
    }
    return result;
  }

  summary(): string {
    const shapes = this.requireBuilt();
    return formatSummary(
      this.name,
      this.layers.map((layer, i) => ({
        name: layer.name,
        className: layer.className,
        outputShape: shapes[i],
        params: layer.parameters().reduce((n, p) => n + p.value.length, 0),
        trainableParams: layer.parameters().reduce((n, p) => n + (p.trainable ? p.value.length : 0), 0),
      })),
    );
  }

  /** Parameter counts, as in the summary's totals. */
  countParams(): { total: number; trainable: number; nonTrainable: number } {
    this.requireBuilt();
    let total = 0;
    let trainable = 0;
    for (const p of this.parameters()) {
      total += p.value.length;
      if (p.trainable) trainable += p.value.length;
    }
    return { total, trainable, nonTrainable: total - trainable };
  }

  /** Every layer's parameters in order (trainable or not). */
  parameters(): Parameter[] {
    return this.layers.flatMap((layer) => layer.parameters());
  }

  /** Copies of every parameter's values, in layer order (as Keras' get_weights). */
  getWeights(): Float32Array[] {
    this.requireBuilt();
    return this.parameters().map((p) => Float32Array.from(p.value));
  }

  setWeights(weights: readonly Float32Array[]): void {
    this.requireBuilt();
    const params = this.parameters();
    if (weights.length !== params.length) {
      throw new EmbedkitError('bad_weights', `expected ${params.length} weight arrays, got ${weights.length}`, { field: 'weights' });
    }
    params.forEach((p, i) => {
      if (weights[i].length !== p.value.length) {
        throw new EmbedkitError('bad_weights', `weight ${p.name} needs ${p.value.length} values [${p.shape.join('×')}], got ${weights[i].length}`, {
          field: p.name,
        });
      }
    });
    params.forEach((p, i) => p.value.set(weights[i]));
  }

  /** Per-example input shape the model was built for, if built. */
  getInputShape(): (number | null)[] | undefined {
    return this.inputShape ? [...this.inputShape] : undefined;
  }

  toConfig(): SequentialConfig {
    const config: SequentialConfig = { name: this.name, layers: this.layers.map(layerToConfig) };
    if (this.inputShape) config.inputShape = [...this.inputShape];
    if (this.compiled) {
      config.compile = { optimizer: optimizerToConfig(this.compiled.optimizer), loss: this.compiled.loss, metrics: [...this.compiled.metrics] };
    }
    return config;
  }

  /** A new model from a config: compiled if the config was, built (with fresh weights) if it was. */
  static fromConfig(config: SequentialConfig, field = 'model'): Sequential {
    if (typeof config !== 'object' || config === null || !Array.isArray(config.layers)) {
      throw new EmbedkitError('bad_config', 'a model config needs a "layers" array', { field: `${field}.layers` });
    }
    const layers = config.layers.map((layerConfig, i) => layerFromConfig(layerConfig, `${field}.layers[${i}]`));
    const model = new Sequential(layers, { name: typeof config.name === 'string' ? config.name : undefined });
    if (config.compile) {
      model.compile({
        optimizer: optimizerFromConfig(config.compile.optimizer, `${field}.compile.optimizer`),
        loss: checkLossName(config.compile.loss, `${field}.compile.loss`),
        metrics: config.compile.metrics,
      });
    }
    if (config.inputShape !== undefined) {
      if (!Array.isArray(config.inputShape) || config.inputShape.some((d) => d !== null && (!Number.isInteger(d) || d <= 0))) {
        throw new EmbedkitError('bad_config', 'inputShape must be an array of positive integers or null', { field: `${field}.inputShape` });
      }
      model.build(config.inputShape);
    }
    return model;
  }

  private trainBatch(
    input: Activation,
    yBatch: Float32Array,
    size: number,
    compiled: Compiled,
    params: Parameter[],
    firstLayerToBackprop: number,
  ): number {
    const output = this.forward(input, true);
    const predictions = output.data as Float32Array;
    if (this.lossGradient.length !== predictions.length) this.lossGradient = new Float32Array(predictions.length);
    const grad = this.lossGradient;
    const last = this.layers.length - 1;
    const fused = this.fusedOutput(compiled.loss);
    let gradient: Float32Array | null;
    let loss: number;
    if (fused) {
      loss = compiled.lossFunction(yBatch, fused.logits, size, { fromLogits: true, grad });
      gradient = fused.backwardFromLogits(grad);
    } else {
      loss = compiled.lossFunction(yBatch, predictions, size, { grad });
      gradient = this.layers[last].backward(grad);
    }
    for (let i = last - 1; i >= firstLayerToBackprop && gradient !== null; i--) {
      if (i > 0 && this.fusesWithNext(i - 1)) {
        if (i - 1 >= firstLayerToBackprop) (this.layers[i - 1] as Embedding).backwardMean(gradient);
        gradient = null;
      } else {
        gradient = this.layers[i].backward(gradient);
      }
    }
    compiled.optimizer.step(params);
    this.lastBatchAccuracy = compiled.accuracy(yBatch, predictions, size);
    return loss;
  }

  private evaluateRows(x: ModelInput, y: Float32Array, from: number, to: number, batchSize: number): { loss: number; accuracy: number } {
    const compiled = this.requireCompiled();
    const yWidth = this.labelWidth();
    const rows = to - from;
    const size0 = Math.min(batchSize, rows);
    const buffers = createBatchBuffers(x, yWidth, size0, rows % size0);
    const fused = this.fusedOutput(compiled.loss);
    let lossSum = 0;
    let accuracySum = 0;
    for (let start = from; start < to; start += batchSize) {
      const size = Math.min(batchSize, to - start);
      const output = this.forward(fillBatch(buffers, x, y, yWidth, null, start, size), false);
      const predictions = output.data as Float32Array;
      const loss = fused
        ? compiled.lossFunction(buffers.y, fused.logits, size, { fromLogits: true })
        : compiled.lossFunction(buffers.y, predictions, size);
      lossSum += loss * size;
      accuracySum += compiled.accuracy(buffers.y, predictions, size) * size;
    }
    return { loss: lossSum / rows, accuracy: accuracySum / rows };
  }

  private forward(input: Activation, training: boolean): Activation {
    let activation = input;
    const layers = this.layers;
    for (let i = 0; i < layers.length; i++) {
      const layer = layers[i];
      if (this.fusesWithNext(i)) {
        activation = (layer as Embedding).forwardMean(activation);
        i++;
      } else {
        activation = layer.forward(activation, training);
      }
    }
    return activation;
  }

  /** Embedding followed by GlobalAveragePooling1D runs as one fused step (Embedding.forwardMean). */
  private fusesWithNext(i: number): boolean {
    return this.layers[i] instanceof Embedding && this.layers[i + 1] instanceof GlobalAveragePooling1D;
  }

  /** The final Dense whose activation the loss absorbs, if any. */
  private fusedOutput(loss: LossName): Dense | null {
    const last = this.layers[this.layers.length - 1];
    if (!(last instanceof Dense)) return null;
    if (loss === 'binaryCrossentropy') return last.activation === 'sigmoid' ? last : null;
    return last.activation === 'softmax' ? last : null;
  }

  /** Layers before the first one with trainable parameters need no backward pass. */
  private firstLayerWithTrainableParameters(): number {
    const index = this.layers.findIndex((layer) => layer.parameters().some((p) => p.trainable));
    return index < 0 ? this.layers.length : index;
  }

  /** Label values per example: one class index for the sparse loss, else one per output. */
  private labelWidth(): number {
    return this.requireCompiled().loss === 'sparseCategoricalCrossentropy' ? 1 : this.outputSize;
  }

  /** Checks token ids once per call, so an error names the row of the caller's data, not of a shuffled batch. */
  private checkIds(x: ModelInput, field: string): void {
    const first = this.layers[0];
    if (!(first instanceof Embedding)) return;
    if (!(x.data instanceof Int32Array)) {
      throw new EmbedkitError('bad_input', 'a model starting with Embedding takes token ids in an Int32Array', { field });
    }
    const ids = x.data;
    const vocabulary = first.inputDim;
    for (let p = 0; p < ids.length; p++) {
      const id = ids[p];
      if (id < 0 || id >= vocabulary) {
        const row = Math.floor(p / x.cols);
        throw new EmbedkitError('bad_input', `token id ${id} at row ${row}, column ${p - row * x.cols} is outside the embedding's vocabulary [0, ${vocabulary})`, {
          field,
        });
      }
    }
  }

  private buildFor(x: ModelInput, seed: number): void {
    if (!this.built) this.build(this.declaredInputShape() ?? [x.cols], seed);
    const expected = this.inputShape?.[0];
    if (expected !== null && expected !== undefined && expected !== x.cols) {
      throw new EmbedkitError('bad_input', `the model takes ${expected} columns per example, the input has ${x.cols}`, { field: 'x' });
    }
  }

  /** The input shape the first layer declares (Embedding always can: [inputLength or any]); Keras builds from it. */
  private declaredInputShape(): Shape | undefined {
    const first = this.layers[0];
    if (first instanceof Embedding) return [first.inputLength ?? null];
    if (first instanceof Dense && first.inputShape) return first.inputShape;
    return undefined;
  }

  /** Built, from the declared input shape if need be. */
  private requireBuilt(): Shape[] {
    if (!this.built) {
      const declared = this.declaredInputShape();
      if (!declared) throw new EmbedkitError('not_built', 'the model is not built yet: call build(inputShape), fit or predict first');
      this.build(declared);
    }
    return this.outputShapes;
  }

  private requireCompiled(): Compiled {
    if (!this.compiled) throw new EmbedkitError('not_compiled', 'the model must be compiled before training or evaluation');
    return this.compiled;
  }
}

function checkCount(value: number, field: string, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new EmbedkitError('bad_config', `${field} must be an integer ≥ ${min}, got ${value}`, { field });
  return value;
}

function checkInput(x: ModelInput, y: Float32Array | null, yWidth: number, field: string): void {
  if (typeof x !== 'object' || x === null || !(x.data instanceof Int32Array || x.data instanceof Float32Array)) {
    throw new EmbedkitError('bad_input', 'input must be {rows, cols, data} with an Int32Array or Float32Array', { field });
  }
  if (!Number.isInteger(x.rows) || !Number.isInteger(x.cols) || x.rows < 0 || x.cols <= 0 || x.data.length !== x.rows * x.cols) {
    throw new EmbedkitError('bad_input', `input data has ${x.data.length} values, expected rows ${x.rows} × cols ${x.cols}`, { field });
  }
  if (y !== null && y.length !== x.rows * yWidth) {
    throw new EmbedkitError('bad_labels', `labels have ${y.length} values, expected ${x.rows} × ${yWidth}`, { field: field === 'x' ? 'y' : field });
  }
}

function createBatchBuffers(x: ModelInput, yWidth: number, fullSize: number, partialSize: number): BatchBuffers {
  const xData = x.data instanceof Int32Array ? new Int32Array(fullSize * x.cols) : new Float32Array(fullSize * x.cols);
  const yData = new Float32Array(fullSize * yWidth);
  return {
    x: xData,
    y: yData,
    input: { shape: [fullSize, x.cols], data: xData },
    fullX: xData,
    fullY: yData,
    partialX: xData.subarray(0, partialSize * x.cols),
    partialY: yData.subarray(0, partialSize * yWidth),
    fullSize,
    partialSize,
  };
}

/** Copies `size` examples (rows order[start..] or start.. without an order) into the batch buffers. */
function fillBatch(
  buffers: BatchBuffers,
  x: ModelInput,
  y: Float32Array | null,
  yWidth: number,
  order: Int32Array | null,
  start: number,
  size: number,
): Activation {
  const full = size === buffers.fullSize;
  const xBatch = full ? buffers.fullX : buffers.partialX;
  const yBatch = full ? buffers.fullY : buffers.partialY;
  const cols = x.cols;
  const source = x.data;
  for (let b = 0; b < size; b++) {
    const row = order ? order[start + b] : start + b;
    const from = row * cols;
    const to = b * cols;
    if (source instanceof Int32Array && xBatch instanceof Int32Array) copyIds(source, from, xBatch, to, cols);
    else xBatch.set(source.subarray(from, from + cols), to);
    if (y) {
      const yFrom = row * yWidth;
      const yTo = b * yWidth;
      for (let j = 0; j < yWidth; j++) yBatch[yTo + j] = y[yFrom + j];
    }
  }
  buffers.x = xBatch;
  buffers.y = yBatch;
  buffers.input.shape[0] = size;
  buffers.input.data = xBatch;
  return buffers.input;
}

/** One row of token ids; a loop on Int32Arrays alone, as subarray would allocate a view per row. */
function copyIds(source: Int32Array, from: number, target: Int32Array, to: number, length: number): void {
  for (let c = 0; c < length; c++) target[to + c] = source[from + c];
}
