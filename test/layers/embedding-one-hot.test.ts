import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Embedding } from '../../src/layers/embedding.js';
import { Random } from '../../src/util/random.js';

test('the Embedding row gather equals one-hot X times V (W = X·V) on random data', () => {
  const rng = new Random(2024);
  for (const [vocabularySize, dim, words] of [
    [50, 7, 12],
    [1000, 32, 64],
  ]) {
    const V = Float32Array.from({ length: vocabularySize * dim }, () => rng.uniform(-1, 1));
    const ids = Int32Array.from({ length: words }, () => rng.int(vocabularySize));
    // X: one one-hot row per word; W = X·V computed as a real matrix product.
    const X = new Float32Array(words * vocabularySize);
    ids.forEach((id, i) => (X[i * vocabularySize + id] = 1));
    const W = new Float32Array(words * dim);
    for (let i = 0; i < words; i++) {
      for (let j = 0; j < dim; j++) {
        let sum = 0;
        for (let k = 0; k < vocabularySize; k++) sum += X[i * vocabularySize + k] * V[k * dim + j];
        W[i * dim + j] = sum;
      }
    }
    const layer = new Embedding(vocabularySize, dim, { weights: V });
    layer.build([words], rng);
    const gathered = layer.forward({ shape: [1, words], data: ids }, false).data;
    assert.deepEqual(Array.from(gathered), Array.from(W));
  }
});
