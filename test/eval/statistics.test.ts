import { test } from 'node:test';
import assert from 'node:assert/strict';
import { averageRanks, pearson, spearman } from '../../src/eval/statistics.js';
import { EmbedkitError } from '../../src/errors.js';

function close(actual: number, expected: number, tolerance = 1e-12): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);
}

test('average ranks: ties share the mean of the ranks they span (scipy rankdata "average")', () => {
  assert.deepEqual(Array.from(averageRanks([10, 20, 20, 30])), [1, 2.5, 2.5, 4]);
  assert.deepEqual(Array.from(averageRanks([3, 1, 3, 3, 2])), [4, 1, 4, 4, 2]);
  assert.deepEqual(Array.from(averageRanks([-1, -Infinity, 5])), [2, 1, 3]);
  assert.throws(() => averageRanks([1, NaN]), EmbedkitError);
});

test('pearson: hand-computed and scipy documentation values', () => {
  // centred: x (-2,-1,0,1,2), y (-2,0,1,0,1): 6 / sqrt(10 · 6)
  close(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]), 6 / Math.sqrt(60));
  // scipy.stats.pearsonr documentation example
  close(pearson([1, 2, 3, 4, 5, 6, 7], [10, 9, 2.5, 6, 4, 3, 2]), -0.828503883588428);
  close(pearson([1, 2, 3], [-2, -4, -6]), -1);
  // r of an exact line must not overshoot 1 through rounding
  assert.ok(pearson([0.1, 0.2, 0.3, 0.7], [0.3, 0.6, 0.9, 2.1]) <= 1);
});

test('spearman: Pearson of average ranks; scipy documentation value with a tie', () => {
  // scipy.stats.spearmanr([1,2,3,4,5], [5,6,7,8,7]): y ranks (1, 2, 3.5, 5, 3.5) → 8 / sqrt(95)
  close(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]), 0.8207826816681233);
  close(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]), 8 / Math.sqrt(95));
  // ties on both sides: ranks (3.5, 2, 1, 3.5) vs (4, 2, 1, 3) → 4.5 / sqrt(4.5 · 5)
  close(spearman([0.7, 0, -1, 0.7], [9, 5, 1, 7]), 4.5 / Math.sqrt(22.5));
  // invariant under monotone transforms, unlike pearson
  close(spearman([1, 2, 3, 4], [1, 8, 27, 1000]), 1);
  assert.ok(pearson([1, 2, 3, 4], [1, 8, 27, 1000]) < 0.95);
});

test('undefined correlations are NaN; mismatched lengths throw', () => {
  assert.ok(Number.isNaN(pearson([1], [2])));
  assert.ok(Number.isNaN(pearson([], [])));
  assert.ok(Number.isNaN(pearson([1, 1, 1], [1, 2, 3])));
  assert.ok(Number.isNaN(spearman([2, 2], [1, 3])));
  assert.throws(() => pearson([1, 2], [1, 2, 3]), (error: unknown) => error instanceof EmbedkitError && error.code === 'BAD_SHAPE');
});
