import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NoiseTable, huffman, subsampleKeepProbabilities } from '../../src/vocab/sampling.js';
import { Random } from '../../src/util/random.js';
import { EmbedkitError } from '../../src/errors.js';

test('subsampling: word2vec formula, known answers', () => {
  const keep = subsampleKeepProbabilities([1000, 10, 0], 1e-3);
  // T = 1010, sample·T = 1.01: (sqrt(1000/1.01) + 1)·1.01/1000 and (sqrt(10/1.01) + 1)·1.01/10.
  assert.ok(Math.abs(keep[0] - 0.0327905) < 1e-6, String(keep[0]));
  assert.ok(Math.abs(keep[1] - 0.4188050) < 1e-6, String(keep[1]));
  assert.equal(keep[2], 1);
  assert.deepEqual(Array.from(subsampleKeepProbabilities([1000, 10], 0)), [1, 1]);
  // Rare words are capped at 1: here sample·T = 1000 and f = 1.
  assert.equal(subsampleKeepProbabilities([1, 999_999], 1e-3)[0], 1);
  assert.throws(() => subsampleKeepProbabilities([1, -1], 1e-3), EmbedkitError);
});

const counts = [1000, 0, 100, 50, 10, 1, 7];

function expectedDistribution(values: number[], power: number): number[] {
  const weights = values.map((c) => Math.pow(c, power));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}

test('alias table encodes count^0.75 exactly', () => {
  const table = new NoiseTable(counts);
  assert.equal(table.size, counts.length);
  // P(i) = (prob[i] + Σ over columns j aliasing to i of (1 - prob[j])) / V
  const implied = new Array<number>(counts.length).fill(0);
  for (let j = 0; j < table.size; j++) {
    implied[j] += table.prob[j] / table.size;
    implied[table.alias[j]] += (1 - table.prob[j]) / table.size;
  }
  const expected = expectedDistribution(counts, 0.75);
  for (let i = 0; i < counts.length; i++) assert.ok(Math.abs(implied[i] - expected[i]) < 1e-6, `id ${i}`);
});

test('sampled frequencies follow count^0.75 (chi-square)', () => {
  const table = new NoiseTable(counts, 0.75);
  const random = new Random(42);
  const draws = 200_000;
  const seen = new Float64Array(counts.length);
  for (let n = 0; n < draws; n++) seen[table.sample(random.nextUint32(), random.nextUint32())]++;
  assert.equal(seen[1], 0, 'a word with count 0 is never drawn');
  const expected = expectedDistribution(counts, 0.75);
  let chiSquare = 0;
  for (let i = 0; i < counts.length; i++) {
    if (expected[i] > 0) chiSquare += (seen[i] - draws * expected[i]) ** 2 / (draws * expected[i]);
  }
  // 5 degrees of freedom: 30 is far in the tail (p < 1e-4) while a wrong power misses by thousands.
  assert.ok(chiSquare < 30, `chi-square ${chiSquare}`);
});

test('power 1 gives plain frequencies; extreme uint32 inputs stay in range', () => {
  const table = new NoiseTable([3, 1], 1);
  const implied = [table.prob[0] / 2, table.prob[1] / 2];
  implied[table.alias[0]] += (1 - table.prob[0]) / 2;
  implied[table.alias[1]] += (1 - table.prob[1]) / 2;
  assert.ok(Math.abs(implied[0] - 0.75) < 1e-7 && Math.abs(implied[1] - 0.25) < 1e-7);
  for (const u of [0, 1, 0x7fffffff, 0xffffffff]) {
    const id = table.sample(u, u);
    assert.ok(id === 0 || id === 1);
  }
  assert.throws(() => new NoiseTable([]), EmbedkitError);
  assert.throws(() => new NoiseTable([0, 0]), EmbedkitError);
  assert.throws(() => new NoiseTable([1, NaN]), EmbedkitError);
});

function codeOf(tree: ReturnType<typeof huffman>, word: number): { code: number[]; point: number[] } {
  const start = word * tree.maxCodeLength;
  const end = start + tree.lengths[word];
  return { code: Array.from(tree.codes.subarray(start, end)), point: Array.from(tree.points.subarray(start, end)) };
}

test("huffman: word2vec's CreateBinaryTree on a small example (worked by hand)", () => {
  const tree = huffman([5, 3, 2, 1]);
  assert.equal(tree.maxCodeLength, 3);
  assert.deepEqual(Array.from(tree.lengths), [1, 2, 3, 3]);
  assert.deepEqual(codeOf(tree, 0), { code: [0], point: [2] });
  assert.deepEqual(codeOf(tree, 1), { code: [1, 1], point: [2, 1] });
  assert.deepEqual(codeOf(tree, 2), { code: [1, 0, 1], point: [2, 1, 0] });
  assert.deepEqual(codeOf(tree, 3), { code: [1, 0, 0], point: [2, 1, 0] });
});

test('huffman: unsorted input gives each word the code it has in sorted order', () => {
  const tree = huffman([2, 5, 1, 3]);
  assert.deepEqual(codeOf(tree, 1), { code: [0], point: [2] });
  assert.deepEqual(codeOf(tree, 3), { code: [1, 1], point: [2, 1] });
  assert.deepEqual(codeOf(tree, 0), { code: [1, 0, 1], point: [2, 1, 0] });
  assert.deepEqual(codeOf(tree, 2), { code: [1, 0, 0], point: [2, 1, 0] });
});

test('huffman: prefix-free, Kraft equality, frequent words get shorter codes', () => {
  const random = new Random(7);
  const size = 500;
  const values = Array.from({ length: size }, () => 1 + Math.floor(Math.exp(random.uniform(0, 10))));
  values.sort((a, b) => b - a);
  const tree = huffman(values);
  let kraft = 0;
  const codes = new Set<string>();
  for (let w = 0; w < size; w++) {
    kraft += Math.pow(2, -tree.lengths[w]);
    const { code, point } = codeOf(tree, w);
    codes.add(code.join(''));
    assert.equal(point[0], size - 2, 'every path starts at the root');
    for (const p of point) assert.ok(p >= 0 && p <= size - 2);
    if (w > 0) assert.ok(tree.lengths[w] >= tree.lengths[w - 1], `word ${w} is rarer yet has a shorter code`);
  }
  assert.ok(Math.abs(kraft - 1) < 1e-12, `Kraft sum ${kraft}`);
  assert.equal(codes.size, size);
  for (const a of codes) for (const b of codes) if (a !== b) assert.ok(!b.startsWith(a), `${a} is a prefix of ${b}`);
});

test('huffman: tiny vocabularies and the length cap', () => {
  assert.deepEqual(Array.from(huffman([4]).lengths), [0]);
  const two = huffman([4, 1]);
  // The rarer word is merged first and so takes branch 0, as in word2vec.
  assert.deepEqual(codeOf(two, 0), { code: [1], point: [0] });
  assert.deepEqual(codeOf(two, 1), { code: [0], point: [0] });
  // Fibonacci counts give the deepest possible tree: V - 1 bits for the two rarest words.
  const fibonacci = [1, 1];
  while (fibonacci.length < 12) fibonacci.push(fibonacci.at(-1)! + fibonacci.at(-2)!);
  fibonacci.reverse();
  assert.equal(huffman(fibonacci).maxCodeLength, 11);
  assert.throws(() => huffman(fibonacci, 10), EmbedkitError);
});
