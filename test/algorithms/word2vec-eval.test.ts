import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analogyAccuracy, readWordPairs, spearman, wordSimilarity } from '../../src/algorithms/word2vec/quick-eval.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';

test('Spearman correlation: known answers, ties at their mean rank', () => {
  assert.equal(spearman(Float64Array.from([1, 2, 3, 4]), Float64Array.from([10, 20, 30, 40])), 1);
  assert.equal(spearman(Float64Array.from([1, 2, 3, 4]), Float64Array.from([4, 3, 2, 1])), -1);
  // ranks x: 1 2 3 4 5, y: 2 1 4 3 5 → 1 - 6·4/(5·24) = 0.8
  assert.ok(Math.abs(spearman(Float64Array.from([1, 2, 3, 4, 5]), Float64Array.from([2, 1, 4, 3, 5])) - 0.8) < 1e-12);
  // y ties: ranks 1.5 1.5 3 → Pearson of (1,2,3) and (1.5,1.5,3) = √3/2
  assert.ok(Math.abs(spearman(Float64Array.from([1, 2, 3]), Float64Array.from([7, 7, 9])) - Math.sqrt(3) / 2) < 1e-12);
});

test('word similarity skips out-of-vocabulary pairs; analogies answer by 3CosAdd within the most frequent rows', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'embedkit-w2v-eval-'));
  try {
    // king - man + woman = queen in a 2-d toy space; "far" is beyond the restriction.
    const words = ['man', 'woman', 'king', 'queen', 'apple', 'far'];
    const vectors = Float32Array.from([1, 0, 1, 1, 2, 0, 2, 1, -1, -3, 2, 1.01]);
    const kv = new KeyedVectors(words, vectors, 2);
    const pairsFile = join(dir, 'pairs.txt');
    await writeFile(pairsFile, 'man\twoman\t9\nKing\tqueen\t8\nman\tapple\t1\nman\tunicorn\t5\n');
    const pairs = await readWordPairs(pairsFile);
    const score = wordSimilarity(kv, pairs);
    assert.equal(score.pairs, 3);
    assert.equal(score.total, 4);
    assert.ok(Number.isFinite(score.spearman));
    const questions = join(dir, 'questions.txt');
    await writeFile(questions, ': royal\nman woman king queen\nwoman man queen king\nman woman king far\n');
    const all = await analogyAccuracy(kv, questions, 6);
    assert.deepEqual(all, { accuracy: 2 / 3, correct: 2, answered: 3, total: 3 });
    const restricted = await analogyAccuracy(kv, questions, 5);
    assert.deepEqual(restricted, { accuracy: 1, correct: 2, answered: 2, total: 3 });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
