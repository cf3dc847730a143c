import { test } from 'node:test';
import assert from 'node:assert/strict';
import { languageSpace } from '../../src/align/language-space.js';
import { matchSentences, principalDirection, sentenceVectors } from '../../src/align/sentence-vectors.js';
import { translateWords } from '../../src/align/translate-words.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { Random } from '../../src/util/random.js';
import { multiply, randomOrthogonal, randomRows } from './fixtures.js';

/**
 * A toy pair of spaces: English words get random vectors; each Chinese word has the vector of
 * its translation rotated by R plus a little noise, and the English store's mapping is R.
 * Function words ("the", "的") are near one shared direction, as in real embeddings.
 */
const dim = 16;
const english = ['the', 'cat', 'dog', 'eats', 'fish', 'runs', 'red', 'big', 'house', 'tree'];
const chinese = ['的', '猫', '狗', '吃', '鱼', '跑', '红', '大', '房子', '树'];
const random = new Random(8);
const rotation = randomOrthogonal(dim, random);
const englishVectors = randomRows(english.length, dim, random);
const chineseVectors = multiply(englishVectors, english.length, dim, rotation);
for (let i = 0; i < chineseVectors.length; i++) chineseVectors[i] += 0.05 * random.normal();
const counts = Float64Array.from([1000, 40, 35, 30, 25, 20, 15, 12, 10, 8]);
// The Chinese store maps onto the English one by Rᵀ (x·Rᵀ undoes the rotation).
const inverse = new Float32Array(dim * dim);
for (let i = 0; i < dim; i++) for (let j = 0; j < dim; j++) inverse[i * dim + j] = rotation[j * dim + i];
const zh = languageSpace(new KeyedVectors(chinese, chineseVectors, dim, counts), { mapping: inverse, language: 'zh' });
const en = languageSpace(new KeyedVectors(english, englishVectors, dim, counts), { language: 'en' });

test('translateWords finds each word’s translation first, marks unknown words, works both ways', () => {
  const results = translateWords(zh, en, ['猫', '树', '鲸'], { topn: 3 });
  assert.equal(results[0].translations[0].word, 'cat');
  assert.equal(results[1].translations[0].word, 'tree');
  assert.equal(results[0].translations.length, 3);
  assert.ok(results[0].translations[0].score >= results[0].translations[1].score);
  assert.deepEqual(results[2], { word: '鲸', translations: [], oov: true });
  const back = translateWords(en, zh, ['dog', 'fish'], { topn: 1, csls: true, k: 3 });
  assert.deepEqual(back.map((r) => r.translations[0].word), ['狗', '鱼']);
});

test('sentence vectors match each Chinese sentence to its English translation, mean and SIF', () => {
  const zhSentences = [['猫', '吃', '的', '鱼'], ['狗', '跑'], ['的', '大', '房子'], ['红', '的', '树'], ['鲸']];
  const enSentences = [['the', 'big', 'house'], ['the', 'cat', 'eats', 'the', 'fish'], ['the', 'red', 'tree'], ['the', 'dog', 'runs']];
  for (const weighting of ['mean', 'sif'] as const) {
    const source = sentenceVectors(zh, zhSentences, { weighting });
    const candidates = sentenceVectors(en, enSentences, { weighting });
    assert.equal(source.empty, 1, 'the sentence of unknown words has no vector');
    const { best } = matchSentences(source, candidates);
    assert.deepEqual(Array.from(best.subarray(0, 4)), [1, 3, 0, 2], weighting);
  }
});

test('SIF weights a frequent word less than a rare one', () => {
  // One sentence "the cat": with SIF it should lean to "cat" much more than the plain mean does.
  const catRow = en.index('cat');
  const cat = en.vectors.subarray(catRow * dim, catRow * dim + dim);
  const cosineToCat = (weighting: 'mean' | 'sif') => {
    const v = sentenceVectors(en, [['the', 'cat']], { weighting, removeComponents: 0 }).vectors;
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += v[j] * cat[j];
    return dot;
  };
  assert.ok(cosineToCat('sif') > cosineToCat('mean') + 0.05);
});

test('principalDirection finds the dominant axis of the rows', () => {
  const rows = Float32Array.from([3, 0.1, -3, 0.2, 2.5, -0.1, -2, 0]);
  const direction = principalDirection(rows, 4, 2);
  assert.ok(Math.abs(Math.abs(direction[0]) - 1) < 0.01);
});
