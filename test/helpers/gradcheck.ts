import assert from 'node:assert/strict';
import type { Activation, Layer, Parameter } from '../../src/layers/layer.js';
import { Random } from '../../src/util/random.js';

/**
 * Central finite differences of `loss` with respect to every entry of `values` (perturbed in place,
 * then restored). The step actually taken in float32 is used as the denominator.
 */
export function numericGradient(values: Float32Array, loss: () => number, eps = 1e-2): Float64Array {
  const gradient = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const original = values[i];
    values[i] = original + eps;
    const up = values[i];
    const lossUp = loss();
    values[i] = original - eps;
    const down = values[i];
    const lossDown = loss();
    values[i] = original;
    gradient[i] = (lossUp - lossDown) / (up - down);
  }
  return gradient;
}

export function assertGradientsClose(
  analytic: ArrayLike<number>,
  numeric: ArrayLike<number>,
  label: string,
  tolerance: { absolute?: number; relative?: number } = {},
): void {
  const absolute = tolerance.absolute ?? 1e-4;
  const relative = tolerance.relative ?? 1e-3;
  assert.equal(analytic.length, numeric.length, `${label}: gradient lengths differ`);
  for (let i = 0; i < analytic.length; i++) {
    const a = analytic[i];
    const n = numeric[i];
    assert.ok(Number.isFinite(a), `${label}[${i}]: analytic gradient ${a} is not finite`);
    assert.ok(Math.abs(a - n) <= absolute + relative * Math.abs(n), `${label}[${i}]: analytic ${a} vs numeric ${n}`);
  }
}

/** Σ output ⊙ weights in float64: a scalar loss whose dLoss/dOutput is exactly `weights`. */
export function weightedSum(output: ArrayLike<number>, weights: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < output.length; i++) sum += output[i] * weights[i];
  return sum;
}

export function randomFloats(length: number, rng: Random, scale = 1): Float32Array {
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = scale * rng.uniform(-1, 1);
  return out;
}

/** A parameter's gradient as a dense array, expanding a sparse one (checking each row appears once). */
export function denseGradient(param: Parameter): Float32Array {
  if (!param.sparse) return Float32Array.from(param.grad);
  const { rows, count, rowLength, grads } = param.sparse;
  const dense = new Float32Array(param.value.length);
  const seen = new Set<number>();
  for (let s = 0; s < count; s++) {
    assert.ok(!seen.has(rows[s]), `${param.name}: row ${rows[s]} listed twice in the sparse gradient`);
    seen.add(rows[s]);
    for (let j = 0; j < rowLength; j++) dense[rows[s] * rowLength + j] = grads[s * rowLength + j];
  }
  return dense;
}

export interface LayerCheckOptions {
  layer: Layer;
  input: Activation;
  training?: boolean;
  /** Runs before every forward pass, e.g. to re-seed a Dropout so its mask stays fixed. */
  beforeForward?: () => void;
  /** Weights of the scalar loss per output value (default: random); 0 where a mask hides an output. */
  lossWeights?: Float32Array;
  seed?: number;
  eps?: number;
  tolerance?: { absolute?: number; relative?: number };
}

/**
 * Checks a layer's backward pass against finite differences of L = Σ w ⊙ forward(input): the input
 * gradient for float inputs and the gradient of every trainable parameter (dense or sparse).
 */
export function checkLayerGradients(options: LayerCheckOptions): void {
  const { layer, input } = options;
  const training = options.training ?? false;
  const run = (): Float32Array => {
    options.beforeForward?.();
    return layer.forward(input, training).data as Float32Array;
  };
  const output = run();
  const weights = options.lossWeights ?? randomFloats(output.length, new Random(options.seed ?? 99));
  const gradInput = layer.backward(Float32Array.from(weights));
  const analyticInput = gradInput ? Float32Array.from(gradInput) : null;
  const params = layer.parameters().filter((p) => p.trainable);
  const analyticParams = params.map(denseGradient);
  const loss = (): number => weightedSum(run(), weights);
  if (input.data instanceof Float32Array) {
    assert.ok(analyticInput, `${layer.name}: expected an input gradient`);
    assertGradientsClose(analyticInput, numericGradient(input.data, loss, options.eps), `${layer.name} dInput`, options.tolerance);
  } else {
    assert.equal(analyticInput, null, `${layer.name}: a layer taking ids returns no input gradient`);
  }
  params.forEach((param, k) => {
    assertGradientsClose(analyticParams[k], numericGradient(param.value, loss, options.eps), `${param.name}`, options.tolerance);
  });
}
