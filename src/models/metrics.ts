import type { LossName } from './losses.js';

/** Accuracy as a fraction in [0, 1], as Keras' "accuracy" metric resolves for each loss. */
export type AccuracyFunction = (yTrue: Float32Array, yPred: Float32Array, batchSize: number) => number;

/** Fraction of values where (prediction > threshold) equals the 0/1 label. */
export function binaryAccuracy(yTrue: Float32Array, yPred: Float32Array, _batchSize: number, threshold = 0.5): number {
  let correct = 0;
  for (let i = 0; i < yPred.length; i++) {
    if ((yPred[i] > threshold ? 1 : 0) === (yTrue[i] > 0.5 ? 1 : 0)) correct++;
  }
  return yPred.length ? correct / yPred.length : 0;
}

/** Fraction of examples whose highest prediction is the label's highest value (one-hot labels). */
export function categoricalAccuracy(yTrue: Float32Array, yPred: Float32Array, batchSize: number): number {
  const classes = yPred.length / batchSize;
  let correct = 0;
  for (let b = 0; b < batchSize; b++) {
    if (argmax(yPred, b * classes, classes) === argmax(yTrue, b * classes, classes)) correct++;
  }
  return batchSize ? correct / batchSize : 0;
}

/** Fraction of examples whose highest prediction is the class index in yTrue. */
export function sparseCategoricalAccuracy(yTrue: Float32Array, yPred: Float32Array, batchSize: number): number {
  const classes = yPred.length / batchSize;
  let correct = 0;
  for (let b = 0; b < batchSize; b++) if (argmax(yPred, b * classes, classes) === yTrue[b]) correct++;
  return batchSize ? correct / batchSize : 0;
}

export function accuracyForLoss(loss: LossName): AccuracyFunction {
  switch (loss) {
    case 'binaryCrossentropy':
      return binaryAccuracy;
    case 'categoricalCrossentropy':
      return categoricalAccuracy;
    case 'sparseCategoricalCrossentropy':
      return sparseCategoricalAccuracy;
  }
}

/** Index of the first maximum in values[base .. base + length). */
export function argmax(values: Float32Array, base: number, length: number): number {
  let best = 0;
  let bestValue = values[base];
  for (let j = 1; j < length; j++) {
    if (values[base + j] > bestValue) {
      bestValue = values[base + j];
      best = j;
    }
  }
  return best;
}
