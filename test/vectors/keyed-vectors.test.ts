import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { EmbedkitError } from '../../src/errors.js';
import { Random } from '../../src/util/random.js';
import { WordIndex } from '../../src/vectors/word-index.js';
import { WordList } from '../../src/vectors/word-list.js';

const SQRT1_2 = Math.SQRT1_2;

/** a=(1,0,0) b=(1,1,0) c=(0,1,0) d=(0,0,2) e=(-1,0,0) z=0: every cosine is known by hand. */
function toyStore(): KeyedVectors {
  const words = ['a', 'b', 'c', 'd', 'e', 'z'];
  const vectors = Float32Array.of(1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 2, -1, 0, 0, 0, 0, 0);
  return new KeyedVectors(words, vectors, 3);
}

function close(actual: number, expected: number, tolerance = 1e-6): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not ${expected}`);
}

test('lookups: size, index, has, vector views, OOV error naming the word', () => {
  const kv = toyStore();
  assert.equal(kv.size, 6);
  assert.equal(kv.dim, 3);
  assert.equal(kv.index('d'), 3);
  assert.equal(kv.index('nope'), -1);
  assert.ok(kv.has('z') && !kv.has('nope'));
  const d = kv.vector('d');
  assert.deepEqual(Array.from(d), [0, 0, 2]);
  assert.equal(d.buffer, kv.vectors.buffer, 'vector() is a view');
  assert.equal(kv.get('nope'), null);
  assert.throws(() => kv.vector('nope'), (error: unknown) => error instanceof EmbedkitError && error.code === 'OOV' && /"nope"/.test(error.message));
});

test('constructor rejects a wrong shape and duplicate words', () => {
  assert.throws(() => new KeyedVectors(['a', 'b'], new Float32Array(5), 3), { code: 'BAD_SHAPE' });
  assert.throws(() => new KeyedVectors(['a'], new Float32Array(3), 3, new Float64Array(2)), { code: 'BAD_SHAPE' });
  assert.throws(() => new KeyedVectors(['a', 'a'], new Float32Array(6), 3), { code: 'DUPLICATE_WORD' });
  const list = WordList.fromStrings(['a']);
  const otherIndex = WordIndex.of(WordList.fromStrings(['a']));
  assert.throws(() => new KeyedVectors(list, new Float32Array(3), 3, undefined, otherIndex), { code: 'BAD_SHAPE' }, 'an index of another list');
});

test('words given as strings are that same array; word(row) names one row', () => {
  const words = ['a', 'b', 'ü'];
  const kv = new KeyedVectors(words, new Float32Array(9), 3);
  assert.equal(kv.words, words);
  assert.equal(kv.word(2), 'ü');
  assert.equal(kv.index('ü'), 2);
  for (const bad of [-1, 3, 0.5]) assert.throws(() => kv.word(bad), { code: 'BAD_ID' });
});

test('unitVectors: unit rows, zero rows stay zero, computed once', () => {
  const kv = toyStore();
  const units = kv.unitVectors();
  assert.deepEqual(Array.from(units.subarray(3, 6)), [Math.fround(SQRT1_2), Math.fround(SQRT1_2), 0]);
  assert.deepEqual(Array.from(units.subarray(9, 12)), [0, 0, 1]);
  assert.deepEqual(Array.from(units.subarray(15, 18)), [0, 0, 0]);
  assert.equal(kv.unitVectors(), units);
});

test('similarity and distance are the hand-computed cosines', () => {
  const kv = toyStore();
  close(kv.similarity('a', 'b'), SQRT1_2);
  close(kv.similarity('a', 'c'), 0);
  close(kv.similarity('a', 'e'), -1);
  close(kv.similarity('d', 'd'), 1);
  assert.equal(kv.similarity('a', 'z'), 0);
  close(kv.distance('a', 'b'), 1 - SQRT1_2);
});

test('mostSimilar of one word: neighbours by cosine, the word itself excluded, ties by row', () => {
  const kv = toyStore();
  const result = kv.mostSimilar({ positive: ['a'], topn: 10 });
  assert.deepEqual(result.map((n) => n.word), ['b', 'c', 'd', 'z', 'e']);
  close(result[0].similarity, SQRT1_2);
  close(result[4].similarity, -1);
  assert.deepEqual(kv.mostSimilar({ positive: ['a'], topn: 1 }).map((n) => n.word), ['b']);
  assert.deepEqual(kv.mostSimilar({ positive: ['a'], topn: 0 }), []);
  assert.deepEqual(kv.similarByWord('a', 2).map((n) => n.word), ['b', 'c']);
});

test('3CosAdd analogy a:b::c:? equals the hand computation', () => {
  const kv = toyStore();
  // unit(b) + unit(c) − unit(a) = (1/√2 − 1, 1/√2 + 1, 0), norm √3; e = (−1,0,0) scores (1 − 1/√2)/√3.
  const result = kv.mostSimilar({ positive: ['b', 'c'], negative: ['a'], topn: 3 });
  assert.deepEqual(result.map((n) => n.word), ['e', 'd', 'z']);
  close(result[0].similarity, (1 - SQRT1_2) / Math.sqrt(3));
  close(result[1].similarity, 0);
});

test('3CosMul analogy equals gensim\'s formula by hand', () => {
  const kv = toyStore();
  const result = kv.mostSimilarCosmul({ positive: ['b', 'c'], negative: ['a'], topn: 3 });
  assert.deepEqual(result.map((n) => n.word), ['e', 'd', 'z']);
  // e: ((1 − 1/√2)/2 · 1/2) / ((1 − 1)/2 + 1e-6); d: (1/2 · 1/2) / (1/2 + 1e-6).
  close(result[0].similarity, ((1 - SQRT1_2) / 2) * 0.5 / 1e-6, 1e-3);
  close(result[1].similarity, 0.25 / (0.5 + 1e-6), 1e-9);
});

test('restrictVocab limits the candidates to the first rows', () => {
  const kv = toyStore();
  assert.deepEqual(kv.mostSimilar({ positive: ['a'], restrictVocab: 3 }).map((n) => n.word), ['b', 'c']);
  assert.deepEqual(kv.mostSimilarCosmul({ positive: ['a'], restrictVocab: 2 }).map((n) => n.word), ['b']);
});

test('raw vectors enter queries unnormalised and exclude nothing', () => {
  const kv = toyStore();
  const result = kv.similarByVector(Float32Array.of(0, 0, 5), 2);
  assert.deepEqual(result.map((n) => n.word), ['d', 'a']);
  close(result[0].similarity, 1);
  // (0,0,5) outweighs unit(a): the sum (1,0,5) is nearest to d.
  assert.equal(kv.mostSimilar({ positive: ['a', Float32Array.of(0, 0, 5)], topn: 1 })[0].word, 'd');
  assert.throws(() => kv.similarByVector(Float32Array.of(1, 2)), { code: 'BAD_SHAPE' });
});

test('queries reject unknown words and empty input', () => {
  const kv = toyStore();
  assert.throws(() => kv.mostSimilar({ positive: ['a'], negative: ['nope'] }), { code: 'OOV' });
  assert.throws(() => kv.mostSimilar({ positive: [] }), { code: 'EMPTY_QUERY' });
  assert.throws(() => kv.mostSimilarCosmul({ positive: [], negative: ['a'] }), { code: 'EMPTY_QUERY' });
  assert.throws(() => kv.mostSimilar({ positive: ['a'], topn: -1 }), { code: 'BAD_OPTION' });
});

test('doesntMatch picks the word furthest from the mean, ignoring unknown words', () => {
  const kv = toyStore();
  assert.equal(kv.doesntMatch(['a', 'b', 'c', 'e']), 'e');
  assert.equal(kv.doesntMatch(['a', 'b', 'c', 'd', 'nope']), 'd');
  assert.throws(() => kv.doesntMatch(['nope']), { code: 'EMPTY_QUERY' });
});

test('nSimilarity is the cosine of the summed raw vectors', () => {
  const kv = toyStore();
  close(kv.nSimilarity(['a', 'c'], ['b']), 1);
  close(kv.nSimilarity(['a', 'd'], ['b']), 1 / Math.sqrt(10));
  assert.throws(() => kv.nSimilarity([], ['a']), { code: 'EMPTY_QUERY' });
  assert.throws(() => kv.nSimilarity(['nope'], ['a']), { code: 'OOV' });
});

test('rank counts the words strictly closer than b, plus one', () => {
  const kv = toyStore();
  assert.equal(kv.rank('a', 'b'), 1);
  assert.equal(kv.rank('a', 'c'), 2);
  assert.equal(kv.rank('a', 'e'), 5);
  assert.deepEqual(kv.closerThan('a', 'c'), ['b']);
  assert.throws(() => kv.rank('a', 'nope'), { code: 'OOV' });
});

/** A random store, and reference implementations written the slow obvious way. */
function randomStore(seed: number, size: number, dim: number): KeyedVectors {
  const random = new Random(seed);
  const words = Array.from({ length: size }, (_, i) => `w${i}`);
  const vectors = new Float32Array(size * dim);
  for (let i = 0; i < vectors.length; i++) vectors[i] = random.normal();
  return new KeyedVectors(words, vectors, dim);
}

function cos(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

function ranked(kv: KeyedVectors, score: (w: string) => number, exclude: string[], topn: number): string[] {
  return kv.words.filter((w) => !exclude.includes(w)).map((w) => ({ w, s: score(w) })).sort((x, y) => y.s - x.s).slice(0, topn).map((x) => x.w);
}

test('3CosAdd, 3CosMul, doesntMatch and rank agree with brute force on a random store', () => {
  const kv = randomStore(5, 300, 16);
  const random = new Random(9);
  for (let trial = 0; trial < 20; trial++) {
    const [a, b, c] = [0, 1, 2].map(() => kv.words[random.int(kv.size)]);
    if (new Set([a, b, c]).size < 3) continue;
    const unit = (w: string) => { const v = Array.from(kv.vector(w)); const n = Math.hypot(...v); return v.map((x) => x / n); };
    const [ua, ub, uc] = [unit(a), unit(b), unit(c)];
    const target = ub.map((x, j) => x + uc[j] - ua[j]);
    const expectedAdd = ranked(kv, (w) => cos(kv.vector(w), target), [a, b, c], 5);
    assert.deepEqual(kv.mostSimilar({ positive: [b, c], negative: [a], topn: 5 }).map((n) => n.word), expectedAdd);

    const shifted = (w: string, x: string) => (1 + cos(kv.vector(w), kv.vector(x))) / 2;
    const expectedMul = ranked(kv, (w) => (shifted(w, b) * shifted(w, c)) / (shifted(w, a) + 1e-6), [a, b, c], 5);
    assert.deepEqual(kv.mostSimilarCosmul({ positive: [b, c], negative: [a], topn: 5 }).map((n) => n.word), expectedMul);

    const expectedRank = 1 + kv.words.filter((w) => w !== a && cos(kv.vector(a), kv.vector(w)) > cos(kv.vector(a), kv.vector(b)) + 1e-12).length;
    assert.equal(kv.rank(a, b), expectedRank);

    const group = [a, b, c, kv.words[random.int(kv.size)]];
    const used = [...new Set(group)];
    const mean = used.map(unit).reduce((sum, u) => sum.map((x, j) => x + u[j]));
    const expectedOdd = used.map((w) => ({ w, s: cos(unit(w), mean) })).sort((x, y) => x.s - y.s)[0].w;
    assert.equal(kv.doesntMatch(group), expectedOdd);
  }
});

test('a subclass can answer out-of-vocabulary words through the oovVector hook', () => {
  class SubwordStore extends KeyedVectors {
    protected override oovVector(word: string): Float32Array | null {
      return word === 'ab' ? Float32Array.of(1, 1, 0) : null;
    }
  }
  const toy = toyStore();
  const kv = new SubwordStore(toy.words.slice(), toy.vectors, 3);
  assert.ok(!kv.has('ab'));
  assert.deepEqual(Array.from(kv.vector('ab')), [1, 1, 0]);
  close(kv.similarity('ab', 'a'), SQRT1_2);
  // 'ab' has no row, so its twin 'b' is not excluded from its neighbours.
  assert.equal(kv.mostSimilar({ positive: ['ab'], topn: 1 })[0].word, 'b');
  assert.throws(() => kv.vector('zz'), { code: 'OOV' });
});
