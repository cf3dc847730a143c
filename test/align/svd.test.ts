import { test } from 'node:test';
import assert from 'node:assert/strict';
import { svdSquare } from '../../src/align/svd.js';
import { Random } from '../../src/util/random.js';
import { maxAbsDifference } from './fixtures.js';

function reconstruct(u: Float64Array, s: Float64Array, v: Float64Array, n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += u[i * n + k] * s[k] * v[j * n + k];
    a[i * n + j] = sum;
  }
  return a;
}

/** ‖QᵀQ − I‖max */
function orthogonalityError(q: Float64Array, n: number): number {
  let worst = 0;
  for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) {
    let dot = 0;
    for (let i = 0; i < n; i++) dot += q[i * n + a] * q[i * n + b];
    worst = Math.max(worst, Math.abs(dot - (a === b ? 1 : 0)));
  }
  return worst;
}

test('svdSquare reconstructs a random matrix with orthogonal U, V and sorted non-negative singular values', () => {
  const random = new Random(3);
  for (const n of [1, 2, 7, 40]) {
    const a = new Float64Array(n * n);
    for (let i = 0; i < a.length; i++) a[i] = random.normal();
    const { u, s, v } = svdSquare(a, n);
    assert.ok(maxAbsDifference(reconstruct(u, s, v, n), a) < 1e-10, `reconstruction n=${n}`);
    assert.ok(orthogonalityError(u, n) < 1e-10, `U orthogonal n=${n}`);
    assert.ok(orthogonalityError(v, n) < 1e-10, `V orthogonal n=${n}`);
    for (let k = 1; k < n; k++) assert.ok(s[k - 1] >= s[k] && s[k] >= 0, 'sorted');
  }
});

test('svdSquare finds known singular values of a 2×2 matrix', () => {
  // [[3, 0], [4, 5]] has singular values √45 and √5.
  const { s } = svdSquare(Float64Array.from([3, 0, 4, 5]), 2);
  assert.ok(Math.abs(s[0] - Math.sqrt(45)) < 1e-12);
  assert.ok(Math.abs(s[1] - Math.sqrt(5)) < 1e-12);
});

test('svdSquare keeps U orthogonal for a rank-deficient matrix', () => {
  const n = 6;
  const random = new Random(5);
  const x = Array.from({ length: n }, () => random.normal());
  const y = Array.from({ length: n }, () => random.normal());
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = x[i] * y[j]; // rank 1
  const { u, s, v } = svdSquare(a, n);
  assert.ok(s[1] < 1e-10 * s[0]);
  assert.ok(orthogonalityError(u, n) < 1e-10);
  assert.ok(maxAbsDifference(reconstruct(u, s, v, n), a) < 1e-10);
});

test('svdSquare rejects a matrix of the wrong size', () => {
  assert.throws(() => svdSquare(new Float64Array(5), 2), { name: 'EmbedkitError' });
});
