import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EmbedkitError } from '../../src/errors.js';
import { fastTextHash } from '../../src/algorithms/fasttext/hash.js';
import { Random } from '../../src/util/random.js';
import { SubwordVectors } from '../../src/vectors/subword-vectors.js';

const DIM = 4;
const BUCKET = 64;
const WORDS = ['walked', 'walks', 'jumped', 'apple'];

function smallModel(seed = 5): SubwordVectors {
  const random = new Random(seed);
  const input = new Float32Array((WORDS.length + BUCKET) * DIM);
  for (let i = 0; i < input.length; i++) input[i] = random.uniform(-1, 1);
  return new SubwordVectors({ words: WORDS.slice(), dim: DIM, input, bucket: BUCKET, minn: 3, maxn: 4 });
}

/** The mean of the given input rows, in float64 (the store works in float32 steps). */
function meanRows(model: SubwordVectors, rows: number[]): number[] {
  const mean = new Array<number>(DIM).fill(0);
  for (const row of rows) for (let j = 0; j < DIM; j++) mean[j] += model.input[row * DIM + j];
  return mean.map((value) => value / rows.length);
}

function assertClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-6): void {
  assert.equal(actual.length, expected.length);
  for (let i = 0; i < actual.length; i++) assert.ok(Math.abs(actual[i] - expected[i]) <= tolerance, `[${i}] ${actual[i]} vs ${expected[i]}`);
}

test('an unseen word is the mean of its n-gram rows, found by hashing each n-gram', () => {
  const model = smallModel();
  const grams = ['<wa', '<wal', 'wal', 'walk', 'alk', 'alki', 'lki', 'lkin', 'kin', 'king', 'ing', 'ing>', 'ng>'];
  assert.deepEqual(model.ngrams('walking'), grams);
  const rows = grams.map((gram) => WORDS.length + (fastTextHash(gram) % BUCKET));
  assert.deepEqual(Array.from(model.subwordRows('walking')), rows);
  assertClose(model.vector('walking'), meanRows(model, rows));
  assert.equal(model.has('walking'), false);
});

test('a known word is the mean of its own row and its n-gram rows', () => {
  const model = smallModel();
  const rows = Array.from(model.subwordRows('walks'));
  assert.equal(rows[0], 1);
  assert.equal(rows.length, 1 + model.ngrams('walks').length);
  assertClose(model.vector('walks'), meanRows(model, rows));
  assertClose(model.vectors.subarray(DIM, 2 * DIM), model.vector('walks'));
});

test('a word without any n-gram is reported, never a zero vector', () => {
  // "<ab>" is 4 characters: no n-gram of 5 or 6.
  const noGrams = new SubwordVectors({ words: ['x'], dim: 1, input: new Float32Array(1 + 8), bucket: 8, minn: 5, maxn: 6 });
  assert.equal(noGrams.get('ab'), null);
  assert.equal(noGrams.canEmbed('ab'), false);
  assert.throws(() => noGrams.vector('ab'), (error: unknown) => error instanceof EmbedkitError && error.code === 'NO_SUBWORDS');
  assert.equal(noGrams.canEmbed('abcd'), true);
  assert.throws(() => noGrams.similarity('ab', 'x'), (error: unknown) => error instanceof EmbedkitError && error.code === 'NO_SUBWORDS');
});

test('queries accept unseen words: similarity and mostSimilar score them against the store', () => {
  const model = smallModel();
  const oov = model.vector('walking');
  const walked = model.vector('walked');
  let dot = 0;
  let a = 0;
  let b = 0;
  for (let j = 0; j < DIM; j++) {
    dot += oov[j] * walked[j];
    a += oov[j] * oov[j];
    b += walked[j] * walked[j];
  }
  assert.ok(Math.abs(model.similarity('walking', 'walked') - dot / Math.sqrt(a * b)) < 1e-6);
  const neighbours = model.mostSimilar({ positive: 'walking', topn: 4 });
  assert.equal(neighbours.length, 4);
  assert.ok(neighbours.some((n) => n.word === 'walked'));
});

test('the input matrix must have words + bucket rows', () => {
  assert.throws(
    () => new SubwordVectors({ words: ['a'], dim: 2, input: new Float32Array(2 * 3), bucket: 4, minn: 3, maxn: 6 }),
    (error: unknown) => error instanceof EmbedkitError && error.code === 'BAD_SHAPE',
  );
});
