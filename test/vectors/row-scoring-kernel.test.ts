import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allocateScorableRows,
  multiplyRowsWithKernel,
  setVectorKernelPrecision,
  setVectorKernelsEnabled,
  vectorKernelsAvailable,
  type KernelPrecision,
} from '../../src/vectors/row-scoring-kernel.js';
import { multiplyRows, multiplyRowsInJs, norm, normalizeRows, unitCopy } from '../../src/vectors/vector-math.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { Random } from '../../src/util/random.js';

const PRECISIONS: readonly KernelPrecision[] = ['f32', 'f64'];
/** The float32 sums' error bound is the contract (1e-6); float64 sums differ only in summation order. */
const TOLERANCE: Record<KernelPrecision, number> = { f32: 1e-6, f64: 1e-12 };

function withPrecision(precision: KernelPrecision, body: () => void): void {
  setVectorKernelPrecision(precision);
  try {
    body();
  } finally {
    setVectorKernelPrecision('f32');
  }
}

function randomUnitRows(random: Random, rows: number, dim: number): Float32Array {
  const matrix = allocateScorableRows(rows, dim);
  assert.ok(matrix, 'the kernel memory was allocated');
  const raw = new Float32Array(rows * dim);
  for (let i = 0; i < raw.length; i++) raw[i] = random.normal();
  matrix.set(normalizeRows(raw, rows, dim));
  return matrix;
}

/** normalizeRows by the TypeScript loop, into an ordinary array. */
function normalizedWithoutKernel(raw: Float32Array, rows: number, dim: number): Float32Array {
  setVectorKernelsEnabled(false);
  try {
    return normalizeRows(raw, rows, dim);
  } finally {
    setVectorKernelsEnabled(true);
  }
}

test('the vector kernel is built and enabled', () => {
  assert.equal(vectorKernelsAvailable(), true);
});

test('kernel scores match the TypeScript loop on random matrices of odd shapes', () => {
  const random = new Random(3);
  for (const [rows, dim] of [[1, 1], [1, 5], [7, 13], [300, 100], [41, 300], [1000, 5], [3, 4], [5, 17]]) {
    const matrix = randomUnitRows(random, rows, dim);
    const query = unitCopy(Float64Array.from({ length: dim }, () => random.normal()));
    const expected = new Float64Array(rows);
    multiplyRowsInJs(matrix, rows, dim, query, expected);
    for (const precision of PRECISIONS) {
      withPrecision(precision, () => {
        const scores = new Float64Array(rows).fill(NaN);
        assert.equal(multiplyRowsWithKernel(matrix, rows, dim, query, scores), true);
        for (let row = 0; row < rows; row++) {
          assert.ok(Math.abs(scores[row] - expected[row]) <= TOLERANCE[precision], `${precision} ${rows}×${dim} row ${row}: ${scores[row]} vs ${expected[row]}`);
        }
      });
    }
  }
});

test('kernel gives known dot products, with a scalar tail and a zero row', () => {
  const dim = 9;
  const matrix = allocateScorableRows(3, dim)!;
  matrix.set([1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0.5, 0, 0, 0, 0, 0, 0, 0.25]);
  const query = Float64Array.from([1, 1, 1, 1, 1, 1, 1, 1, 2]);
  for (const precision of PRECISIONS) {
    withPrecision(precision, () => {
      const scores = new Float64Array(3);
      assert.equal(multiplyRowsWithKernel(matrix, 3, dim, query, scores), true);
      assert.deepEqual(Array.from(scores), [54, 0, 0]);
    });
  }
});

test('the first rows of a kernel matrix are scored by the kernel; other arrays are left to the loop', () => {
  const random = new Random(5);
  const matrix = randomUnitRows(random, 50, 13);
  const query = unitCopy(Float64Array.from({ length: 13 }, () => random.normal()));
  const expected = new Float64Array(20);
  multiplyRowsInJs(matrix, 20, 13, query, expected);
  const scores = new Float64Array(20);
  assert.equal(multiplyRowsWithKernel(matrix.subarray(0, 20 * 13), 20, 13, query, scores), true);
  for (let row = 0; row < 20; row++) assert.ok(Math.abs(scores[row] - expected[row]) <= 1e-6);
  assert.equal(multiplyRowsWithKernel(Float32Array.from(matrix), 50, 13, query, new Float64Array(50)), false);
  // A different dimension than the memory was sized for must not be scored by it.
  assert.equal(multiplyRowsWithKernel(matrix, 10, 65, unitCopy(new Float64Array(65).fill(1)), new Float64Array(10)), false);
});

test('normalizeRows scales large matrices on the kernel, in kernel memory, within one ulp of the loop', () => {
  const random = new Random(3);
  for (const [rows, dim] of [[3000, 7], [1700, 100], [5000, 4]]) {
    const raw = Float32Array.from({ length: rows * dim }, () => random.normal() * 3);
    raw.fill(0, 5 * dim, 6 * dim); // a zero row stays zero
    const onKernel = normalizeRows(raw, rows, dim);
    assert.ok(onKernel.buffer instanceof SharedArrayBuffer);
    const inJs = normalizedWithoutKernel(raw, rows, dim);
    for (let i = 0; i < inJs.length; i++) {
      assert.ok(Math.abs(onKernel[i] - inJs[i]) <= Math.abs(inJs[i]) * 2 ** -23, `${rows} × ${dim}, value ${i}: ${onKernel[i]} vs ${inJs[i]}`);
    }
    for (let j = 0; j < dim; j++) assert.equal(onKernel[5 * dim + j], 0);
    assert.ok(Math.abs(norm(onKernel, 7 * dim, dim) - 1) < 1e-6);
    assert.equal(raw[7 * dim] === onKernel[7 * dim], false, 'the input is left as it was');
  }
});

test('normalizeRows puts large matrices in kernel memory, unless the kernel is off', () => {
  const rows = 2000;
  const dim = 10;
  const random = new Random(9);
  const raw = Float32Array.from({ length: rows * dim }, () => random.normal());
  const onKernel = normalizeRows(raw, rows, dim);
  assert.ok(onKernel.buffer instanceof SharedArrayBuffer);
  const inJs = normalizedWithoutKernel(raw, rows, dim);
  assert.ok(!(inJs.buffer instanceof SharedArrayBuffer));
  for (let i = 0; i < inJs.length; i++) assert.ok(Math.abs(onKernel[i] - inJs[i]) <= Math.abs(inJs[i]) * 2 ** -23);
  const query = unitCopy(raw.subarray(0, dim));
  const fromKernel = new Float64Array(rows);
  const fromLoop = new Float64Array(rows);
  multiplyRows(onKernel, rows, dim, query, fromKernel);
  multiplyRows(inJs, rows, dim, query, fromLoop);
  for (let row = 0; row < rows; row++) assert.ok(Math.abs(fromKernel[row] - fromLoop[row]) <= 1e-6);
  assert.ok(Math.abs(fromKernel[0] - 1) <= 1e-6);
});

test('mostSimilar finds the same neighbours with and without the kernel', () => {
  const words = 3000;
  const dim = 24;
  const random = new Random(17);
  const vectors = Float32Array.from({ length: words * dim }, () => random.normal());
  const names = Array.from({ length: words }, (_, i) => `w${i}`);
  const onKernel = new KeyedVectors(names, vectors, dim);
  assert.ok(onKernel.unitVectors().buffer instanceof SharedArrayBuffer);
  setVectorKernelsEnabled(false);
  const inJs = new KeyedVectors(names, vectors, dim);
  try {
    inJs.unitVectors();
  } finally {
    setVectorKernelsEnabled(true);
  }
  for (const word of ['w0', 'w17', 'w2999']) {
    const a = onKernel.mostSimilar({ positive: [word], topn: 10 });
    const b = inJs.mostSimilar({ positive: [word], topn: 10 });
    assert.deepEqual(a.map((n) => n.word), b.map((n) => n.word));
    for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i].similarity - b[i].similarity) <= 1e-6);
  }
});
