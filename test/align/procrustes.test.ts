import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyMapping, crossCovariance, procrustes } from '../../src/align/procrustes.js';
import { normalizeSpace } from '../../src/align/space.js';
import { Random } from '../../src/util/random.js';
import { maxAbsDifference, multiply, randomOrthogonal, randomRows } from './fixtures.js';

test('procrustes recovers a known rotation of random vectors under noise', () => {
  const random = new Random(11);
  const dim = 20;
  const count = 300;
  const rotation = randomOrthogonal(dim, random);
  const x = randomRows(count, dim, random);
  const y = multiply(x, count, dim, rotation);
  for (let i = 0; i < y.length; i++) y[i] += 0.05 * random.normal();
  const source = normalizeSpace(x, count, dim);
  const target = normalizeSpace(y, count, dim);
  const rows = Int32Array.from({ length: count }, (_, i) => i);
  const w = procrustes(source, target, { source: rows, target: rows });
  assert.ok(maxAbsDifference(w, rotation) < 0.02, `max error ${maxAbsDifference(w, rotation)}`);
  // And W is orthogonal: WᵀW = I.
  const wtw = multiply(transpose(w, dim), dim, dim, w);
  const identity = new Float32Array(dim * dim);
  for (let i = 0; i < dim; i++) identity[i * dim + i] = 1;
  assert.ok(maxAbsDifference(wtw, identity) < 1e-5);
});

test('procrustes is exact without noise, and mapped rows land on their targets', () => {
  const random = new Random(12);
  const dim = 8;
  const count = 50;
  const rotation = randomOrthogonal(dim, random);
  const source = normalizeSpace(randomRows(count, dim, random), count, dim);
  const target = { vectors: multiply(source.vectors, count, dim, rotation), count, dim };
  const rows = Int32Array.from({ length: count }, (_, i) => i);
  const w = procrustes(source, target, { source: rows, target: rows });
  assert.ok(maxAbsDifference(applyMapping(source.vectors, count, dim, w), target.vectors) < 1e-5);
});

test('crossCovariance is XᵀY over the listed pairs only', () => {
  const source = { vectors: Float32Array.from([1, 2, 3, 4, 5, 6]), count: 3, dim: 2 };
  const target = { vectors: Float32Array.from([1, 0, 0, 1, 2, 2]), count: 3, dim: 2 };
  // pairs (0 → 1) and (2 → 2): [1,2]ᵀ[0,1] + [5,6]ᵀ[2,2]
  const m = crossCovariance(source, target, { source: Int32Array.from([0, 2]), target: Int32Array.from([1, 2]) });
  assert.deepEqual(Array.from(m), [10, 11, 12, 14]);
});

test('procrustes refuses an empty dictionary and rows out of range', () => {
  const space = { vectors: new Float32Array(4), count: 2, dim: 2 };
  assert.throws(() => procrustes(space, space, { source: new Int32Array(0), target: new Int32Array(0) }), { code: 'EMPTY_DICTIONARY' } as object);
  assert.throws(() => procrustes(space, space, { source: Int32Array.from([5]), target: Int32Array.from([0]) }), { code: 'BAD_INDEX' } as object);
});

test('normalizeSpace with centring gives unit rows whose pre-normalisation mean was removed', () => {
  const random = new Random(2);
  const raw = randomRows(100, 5, random);
  for (let i = 0; i < raw.length; i += 5) raw[i] += 3; // a common direction
  const space = normalizeSpace(raw, 100, 5, { center: true });
  for (let r = 0; r < 100; r++) {
    let sum = 0;
    for (let j = 0; j < 5; j++) sum += space.vectors[r * 5 + j] ** 2;
    assert.ok(Math.abs(sum - 1) < 1e-5);
  }
  assert.ok(space.mean[0] > 0.5, 'the shared direction shows in the mean');
});

function transpose(m: Float32Array, n: number): Float32Array {
  const t = new Float32Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) t[j * n + i] = m[i * n + j];
  return t;
}
