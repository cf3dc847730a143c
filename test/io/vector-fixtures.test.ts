import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadVectors, saveVectors, type VectorFormat } from '../../src/io/vectors-io.js';
import type { KeyedVectors } from '../../src/vectors/keyed-vectors.js';

/**
 * Interop with vector files written by gensim, fastText and the original C word2vec
 * ($EMBEDKIT_DATA/vectors-fixtures, see its SOURCE.md). A fresh clone has no data: then these skip.
 */
const projectRoot = resolve(import.meta.dirname, '..', '..', '..');
const dataRoot = process.env.EMBEDKIT_DATA ? resolve(process.env.EMBEDKIT_DATA) : resolve(projectRoot, '..', 'shared', 'data');
const fixtures = join(dataRoot, 'vectors-fixtures');
const missing = existsSync(fixtures) ? false : `vector fixtures not found at ${fixtures} (set EMBEDKIT_DATA)`;
const fixture = (name: string) => join(fixtures, name);

const dir = mkdtempSync(join(tmpdir(), 'embedkit-fixtures-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A float32 rounded (to nearest, ties to even) to float16's 11 significant bits; fine for normal float16 values. */
function roundToFloat16Precision(value: number): number {
  const bits = new Uint32Array(Float32Array.of(value).buffer);
  const dropped = bits[0] & 0x1fff;
  bits[0] -= dropped;
  if (dropped > 0x1000 || (dropped === 0x1000 && (bits[0] & 0x2000) !== 0)) bits[0] += 0x2000;
  return new Float32Array(bits.buffer)[0];
}

async function expectShape(name: string, format: VectorFormat, size: number, dim: number): Promise<KeyedVectors> {
  const loaded = await loadVectors(fixture(name));
  assert.equal(loaded.format, format, name);
  assert.equal(loaded.vectors.size, size, name);
  assert.equal(loaded.vectors.dim, dim, name);
  assert.equal(loaded.duplicates, 0);
  return loaded.vectors;
}

test("gensim's euclidean_vectors.bin: the neighbours of 'war' match gensim's test", { skip: missing }, async () => {
  const kv = await expectShape('euclidean_vectors.bin', 'word2vec-bin', 2747, 10);
  const neighbours = kv.mostSimilar({ positive: ['war'], topn: 5 });
  assert.deepEqual(neighbours.map((n) => n.word), ['conflict', 'administration', 'terrorism', 'call', 'israel']);
  const expected = [0.93305, 0.92355, 0.91692, 0.89959, 0.88473];
  neighbours.forEach((n, i) => assert.equal(n.similarity.toFixed(5), expected[i].toFixed(5), n.word));
});

test('binary and text versions of the same vectors agree (high_precision.kv, and a round trip of each fixture)', { skip: missing }, async () => {
  const text = await expectShape('high_precision.kv.txt', 'word2vec-text', 2, 2);
  const binary = await expectShape('high_precision.kv.bin', 'word2vec-bin', 2, 2);
  assert.deepEqual(binary.words, text.words);
  // gensim wrote the .bin from vectors loaded as float16 (its test_type_conversion): equal at that precision.
  assert.deepEqual(binary.vectors, text.vectors.map(roundToFloat16Precision));
  assert.equal(text.vector('horse.n.01')[0], Math.fround(-0.0008546282343595379));
  for (const name of ['euclidean_vectors.bin', 'lee_fasttext.vec', 'test_glove.txt']) {
    const original = (await loadVectors(fixture(name))).vectors;
    for (const format of ['word2vec-bin', 'word2vec-text', 'glove'] as const) {
      const copy = join(dir, `${name}.${format}`);
      await saveVectors(original, copy, { format });
      const reread = (await loadVectors(copy)).vectors;
      assert.deepEqual(reread.words, original.words, `${name} as ${format}`);
      assert.deepEqual(reread.vectors, original.vectors, `${name} as ${format}`);
    }
  }
});

test("gensim's word2vec_pre_kv_c (text, no trailing space)", { skip: missing }, async () => {
  const kv = await expectShape('word2vec_pre_kv_c', 'word2vec-text', 1750, 10);
  assert.deepEqual(kv.words.slice(0, 3), ['the', 'to', 'of']);
  assert.equal(kv.vector('the')[0], Math.fround(-0.561106));
});

test('the GloVe fixture: no header, dimension from the first line, non-ASCII words', { skip: missing }, async () => {
  const kv = await expectShape('test_glove.txt', 'glove', 76, 50);
  assert.deepEqual(Array.from(kv.vector('the').subarray(0, 3)), [0.418, 0.24968, -0.41242].map(Math.fround));
  for (const word of ['ö', 'é', 'हु', "''", 'n\'t']) assert.ok(kv.has(word), word);
});

test("fastText's .vec files (trailing space on every line)", { skip: missing }, async () => {
  const lee = await expectShape('lee_fasttext.vec', 'word2vec-text', 1762, 10);
  assert.equal(lee.vector('the')[0], Math.fround(-0.65992));
  const toy = await expectShape('toy-model.vec', 'word2vec-text', 22, 5);
  assert.deepEqual(Array.from(toy.vector('the')), [0.068811, 0.26619, 0.026622, -0.2588, -0.00044401].map(Math.fround));
});

test("the original C tool's text output, gzip-compressed", { skip: missing }, async () => {
  const kv = await expectShape('c-word2vec-hamlet-vectors.txt.gz', 'word2vec-text', 2631, 200);
  assert.equal(kv.words[0], '</s>');
  assert.equal(kv.vector('</s>')[0], Math.fround(0.002001));
  assert.equal((await loadVectors(fixture('c-word2vec-hamlet-vectors.txt.gz'), { limit: 10 })).vectors.size, 10);
});

test("truncated UTF-8 words (gensim's unicode_errors fixture): strict fails, replace matches gensim", { skip: missing }, async () => {
  await assert.rejects(loadVectors(fixture('w2v_keyedvectors_load_test.modeldata')), { code: 'BAD_ENCODING' });
  const kv = (await loadVectors(fixture('w2v_keyedvectors_load_test.modeldata'), { unicodeErrors: 'replace' })).vectors;
  assert.deepEqual(kv.words, ['ありがとう\uFFFD', 'どういたしまして\uFFFD']);
  assert.deepEqual(Array.from(kv.vector('ありがとう\uFFFD')), [0.6, 0.6, 0.6].map(Math.fround));
  assert.deepEqual(Array.from(kv.vector('どういたしまして\uFFFD')), [0.1, 0.2, 0.3].map(Math.fround));
  const counted = await loadVectors(fixture('w2v_keyedvectors_load_test.modeldata'), {
    unicodeErrors: 'replace',
    vocabFile: fixture('w2v_keyedvectors_load_test.vocab'),
  });
  assert.deepEqual(Array.from(counted.vectors.counts!), [123, 789]);
});

test('a fastText native .bin model is recognised as such, not read as word2vec binary', { skip: missing }, async () => {
  const loaded = await loadVectors(fixture('toy-model.bin'));
  assert.equal(loaded.format, 'fasttext-bin');
  assert.equal(loaded.vectors.size, 22);
  await assert.rejects(loadVectors(fixture('toy-model.bin'), { format: 'word2vec-bin' }), { code: 'UNKNOWN_FORMAT' });
});
