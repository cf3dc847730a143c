import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { embeddingMatrixFromVectors } from '../../src/vectors/embedding-init.js';

const store = () => new KeyedVectors(['the', 'cat', 'Dog'], Float32Array.of(1, 2, 3, 4, 5, 6), 2);
const vocabulary = ['<pad>', 'the', 'Cat', 'dog', 'unknown'];

function row(weights: Float32Array, index: number, dim = 2): number[] {
  return Array.from(weights.subarray(index * dim, (index + 1) * dim));
}

test('rows follow the vocabulary; <pad> is zero; missing words are seeded uniform in ±0.05', () => {
  const { weights, found, missing } = embeddingMatrixFromVectors(store(), vocabulary, { seed: 3 });
  assert.equal(weights.length, vocabulary.length * 2);
  assert.deepEqual(row(weights, 0), [0, 0]);
  assert.deepEqual(row(weights, 1), [1, 2]);
  assert.equal(found, 1);
  assert.equal(missing, 3);
  for (const index of [2, 3, 4]) {
    const values = row(weights, index);
    assert.ok(values.every((v) => Math.abs(v) <= 0.05) && values.some((v) => v !== 0), `row ${index}: ${values}`);
  }
  const again = embeddingMatrixFromVectors(store(), vocabulary, { seed: 3 });
  assert.deepEqual(again.weights, weights);
  const otherSeed = embeddingMatrixFromVectors(store(), vocabulary, { seed: 4 });
  assert.notDeepEqual(otherSeed.weights, weights);
});

test('lowercaseFallback finds "Cat" as "cat" but not "dog" as "Dog"', () => {
  const { weights, found, missing } = embeddingMatrixFromVectors(store(), vocabulary, { lowercaseFallback: true, init: 'zeros' });
  assert.equal(found, 2);
  assert.equal(missing, 2);
  assert.deepEqual(row(weights, 2), [3, 4]);
  assert.deepEqual(row(weights, 3), [0, 0]);
  assert.deepEqual(row(weights, 4), [0, 0]);
});

test('words without a row get the store\'s out-of-vocabulary vector when it has one', () => {
  class Subword extends KeyedVectors {
    protected override oovVector(word: string): Float32Array | null {
      return word === 'unknown' ? Float32Array.of(7, 8) : null;
    }
  }
  const base = store();
  const kv = new Subword(base.words.slice(), base.vectors, 2);
  const { weights, found } = embeddingMatrixFromVectors(kv, vocabulary, { init: 'zeros' });
  assert.equal(found, 2);
  assert.deepEqual(row(weights, 4), [7, 8]);
});

test('an unknown init is rejected', () => {
  assert.throws(() => embeddingMatrixFromVectors(store(), vocabulary, { init: 'normal' as 'zeros' }), { code: 'BAD_OPTION' });
});
