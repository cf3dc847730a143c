import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dotBlock, insertTop } from '../../src/align/dot-block.js';
import { Random } from '../../src/util/random.js';
import { randomRows } from './fixtures.js';

test('dotBlock equals plain dot products for every remainder of the 4×2 blocking', () => {
  const random = new Random(9);
  const dim = 5;
  for (const [rows, targetCount, start] of [[4, 2, 0], [7, 5, 1], [3, 1, 2], [9, 6, 0]]) {
    const queries = randomRows(start + rows, dim, random);
    const targets = randomRows(targetCount, dim, random);
    const out = new Float32Array(rows * targetCount);
    dotBlock(queries, start, rows, targets, targetCount, dim, out);
    for (let r = 0; r < rows; r++) {
      for (let t = 0; t < targetCount; t++) {
        let sum = 0;
        for (let k = 0; k < dim; k++) sum += queries[(start + r) * dim + k] * targets[t * dim + k];
        assert.ok(Math.abs(out[r * targetCount + t] - sum) < 1e-5, `rows ${rows}, targets ${targetCount}: (${r}, ${t})`);
      }
    }
  }
});

test('insertTop keeps the k best in descending order', () => {
  const scores = new Float32Array(3).fill(-Infinity);
  const indices = new Int32Array(3);
  for (const [score, index] of [[0.5, 0], [0.1, 1], [0.9, 2], [0.3, 3], [0.7, 4]]) insertTop(scores, indices, 0, 3, score, index);
  assert.deepEqual(Array.from(indices), [2, 4, 0]);
  assert.deepEqual(Array.from(scores), [0.9, 0.7, 0.5].map(Math.fround));
});
