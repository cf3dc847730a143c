import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GlobalAveragePooling1D } from '../../src/layers/global-average-pooling-1d.js';
import { GlobalMaxPooling1D } from '../../src/layers/global-max-pooling-1d.js';
import type { Activation } from '../../src/layers/layer.js';
import { Random } from '../../src/util/random.js';
import { checkLayerGradients, randomFloats } from '../helpers/gradcheck.js';

function sequenceBatch(mask?: number[]): Activation {
  // [2 examples, 3 steps, 2 features]
  const data = Float32Array.from([1, 2, 3, 4, 5, 9, /* second */ -1, -2, 7, 0, 2, 6]);
  return { shape: [2, 3, 2], data, mask: mask ? Uint8Array.from(mask) : undefined };
}

test('GlobalAveragePooling1D averages steps, and only real tokens under a mask', () => {
  const layer = new GlobalAveragePooling1D();
  assert.deepEqual(Array.from(layer.forward(sequenceBatch(), false).data), [3, 5, Math.fround(8 / 3), Math.fround(4 / 3)]);
  const masked = layer.forward(sequenceBatch([1, 1, 0, 0, 1, 1]), false);
  assert.deepEqual(masked.shape, [2, 2]);
  assert.deepEqual(Array.from(masked.data), [2, 3, 4.5, 3]);
  assert.equal(masked.mask, undefined, 'the pooling consumes the mask');
  assert.deepEqual(layer.computeOutputShape([null, 16]), [16]);
});

test('GlobalAveragePooling1D gives zeros, not NaN, for an all-padding row', () => {
  const layer = new GlobalAveragePooling1D();
  const out = layer.forward(sequenceBatch([1, 0, 1, 0, 0, 0]), false);
  assert.deepEqual(Array.from(out.data), [3, 5.5, 0, 0]);
  const grad = layer.backward(Float32Array.from([1, 1, 1, 1]));
  assert.ok(grad.every(Number.isFinite));
  assert.deepEqual(Array.from(grad.subarray(6)), [0, 0, 0, 0, 0, 0]);
});

test('GlobalMaxPooling1D: masked steps never win; an all-padding row gives zeros', () => {
  const layer = new GlobalMaxPooling1D();
  assert.deepEqual(Array.from(layer.forward(sequenceBatch(), false).data), [5, 9, 7, 6]);
  // Step 2 of example 0 holds the maxima but is masked; example 1 is all padding.
  const out = layer.forward(sequenceBatch([1, 1, 0, 0, 0, 0]), false);
  assert.deepEqual(Array.from(out.data), [3, 4, 0, 0]);
  const negative: Activation = { shape: [1, 2, 1], data: Float32Array.from([-5, 100]), mask: Uint8Array.from([1, 0]) };
  assert.deepEqual(Array.from(layer.forward(negative, false).data), [-5], 'a masked step does not win even when larger');
});

const masks: (number[] | undefined)[] = [undefined, [1, 1, 0, 1, 0, 1], [1, 0, 1, 0, 0, 0]];
for (const mask of masks) {
  const label = mask ? `mask ${mask.join('')}` : 'no mask';
  test(`GlobalAveragePooling1D gradient matches finite differences (${label})`, () => {
    const input: Activation = { shape: [2, 3, 4], data: randomFloats(24, new Random(1)), mask: mask ? Uint8Array.from(mask) : undefined };
    checkLayerGradients({ layer: new GlobalAveragePooling1D(), input });
  });
  test(`GlobalMaxPooling1D gradient matches finite differences (${label})`, () => {
    const input: Activation = { shape: [2, 3, 4], data: randomFloats(24, new Random(2)), mask: mask ? Uint8Array.from(mask) : undefined };
    checkLayerGradients({ layer: new GlobalMaxPooling1D(), input });
  });
}
