import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadVectors, saveVectors, describeVectorFile } from '../../src/io/vectors-io.js';
import { SubwordVectors } from '../../src/vectors/subword-vectors.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { Random } from '../../src/util/random.js';

test('saveVectors/loadVectors write and detect fastText .bin models; unseen words keep their subword vectors', async () => {
  const words = ['walk', 'walked', 'walking', 'talk'];
  const dim = 4;
  const bucket = 50;
  const rng = new Random(5);
  const input = Float32Array.from({ length: (words.length + bucket) * dim }, () => rng.uniform(-1, 1));
  const vectors = new SubwordVectors({ words, dim, input, bucket, minn: 3, maxn: 4 });
  const path = join(mkdtempSync(join(tmpdir(), 'embedkit-ftbin-')), 'model.bin');
  assert.equal(await saveVectors(vectors, path), 'fasttext-bin');
  const loaded = await loadVectors(path);
  assert.equal(loaded.format, 'fasttext-bin');
  assert.deepEqual(loaded.vectors.words, words);
  assert.deepEqual(loaded.vectors.vector('walks'), vectors.vector('walks'));
  assert.deepEqual(await describeVectorFile(path).then((i) => [i.format, i.words, i.dim]), ['fasttext-bin', 4, 4]);
  const plain = new KeyedVectors(['a'], Float32Array.from([1, 2]), 2);
  await assert.rejects(saveVectors(plain, path, { format: 'fasttext-bin' }), /only subword vectors/);
});
