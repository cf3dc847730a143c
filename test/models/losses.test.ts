import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EmbedkitError } from '../../src/errors.js';
import { binaryCrossentropy, categoricalCrossentropy, sparseCategoricalCrossentropy } from '../../src/models/losses.js';
import { Random } from '../../src/util/random.js';
import { assertGradientsClose, numericGradient } from '../helpers/gradcheck.js';

const f32 = (values: number[]): Float32Array => Float32Array.from(values);
const close = (a: number, b: number, tolerance = 1e-6): void => assert.ok(Math.abs(a - b) <= tolerance, `${a} vs ${b}`);

test('binary cross-entropy: known values from probabilities and from logits', () => {
  close(binaryCrossentropy(f32([1, 0]), f32([0.8, 0.4]), 2), -(Math.log(0.8) + Math.log(0.6)) / 2);
  const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
  close(binaryCrossentropy(f32([1, 0]), f32([2, -1]), 2, { fromLogits: true }), -(Math.log(sigmoid(2)) + Math.log(1 - sigmoid(-1))) / 2);
  // Keras clips probabilities to [1e-7, 1 − 1e-7]: a confident wrong answer costs −log(1e-7).
  close(binaryCrossentropy(f32([1]), f32([0]), 1), -Math.log(1e-7), 1e-4);
});

test('categorical and sparse categorical cross-entropy agree and match −log p', () => {
  const probabilities = f32([0.2, 0.7, 0.1, 0.5, 0.25, 0.25]);
  const expected = -(Math.log(0.7) + Math.log(0.25)) / 2;
  close(categoricalCrossentropy(f32([0, 1, 0, 0, 0, 1]), probabilities, 2), expected);
  close(sparseCategoricalCrossentropy(f32([1, 2]), probabilities, 2), expected);
  const logits = f32([1, 2, 3]);
  const logSumExp = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
  close(sparseCategoricalCrossentropy(f32([0]), logits, 1, { fromLogits: true }), logSumExp - 1, 1e-6);
  close(categoricalCrossentropy(f32([1, 0, 0]), logits, 1, { fromLogits: true }), logSumExp - 1, 1e-6);
});

test('losses stay finite and exact for extreme logits ±50', () => {
  const grad = new Float32Array(2);
  const loss = binaryCrossentropy(f32([1, 0]), f32([-50, 50]), 2, { fromLogits: true, grad });
  close(loss, 50, 1e-6);
  assert.ok(grad.every(Number.isFinite));
  close(grad[0], -0.5, 1e-7);
  close(grad[1], 0.5, 1e-7);
  close(binaryCrossentropy(f32([1, 0]), f32([50, -50]), 2, { fromLogits: true }), Math.log1p(Math.exp(-50)), 1e-20);
  const grad3 = new Float32Array(3);
  close(sparseCategoricalCrossentropy(f32([1]), f32([50, -50, 0]), 1, { fromLogits: true, grad: grad3 }), 100, 1e-6);
  assert.ok(grad3.every(Number.isFinite));
  close(grad3[0], 1, 1e-6);
  close(grad3[1], -1, 1e-6);
  close(categoricalCrossentropy(f32([0, 0, 1]), f32([50, -50, 0]), 1, { fromLogits: true }), 50, 1e-6);
});

test('bad labels are rejected', () => {
  assert.throws(() => sparseCategoricalCrossentropy(f32([3]), f32([0.5, 0.5]), 1), EmbedkitError);
  assert.throws(() => sparseCategoricalCrossentropy(f32([0.5]), f32([0.5, 0.5]), 1), EmbedkitError);
  assert.throws(() => binaryCrossentropy(f32([1, 0]), f32([0.5]), 1), EmbedkitError);
});

type Case = { name: string; run: (yPred: Float32Array, grad?: Float32Array) => number; yPred: Float32Array };
const rng = new Random(5);
const probabilities = (rows: number, classes: number): Float32Array => {
  const out = new Float32Array(rows * classes);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let j = 0; j < classes; j++) sum += out[r * classes + j] = 0.2 + rng.float();
    for (let j = 0; j < classes; j++) out[r * classes + j] /= sum;
  }
  return out;
};
const logits = (n: number): Float32Array => Float32Array.from({ length: n }, () => rng.uniform(-3, 3));
const binaryLabels = f32([1, 0, 1, 1]);
const soft = f32([0.7, 0.2, 0.1, 0, 1, 0, 0.5, 0, 0.5]);
const indices = f32([2, 0, 1]);
const cases: Case[] = [
  { name: 'binary, probabilities', yPred: Float32Array.from({ length: 4 }, () => 0.1 + 0.8 * rng.float()), run: (p, grad) => binaryCrossentropy(binaryLabels, p, 4, { grad }) },
  { name: 'binary, logits', yPred: logits(4), run: (p, grad) => binaryCrossentropy(binaryLabels, p, 4, { fromLogits: true, grad }) },
  { name: 'categorical, probabilities', yPred: probabilities(3, 3), run: (p, grad) => categoricalCrossentropy(soft, p, 3, { grad }) },
  { name: 'categorical, logits', yPred: logits(9), run: (p, grad) => categoricalCrossentropy(soft, p, 3, { fromLogits: true, grad }) },
  { name: 'sparse, probabilities', yPred: probabilities(3, 3), run: (p, grad) => sparseCategoricalCrossentropy(indices, p, 3, { grad }) },
  { name: 'sparse, logits', yPred: logits(9), run: (p, grad) => sparseCategoricalCrossentropy(indices, p, 3, { fromLogits: true, grad }) },
];

for (const c of cases) {
  test(`${c.name}: gradient matches finite differences`, () => {
    const grad = new Float32Array(c.yPred.length);
    c.run(c.yPred, grad);
    const numeric = numericGradient(c.yPred, () => c.run(c.yPred), 1e-3);
    assertGradientsClose(grad, numeric, c.name, { absolute: 1e-4, relative: 1e-3 });
  });
}
