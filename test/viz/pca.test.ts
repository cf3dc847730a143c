import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pca } from '../../src/viz/pca.js';
import { covarianceMatrix } from '../../src/viz/covariance.js';
import { symmetricEigen } from '../../src/viz/symmetric-eigen.js';
import { Random } from '../../src/util/random.js';

function randomMatrix(rows: number, cols: number, seed: number): Float32Array {
  const random = new Random(seed);
  return Float32Array.from({ length: rows * cols }, () => random.normal());
}

test('points on the line y = x: one axis along (1, 1)/√2 with all the variance', () => {
  const data = Float32Array.from([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
  const result = pca(data, 5, 2, 2);
  assert.ok(Math.abs(result.components[0] - Math.SQRT1_2) < 1e-9);
  assert.ok(Math.abs(result.components[1] - Math.SQRT1_2) < 1e-9);
  // Variance of t·(1,1) along the axis: var(1..5)·2 = 2.5·2 = 5.
  assert.ok(Math.abs(result.explainedVariance[0] - 5) < 1e-9);
  assert.ok(Math.abs(result.explainedVarianceRatio[0] - 1) < 1e-12);
  assert.ok(result.explainedVariance[1] < 1e-12);
  // Coordinates: (t − 3)·√2.
  for (let t = 1; t <= 5; t++) assert.ok(Math.abs(result.coordinates[(t - 1) * 2] - (t - 3) * Math.SQRT2) < 1e-5);
});

test('a rank-2 dataset in 6 dimensions: two axes span its plane and keep all the variance', () => {
  const random = new Random(3);
  const u = [1, 2, 0, -1, 0, 1];
  const v = [0, 1, -1, 1, 2, 0];
  const offset = [5, -3, 2, 0, 1, 7];
  const rows = 200;
  const data = new Float32Array(rows * 6);
  for (let r = 0; r < rows; r++) {
    const a = 3 * random.normal();
    const b = random.normal();
    for (let c = 0; c < 6; c++) data[r * 6 + c] = offset[c] + a * u[c] + b * v[c];
  }
  const result = pca(data, rows, 6, 3);
  const ratios = Array.from(result.explainedVarianceRatio);
  assert.ok(Math.abs(ratios[0] + ratios[1] - 1) < 1e-6, `ratios ${ratios}`);
  assert.ok(ratios[2] < 1e-6);
  assert.ok(ratios[0] > ratios[1]);
  // Each axis is unit length and lies in span(u, v): its residual after projecting on that plane is 0.
  const plane = gramSchmidt([u, v]);
  for (let k = 0; k < 2; k++) {
    const axis = Array.from(result.components.subarray(k * 6, k * 6 + 6));
    assert.ok(Math.abs(dot(axis, axis) - 1) < 1e-9);
    const inPlane = plane.reduce((s, p) => s + dot(axis, p) ** 2, 0);
    assert.ok(Math.abs(inPlane - 1) < 1e-6, `axis ${k} leaves the plane: ${inPlane}`);
  }
  // Axes are orthogonal, and the variance of the coordinates is the explained variance.
  assert.ok(Math.abs(dot(Array.from(result.components.subarray(0, 6)), Array.from(result.components.subarray(6, 12)))) < 1e-9);
  for (let k = 0; k < 2; k++) {
    let sum = 0;
    let squares = 0;
    for (let r = 0; r < rows; r++) {
      sum += result.coordinates[r * 3 + k];
      squares += result.coordinates[r * 3 + k] ** 2;
    }
    assert.ok(Math.abs(sum / rows) < 1e-3);
    const variance = (squares - (sum * sum) / rows) / (rows - 1);
    assert.ok(Math.abs(variance / result.explainedVariance[k] - 1) < 1e-4);
  }
});

test('sign convention: the largest entry of each axis is positive, so negated data gives the same axes', () => {
  const data = randomMatrix(60, 5, 11);
  const negated = data.map((x) => -x);
  const a = pca(data, 60, 5, 2);
  const b = pca(negated, 60, 5, 2);
  for (let k = 0; k < 2; k++) {
    const axis = Array.from(a.components.subarray(k * 5, k * 5 + 5));
    const largest = axis.reduce((m, x) => (Math.abs(x) > Math.abs(m) ? x : m), 0);
    assert.ok(largest > 0);
    for (let i = 0; i < 5; i++) assert.ok(Math.abs(a.components[k * 5 + i] - b.components[k * 5 + i]) < 1e-9);
  }
  // Same axes, negated data: the coordinates flip.
  for (let i = 0; i < 120; i++) assert.ok(Math.abs(a.coordinates[i] + b.coordinates[i]) < 1e-4);
});

test('eigenvalues match a full Jacobi decomposition of the covariance, including near-equal ones', () => {
  const rows = 150;
  const cols = 13;
  const data = randomMatrix(rows, cols, 5);
  const { covariance } = covarianceMatrix(data, rows, cols);
  const full = symmetricEigen(covariance, cols);
  const result = pca(data, rows, cols, 3);
  for (let k = 0; k < 3; k++) assert.ok(Math.abs(result.explainedVariance[k] - full.values[k]) < 1e-9 * full.values[0], `eigenvalue ${k}`);
  const total = full.values.reduce((s, v) => s + v, 0);
  assert.ok(Math.abs(result.explainedVarianceRatio[0] - full.values[0] / total) < 1e-9);
});

test('the blocked covariance equals the textbook formula (odd sizes exercise every tail)', () => {
  for (const [rows, cols] of [
    [130, 7],
    [3, 1],
    [65, 10],
  ]) {
    const data = randomMatrix(rows, cols, rows + cols);
    const { mean, covariance } = covarianceMatrix(data, rows, cols);
    for (let a = 0; a < cols; a++) {
      for (let b = 0; b < cols; b++) {
        let sum = 0;
        for (let r = 0; r < rows; r++) sum += (data[r * cols + a] - mean[a]) * (data[r * cols + b] - mean[b]);
        assert.ok(Math.abs(covariance[a * cols + b] - sum / (rows - 1)) < 1e-9, `${rows}×${cols} [${a},${b}]`);
      }
    }
  }
});

test('bad component counts are refused', () => {
  assert.throws(() => pca(new Float32Array(6), 3, 2, 3), /components must be/);
  assert.throws(() => pca(new Float32Array(5), 3, 2, 1), /expected 3 × 2/);
});

function dot(a: number[], b: number[]): number {
  return a.reduce((s, x, i) => s + x * b[i], 0);
}

function gramSchmidt(vectors: number[][]): number[][] {
  const out: number[][] = [];
  for (const v of vectors) {
    let w = [...v];
    for (const q of out) {
      const d = dot(w, q);
      w = w.map((x, i) => x - d * q[i]);
    }
    const n = Math.sqrt(dot(w, w));
    out.push(w.map((x) => x / n));
  }
  return out;
}
