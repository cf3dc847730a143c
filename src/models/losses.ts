import { EmbedkitError } from '../errors.js';

/**
 * Cross-entropy losses, averaged over the batch as Keras does. Each returns the loss and, when
 * `grad` is given, writes dLoss/dPrediction into it (or dLoss/dLogits with `fromLogits`).
 *
 * From probabilities, predictions are clipped to [1e-7, 1 − 1e-7] as in Keras (the gradient is 0
 * where the clip is active, the derivative of the clipped function). From logits, the formulas are
 * exact for any finite logit: log1p(exp(−|x|)) for the sigmoid and log-sum-exp for the softmax.
 */
export interface LossOptions {
  fromLogits?: boolean;
  grad?: Float32Array;
}

export type LossName = 'binaryCrossentropy' | 'categoricalCrossentropy' | 'sparseCategoricalCrossentropy';

export const LOSS_NAMES: readonly LossName[] = ['binaryCrossentropy', 'categoricalCrossentropy', 'sparseCategoricalCrossentropy'];

export type LossFunction = (yTrue: Float32Array, yPred: Float32Array, batchSize: number, options?: LossOptions) => number;

const EPSILON = 1e-7;

/**
 * Mean over every value (batch × outputs), which for one output per example is the mean over the
 * batch, and for several independent labels is Keras' mean over the last axis, then the batch.
 */
export function binaryCrossentropy(yTrue: Float32Array, yPred: Float32Array, batchSize: number, options: LossOptions = {}): number {
  const n = yPred.length;
  checkSameLength(yTrue, yPred, batchSize);
  const grad = options.grad;
  const inverseN = 1 / n;
  let total = 0;
  if (options.fromLogits) {
    for (let i = 0; i < n; i++) {
      const x = yPred[i];
      const y = yTrue[i];
      total += Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
      if (grad) grad[i] = (stableSigmoid(x) - y) * inverseN;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const raw = yPred[i];
      const p = raw < EPSILON ? EPSILON : raw > 1 - EPSILON ? 1 - EPSILON : raw;
      const y = yTrue[i];
      total -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
      if (grad) grad[i] = p === raw ? ((1 - y) / (1 - p) - y / p) * inverseN : 0;
    }
  }
  return total * inverseN;
}

/** yTrue is batch × classes (one-hot or any distribution); Keras rescales probabilities to sum 1. */
export function categoricalCrossentropy(yTrue: Float32Array, yPred: Float32Array, batchSize: number, options: LossOptions = {}): number {
  checkSameLength(yTrue, yPred, batchSize);
  const classes = classesOf(yPred, batchSize);
  const grad = options.grad;
  let total = 0;
  for (let b = 0; b < batchSize; b++) {
    const base = b * classes;
    total += options.fromLogits
      ? rowFromLogits(yPred, base, classes, yTrue, -1, grad, batchSize)
      : rowFromProbabilities(yPred, base, classes, yTrue, -1, grad, batchSize);
  }
  return total / batchSize;
}

/** yTrue holds one class index per example (as floats); otherwise the same as categorical. */
export function sparseCategoricalCrossentropy(yTrue: Float32Array, yPred: Float32Array, batchSize: number, options: LossOptions = {}): number {
  if (yTrue.length !== batchSize) {
    throw new EmbedkitError('bad_labels', `expected ${batchSize} class indices, got ${yTrue.length}`, { field: 'y' });
  }
  const classes = classesOf(yPred, batchSize);
  const grad = options.grad;
  let total = 0;
  for (let b = 0; b < batchSize; b++) {
    const label = checkClassIndex(yTrue[b], classes, b);
    const base = b * classes;
    total += options.fromLogits
      ? rowFromLogits(yPred, base, classes, null, label, grad, batchSize)
      : rowFromProbabilities(yPred, base, classes, null, label, grad, batchSize);
  }
  return total / batchSize;
}

export function lossByName(name: LossName): LossFunction {
  switch (name) {
    case 'binaryCrossentropy':
      return binaryCrossentropy;
    case 'categoricalCrossentropy':
      return categoricalCrossentropy;
    case 'sparseCategoricalCrossentropy':
      return sparseCategoricalCrossentropy;
  }
}

export function checkLossName(name: unknown, field: string): LossName {
  if (typeof name === 'string' && (LOSS_NAMES as readonly string[]).includes(name)) return name as LossName;
  throw new EmbedkitError('bad_config', `unknown loss ${JSON.stringify(name)}; expected one of ${LOSS_NAMES.join(', ')}`, { field });
}

/** Σ_j t_j (lse(z) − z_j); its gradient is (Σt) softmax(z) − t, divided by the batch size. */
function rowFromLogits(
  logits: Float32Array,
  base: number,
  classes: number,
  targets: Float32Array | null,
  label: number,
  grad: Float32Array | undefined,
  batchSize: number,
): number {
  let max = -Infinity;
  for (let j = 0; j < classes; j++) if (logits[base + j] > max) max = logits[base + j];
  let sumExp = 0;
  for (let j = 0; j < classes; j++) sumExp += Math.exp(logits[base + j] - max);
  const logSumExp = max + Math.log(sumExp);
  let loss = 0;
  let targetSum = 0;
  for (let j = 0; j < classes; j++) {
    const t = targetAt(targets, label, base, j);
    targetSum += t;
    if (t !== 0) loss += t * (logSumExp - logits[base + j]);
  }
  if (grad) {
    for (let j = 0; j < classes; j++) {
      const softmax = Math.exp(logits[base + j] - logSumExp);
      grad[base + j] = (targetSum * softmax - targetAt(targets, label, base, j)) / batchSize;
    }
  }
  return loss;
}

/**
 * −Σ_j t_j log clip(p_j / S), S = Σ p. With g_j = dLoss/dq_j for q = p / S, the chain rule through the
 * rescaling gives dLoss/dp_i = (g_i − Σ_j g_j q_j) / S.
 */
function rowFromProbabilities(
  probabilities: Float32Array,
  base: number,
  classes: number,
  targets: Float32Array | null,
  label: number,
  grad: Float32Array | undefined,
  batchSize: number,
): number {
  let sum = 0;
  for (let j = 0; j < classes; j++) sum += probabilities[base + j];
  if (!(sum > 0)) sum = EPSILON;
  let loss = 0;
  let weighted = 0;
  for (let j = 0; j < classes; j++) {
    const q = probabilities[base + j] / sum;
    const clipped = q < EPSILON ? EPSILON : q > 1 - EPSILON ? 1 - EPSILON : q;
    const t = targetAt(targets, label, base, j);
    if (t !== 0) loss -= t * Math.log(clipped);
    const g = clipped === q ? -t / q : 0;
    if (grad) grad[base + j] = g;
    weighted += g * q;
  }
  if (grad) {
    const scale = 1 / (sum * batchSize);
    for (let j = 0; j < classes; j++) grad[base + j] = (grad[base + j] - weighted) * scale;
  }
  return loss;
}

/** Row `base` of a batch × classes target matrix, or one-hot at `label` when there is none. */
function targetAt(targets: Float32Array | null, label: number, base: number, j: number): number {
  return targets ? targets[base + j] : j === label ? 1 : 0;
}

function stableSigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

function checkSameLength(yTrue: Float32Array, yPred: Float32Array, batchSize: number): void {
  if (yTrue.length !== yPred.length) {
    throw new EmbedkitError('bad_labels', `labels have ${yTrue.length} values, predictions ${yPred.length}`, { field: 'y' });
  }
  if (batchSize <= 0 || yPred.length % batchSize !== 0) {
    throw new EmbedkitError('bad_labels', `${yPred.length} predictions do not split into ${batchSize} examples`, { field: 'y' });
  }
}

function classesOf(yPred: Float32Array, batchSize: number): number {
  if (batchSize <= 0 || yPred.length % batchSize !== 0) {
    throw new EmbedkitError('bad_labels', `${yPred.length} predictions do not split into ${batchSize} examples`, { field: 'y' });
  }
  return yPred.length / batchSize;
}

function checkClassIndex(value: number, classes: number, example: number): number {
  if (!Number.isInteger(value) || value < 0 || value >= classes) {
    throw new EmbedkitError('bad_labels', `label ${value} of example ${example} is not a class index in [0, ${classes})`, { field: 'y' });
  }
  return value;
}
