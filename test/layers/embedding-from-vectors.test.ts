import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Embedding } from '../../src/layers/embedding.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { Vocabulary } from '../../src/vocab/vocabulary.js';
import { Random } from '../../src/util/random.js';

test('Embedding.fromVectors aligns pretrained rows by word; <pad> is zero, missing words random, frozen means no gradient', () => {
  const kv = new KeyedVectors(['cat', 'dog', 'Fish'], Float32Array.from([1, 2, 3, 4, 5, 6]), 2);
  const vocabulary = Vocabulary.fromWords(['dog', 'cat', 'fish', 'bird']); // ids: <pad> 0, <unk> 1, dog 2, cat 3, fish 4, bird 5
  const layer = Embedding.fromVectors(kv, vocabulary, { trainable: false, seed: 3 });
  assert.equal(layer.found, 2);
  assert.equal(layer.missing, 3); // <unk>, fish (case differs, no fallback asked), bird
  layer.build([2], new Random(1));
  const out = layer.forward({ shape: [1, 3], data: Int32Array.from([2, 3, 0]) }, true);
  assert.deepEqual(Array.from(out.data), [3, 4, 1, 2, 0, 0]);
  const [embeddings] = layer.parameters();
  assert.equal(embeddings.trainable, false);
  for (const v of embeddings.value.subarray(5 * 2, 6 * 2)) assert.ok(Math.abs(v) <= 0.05 && v !== 0);

  const withFallback = Embedding.fromVectors(kv, vocabulary, { lowercaseFallback: true });
  assert.equal(withFallback.found, 2); // "fish" → "fish" is not "Fish" lower-cased the other way round
  const cased = Embedding.fromVectors(kv, Vocabulary.fromWords(['FISH']), { lowercaseFallback: true });
  assert.equal(cased.found, 0);
});
