import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { evaluateWordPairs, readTestSetLines } from '../../src/eval/similarity.js';
import { evaluateAnalogies } from '../../src/eval/analogies.js';
import { pearson, spearman } from '../../src/eval/statistics.js';
import { loadVectors } from '../../src/io/vectors-io.js';
import { EmbedkitError } from '../../src/errors.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';

const dir = mkdtempSync(join(tmpdir(), 'embedkit-similarity-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** a=(1,0) b=(1,1) c=(0,1) d=(-1,0): cosines a·b = b·c = 1/√2, a·c = 0, a·d = −1. */
const kv = new KeyedVectors(['a', 'b', 'c', 'd', 'Z'], Float32Array.of(1, 0, 1, 1, 0, 1, -1, 0, 3, 3), 2);

function close(actual: number, expected: number, tolerance = 1e-7): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);
}

// Model cosines (1/√2, 0, −1, 1/√2) against scores (9, 5, 1, 7): ranks (3.5, 2, 1, 3.5) vs (4, 2, 1, 3).
const pairs = ['# a comment line', 'a\tb\t9', 'a\tc\t5.0', '', 'a\td\t1', 'b\tc\t7e0', 'a\tzebra\t3'];
const modelCosines = [Math.SQRT1_2, 0, -1, Math.SQRT1_2];
const humanScores = [9, 5, 1, 7];

test('Spearman and Pearson of cosines against human scores; unknown pairs skipped and reported in %', async () => {
  const result = await evaluateWordPairs(kv, pairs);
  close(result.spearman, 4.5 / Math.sqrt(22.5));
  close(result.pearson, pearson(humanScores, modelCosines));
  assert.equal(result.pairs, 4);
  assert.equal(result.total, 5);
  assert.equal(result.oov, 20);
});

test('dummy4unknown puts unknown pairs in at similarity 0', async () => {
  const result = await evaluateWordPairs(kv, pairs, { dummy4unknown: true });
  assert.equal(result.pairs, 5);
  assert.equal(result.oov, 20);
  close(result.spearman, spearman([...humanScores, 3], [...modelCosines, 0]));
  close(result.pearson, pearson([...humanScores, 3], [...modelCosines, 0]));
});

test('space-separated files, case folding, restrictVocab and untrimmed words', async () => {
  const spaced = await evaluateWordPairs(kv, ['A  B 9', 'a c 5', 'a D 1', 'b c 7']);
  close(spaced.spearman, 4.5 / Math.sqrt(22.5));
  assert.equal(spaced.pairs, 4);
  const exact = await evaluateWordPairs(kv, ['A B 9', 'a c 5', 'a d 1', 'b c 7', 'z a 2'], { caseInsensitive: false });
  assert.equal(exact.pairs, 3);
  assert.equal(exact.oov, 40);
  const folded = await evaluateWordPairs(kv, ['z a 2', 'Z b 1', 'z c 0'], {});
  assert.equal(folded.pairs, 3, '"z" finds "Z" when folding');
  const restricted = await evaluateWordPairs(kv, pairs, { restrictVocab: 3 });
  assert.equal(restricted.pairs, 3, 'd is outside the first 3 words');
  assert.equal(restricted.total, 5);
  // gensim splits on the tab and keeps the space, making " c" unknown; trimWords false does the same.
  assert.equal((await evaluateWordPairs(kv, ['a\t c\t5', 'a\tb\t9'])).pairs, 2);
  assert.equal((await evaluateWordPairs(kv, ['a\t c\t5', 'a\tb\t9'], { trimWords: false })).pairs, 1);
  assert.equal((await evaluateWordPairs(kv, ['a,b,9', 'a,c,5', 'a,d,1'], { delimiter: ',' })).pairs, 3);
});

test('fewer than two usable pairs: NaN correlations, not an exception', async () => {
  const result = await evaluateWordPairs(kv, ['a b 3', 'x y 2']);
  assert.equal(result.pairs, 1);
  assert.ok(Number.isNaN(result.spearman) && Number.isNaN(result.pearson));
});

test('malformed lines throw naming file and line, or are skipped on request', async () => {
  const file = join(dir, 'pairs.tsv');
  writeFileSync(file, 'a\tb\t9\na\tc\tfive\n');
  await assert.rejects(evaluateWordPairs(kv, file), (error: unknown) => {
    assert.ok(error instanceof EmbedkitError);
    assert.deepEqual([error.place.file, error.place.line, error.place.byteOffset], [file, 2, 6]);
    assert.match(error.message, /five/);
    return true;
  });
  await assert.rejects(evaluateWordPairs(kv, ['a b']), (error: unknown) => error instanceof EmbedkitError && error.place.line === 1);
  const skipped = await evaluateWordPairs(kv, file, { invalidLines: 'skip' });
  assert.deepEqual([skipped.pairs, skipped.invalid], [1, 1]);
  await assert.rejects(evaluateWordPairs(kv, join(dir, 'missing.tsv')), (error: unknown) => error instanceof EmbedkitError && /missing\.tsv/.test(error.message));
});

test('test-set lines: CRLF and a byte-order mark are dropped, line numbers and byte offsets kept', async () => {
  const file = join(dir, 'crlf.txt');
  writeFileSync(file, '\ufeffa b 1\r\n\r\nc d 2');
  const lines = await readTestSetLines(file);
  assert.deepEqual(
    lines.map((line) => [line.text, line.lineNumber, line.byteOffset]),
    [
      ['a b 1', 1, 3],
      ['', 2, 10],
      ['c d 2', 3, 12],
    ],
  );
});

/** The shared evaluation data, when this checkout has it (a fresh clone does not). */
const dataRoot = process.env.EMBEDKIT_DATA ? resolve(process.env.EMBEDKIT_DATA) : resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data');
const haveData = existsSync(join(dataRoot, 'vectors-fixtures')) && existsSync(join(dataRoot, 'wordsim-en'));

test('real test sets on the shared vector fixtures evaluate without errors', { skip: haveData ? false : `no evaluation data under ${dataRoot}` }, async () => {
  const { vectors } = await loadVectors(join(dataRoot, 'vectors-fixtures', 'c-word2vec-hamlet-vectors.txt.gz'));
  const wordsim = join(dataRoot, 'wordsim-en');
  for (const name of readdirSync(wordsim).filter((file) => file.endsWith('.txt'))) {
    const result = await evaluateWordPairs(vectors, join(wordsim, name));
    assert.ok(result.total > 0 && result.pairs <= result.total, name);
    assert.ok(result.oov >= 0 && result.oov <= 100, name);
  }
  const sets = [join(dataRoot, 'analogy-en', 'questions-words.txt'), join(dataRoot, 'analogy-zh', 'CA_translated.txt')];
  for (const set of sets.filter(existsSync)) {
    const result = await evaluateAnalogies(vectors, set);
    assert.ok(result.total > 900 && result.sections.length >= 3, set);
    assert.equal(result.sections.reduce((sum, section) => sum + section.total, 0), result.total);
  }
  const lee = (await loadVectors(join(dataRoot, 'vectors-fixtures', 'lee_fasttext.vec'))).vectors;
  const questions = await evaluateAnalogies(lee, join(dataRoot, 'analogy-en', 'questions-words.txt'));
  assert.ok(questions.seen > 50, `${questions.seen} questions answered on lee_fasttext.vec`);
  assert.ok(questions.accuracy >= 0 && questions.accuracy <= 1);
});
