import { EmbedkitError } from '../errors.js';

export type ActivationName = 'linear' | 'relu' | 'tanh' | 'sigmoid' | 'softmax';

export const ACTIVATION_NAMES: readonly ActivationName[] = ['linear', 'relu', 'tanh', 'sigmoid', 'softmax'];

export function checkActivationName(name: unknown, field: string): ActivationName {
  if (typeof name === 'string' && (ACTIVATION_NAMES as readonly string[]).includes(name)) return name as ActivationName;
  throw new EmbedkitError('bad_config', `unknown activation ${JSON.stringify(name)}; expected one of ${ACTIVATION_NAMES.join(', ')}`, { field });
}

/** Numerically safe logistic function: never evaluates exp of a large positive number. */
export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Writes activation(logits) into `out`; softmax works on rows of `width` values. */
export function applyActivation(name: ActivationName, logits: Float32Array, out: Float32Array, width: number): void {
  const n = logits.length;
  switch (name) {
    case 'linear':
      out.set(logits);
      return;
    case 'relu':
      for (let i = 0; i < n; i++) out[i] = logits[i] > 0 ? logits[i] : 0;
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) out[i] = Math.tanh(logits[i]);
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) out[i] = sigmoid(logits[i]);
      return;
    case 'softmax':
      for (let start = 0; start < n; start += width) {
        // Subtracting the row maximum keeps exp() from overflowing.
        let max = -Infinity;
        for (let j = 0; j < width; j++) if (logits[start + j] > max) max = logits[start + j];
        let sum = 0;
        for (let j = 0; j < width; j++) {
          const e = Math.exp(logits[start + j] - max);
          out[start + j] = e;
          sum += e;
        }
        const inv = 1 / sum;
        for (let j = 0; j < width; j++) out[start + j] *= inv;
      }
      return;
  }
}

/**
 * Writes dLoss/dLogits into `gradLogits` given dLoss/dOutput and the activation's output (every
 * derivative here is cheapest from the output). Softmax uses the Jacobian-vector product
 * y ⊙ (g − ⟨g, y⟩) per row.
 */
export function activationBackward(
  name: ActivationName,
  output: Float32Array,
  gradOutput: Float32Array,
  gradLogits: Float32Array,
  width: number,
): void {
  const n = output.length;
  switch (name) {
    case 'linear':
      gradLogits.set(gradOutput);
      return;
    case 'relu':
      for (let i = 0; i < n; i++) gradLogits[i] = output[i] > 0 ? gradOutput[i] : 0;
      return;
    case 'tanh':
      for (let i = 0; i < n; i++) gradLogits[i] = gradOutput[i] * (1 - output[i] * output[i]);
      return;
    case 'sigmoid':
      for (let i = 0; i < n; i++) gradLogits[i] = gradOutput[i] * output[i] * (1 - output[i]);
      return;
    case 'softmax':
      for (let start = 0; start < n; start += width) {
        let dot = 0;
        for (let j = 0; j < width; j++) dot += gradOutput[start + j] * output[start + j];
        for (let j = 0; j < width; j++) gradLogits[start + j] = output[start + j] * (gradOutput[start + j] - dot);
      }
      return;
  }
}
