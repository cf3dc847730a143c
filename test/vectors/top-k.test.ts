import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TopK } from '../../src/vectors/top-k.js';
import { Random } from '../../src/util/random.js';

/** Reference: full sort by score descending, index ascending on ties. */
function bruteForce(scores: Float64Array, count: number, k: number, excluded: number[]): number[] {
  const indices = Array.from({ length: count }, (_, i) => i).filter((i) => !excluded.includes(i) && !Number.isNaN(scores[i]));
  indices.sort((a, b) => scores[b] - scores[a] || a - b);
  return indices.slice(0, k);
}

test('TopK selects the same indices, in the same order, as a full sort', () => {
  const random = new Random(11);
  for (let trial = 0; trial < 300; trial++) {
    const length = 1 + random.int(200);
    const scores = new Float64Array(length);
    // Few distinct values, so ties are common and the tie rule is exercised.
    for (let i = 0; i < length; i++) scores[i] = random.float() < 0.05 ? NaN : random.int(12) - 6;
    const k = random.int(length + 3);
    const count = random.int(length + 1);
    const excluded = [random.int(length), random.int(length)];
    const selected = new TopK(k).selectFrom(scores, count, Int32Array.from(excluded)).takeSortedIndices();
    assert.deepEqual(Array.from(selected), bruteForce(scores, count, k, excluded));
  }
});

test('TopK with capacity 0 selects nothing', () => {
  assert.equal(new TopK(0).selectFrom(Float64Array.of(1, 2, 3), 3).takeSortedIndices().length, 0);
});
