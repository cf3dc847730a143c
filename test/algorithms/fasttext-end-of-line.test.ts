import { test } from 'node:test';
import assert from 'node:assert/strict';
import { withEndOfLineWord } from '../../src/algorithms/fasttext/end-of-line.js';
import { trainFastText } from '../../src/algorithms/fasttext/train.js';
import { encodeCorpus } from '../../src/algorithms/word2vec/encode.js';
import { Vocabulary } from '../../src/vocab/vocabulary.js';

const ENCODE = { tokenizer: {}, maxSentenceLength: 1000, minCount: 1, maxVocabSize: undefined };

/** 'a' ×6, 'b' ×4, 'c' ×2, 'd' ×1 over 3 lines: `</s>` (3) belongs between b and c. */
const LINES = [
  ['a', 'b', 'a', 'c', 'a'],
  ['b', 'a', 'd', 'b'],
  ['a', 'c', 'b', 'a'],
];

function decode(ids: Int32Array, words: readonly string[]): string[][] {
  const lines: string[][] = [[]];
  for (const id of ids) {
    if (id < 0) lines.push([]);
    else lines[lines.length - 1].push(words[id]);
  }
  lines.pop();
  return lines;
}

test('every line ends with </s>, a vocabulary word ranked by its count (lines), as in fastText', async () => {
  const encoded = await encodeCorpus({ sentences: LINES }, ENCODE);
  const stream = withEndOfLineWord(encoded, false);
  assert.deepEqual(stream.vocabulary.words, ['a', 'b', '</s>', 'c', 'd']);
  assert.deepEqual(Array.from(stream.vocabulary.counts), [6, 4, 3, 2, 1]);
  assert.equal(stream.vocabulary.totalCount, 16);
  assert.deepEqual(decode(stream.ids, stream.vocabulary.words), LINES.map((line) => [...line, '</s>']));
  assert.equal(stream.tokens, 16);
});

test('a given vocabulary keeps its ids: </s> only where it has that word', async () => {
  const without = Vocabulary.fromWords(['b', 'a', 'c'], [4, 6, 2], { specials: false });
  const plain = withEndOfLineWord(await encodeCorpus({ sentences: LINES }, { ...ENCODE, vocabulary: without }), true);
  assert.equal(plain.vocabulary, without);
  assert.deepEqual(decode(plain.ids, without.words), LINES.map((line) => line.filter((w) => w !== 'd')));
  assert.equal(plain.tokens, 12);

  const withEnd = Vocabulary.fromWords(['</s>', 'a', 'b'], [3, 6, 4], { specials: false });
  const ended = withEndOfLineWord(await encodeCorpus({ sentences: LINES }, { ...ENCODE, vocabulary: withEnd }), true);
  assert.equal(ended.vocabulary, withEnd);
  assert.deepEqual(decode(ended.ids, withEnd.words), LINES.map((line) => [...line.filter((w) => w === 'a' || w === 'b'), '</s>']));
});

test('a trained model has </s> as a word whose vector is its own row alone (no n-grams)', async () => {
  const lines = Array.from({ length: 60 }, (_, i) => LINES[i % LINES.length]);
  const { vectors, vocabulary, corpusWords } = await trainFastText({ sentences: lines }, {
    dim: 8, minCount: 1, bucket: 500, epochs: 1, sample: 0, threads: 1, seed: 2,
  });
  assert.equal(vocabulary.id('</s>'), 2);
  assert.equal(corpusWords, 20 * 13, 'corpusWords leaves </s> out');
  const own = vectors.input.subarray(2 * 8, 3 * 8);
  assert.deepEqual(Array.from(vectors.vector('</s>')), Array.from(own));
});
