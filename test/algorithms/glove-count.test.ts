import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countCooccurrences, type CooccurrenceMatrix } from '../../src/algorithms/glove/index.js';
import { EmbedkitError } from '../../src/errors.js';
import { Random } from '../../src/util/random.js';

const TEXT = [
  'the cat sat on the mat',
  'the dog sat on the log',
  'a cat and a dog',
  'the cat saw the dog on the mat',
  'rare words vanish here',
];

/** Pairs as "row word|col word" → summed weight, straight from the definition. */
function bruteForce(
  sentences: string[][],
  keep: (word: string) => boolean,
  window: number,
  symmetric: boolean,
  weighted: boolean,
): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (a: string, b: string, w: number): void => {
    counts.set(`${a}|${b}`, (counts.get(`${a}|${b}`) ?? 0) + w);
  };
  for (const sentence of sentences) {
    const words = sentence.filter(keep); // out-of-vocabulary words go before distances are measured
    for (let p = 0; p < words.length; p++) {
      for (let q = Math.max(0, p - window); q < p; q++) {
        const w = weighted ? 1 / (p - q) : 1;
        add(words[q], words[p], w);
        if (symmetric) add(words[p], words[q], w);
      }
    }
  }
  return counts;
}

function asMap(matrix: CooccurrenceMatrix): Map<string, number> {
  const map = new Map<string, number>();
  for (let k = 0; k < matrix.size; k++) {
    const key = `${matrix.vocabulary.word(matrix.rows[k])}|${matrix.vocabulary.word(matrix.cols[k])}`;
    assert.ok(!map.has(key), `pair ${key} appears twice`);
    map.set(key, matrix.values[k]);
  }
  return map;
}

function assertSameCounts(actual: Map<string, number>, expected: Map<string, number>): void {
  assert.equal(actual.size, expected.size);
  for (const [key, value] of expected) {
    const got = actual.get(key);
    assert.ok(got !== undefined, `missing pair ${key}`);
    assert.ok(Math.abs(got - value) <= 1e-6 * value, `${key}: ${got} vs ${value}`);
  }
}

function assertSorted(matrix: CooccurrenceMatrix): void {
  for (let k = 1; k < matrix.size; k++) {
    const before = matrix.rows[k - 1] - matrix.rows[k] || matrix.cols[k - 1] - matrix.cols[k];
    assert.ok(before < 0, `records ${k - 1} and ${k} out of order`);
  }
}

test('counts match a brute-force count: window, 1/d weighting, symmetric or left-only, rare words removed first', async () => {
  const sentences = TEXT.map((line) => line.split(' '));
  for (const [symmetric, weighted] of [[true, true], [false, true], [true, false]] as const) {
    const matrix = await countCooccurrences(
      { sentences },
      { window: 3, symmetric, distanceWeighting: weighted, minCount: 2 },
    );
    const vocabulary = matrix.vocabulary;
    assert.ok(!vocabulary.has('rare') && vocabulary.has('cat'));
    assertSameCounts(asMap(matrix), bruteForce(sentences, (w) => vocabulary.has(w), 3, symmetric, weighted));
    assertSorted(matrix);
  }
});

test('a known answer: "a b a" with window 2', async () => {
  const matrix = await countCooccurrences({ sentences: [['a', 'b', 'a']] }, { window: 2, minCount: 1 });
  const map = asMap(matrix);
  // a-b at distance 1 twice (both directions each time); a-a at distance 2 (both directions).
  assert.deepEqual(Object.fromEntries(map), { 'a|b': 2, 'b|a': 2, 'a|a': 1 });
});

test('files are read twice (vocabulary, then pairs) and give the same counts as sentences', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'embedkit-glove-test-'));
  try {
    const file = join(dir, 'corpus.txt');
    await writeFile(file, TEXT.join('\n') + '\n');
    const fromFile = await countCooccurrences({ files: [file] }, { window: 4, minCount: 2 });
    const fromSentences = await countCooccurrences({ sentences: TEXT.map((line) => line.split(' ')) }, { window: 4, minCount: 2 });
    assert.deepEqual(fromFile.vocabulary.words, fromSentences.vocabulary.words);
    assertSameCounts(asMap(fromFile), asMap(fromSentences));
    assert.equal(fromFile.stats.tokens, fromSentences.stats.tokens);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a tiny memory limit spills sorted runs to disk and merges them to the in-memory result', async () => {
  const random = new Random(7);
  const sentences: string[][] = [];
  for (let s = 0; s < 800; s++) {
    const sentence: string[] = [];
    // Zipf-like draws over 400 words: many distinct pairs, some very frequent.
    for (let t = 0; t < 12; t++) sentence.push(`w${Math.floor(400 * random.float() ** 2)}`);
    sentences.push(sentence);
  }
  const dir = await mkdtemp(join(tmpdir(), 'embedkit-glove-spill-'));
  try {
    const inMemory = await countCooccurrences({ sentences }, { window: 5, minCount: 1 });
    const spilled = await countCooccurrences({ sentences }, { window: 5, minCount: 1, memoryGB: 1e-6, tmpDir: dir });
    assert.equal(inMemory.stats.spilledRuns, 0);
    assert.ok(spilled.stats.spilledRuns >= 3, `expected several runs, got ${spilled.stats.spilledRuns}`);
    assert.ok(inMemory.size > 5000, 'the corpus should have more pairs than one tiny table holds');
    assert.equal(spilled.size, inMemory.size);
    assert.deepEqual(spilled.rows, inMemory.rows);
    assert.deepEqual(spilled.cols, inMemory.cols);
    for (let k = 0; k < inMemory.size; k++) {
      assert.ok(Math.abs(spilled.values[k] - inMemory.values[k]) <= 1e-6 * inMemory.values[k], `record ${k}`);
    }
    assert.deepEqual(await readdir(dir), [], 'the runs are removed afterwards');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('bad options and empty vocabularies are EmbedkitErrors naming the field', async () => {
  await assert.rejects(countCooccurrences({ sentences: [['a', 'b']] }, { window: 0 }), (error: EmbedkitError) => error.place.field === 'window');
  await assert.rejects(countCooccurrences({ sentences: [['a', 'b']] }, { memoryGB: -1 }), (error: EmbedkitError) => error.place.field === 'memoryGB');
  await assert.rejects(countCooccurrences({ sentences: [['a', 'b']] }, { minCount: 5 }), (error: EmbedkitError) => error.code === 'EMPTY_VOCABULARY');
  await assert.rejects(countCooccurrences({ files: ['no-such-file.txt'] }), (error: EmbedkitError) => error.code === 'FILE_NOT_FOUND');
});
