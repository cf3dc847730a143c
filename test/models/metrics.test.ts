import assert from 'node:assert/strict';
import { test } from 'node:test';
import { binaryAccuracy, categoricalAccuracy, sparseCategoricalAccuracy } from '../../src/models/metrics.js';

const f32 = (values: number[]): Float32Array => Float32Array.from(values);

test('binary accuracy thresholds at 0.5', () => {
  assert.equal(binaryAccuracy(f32([1, 0, 1, 0]), f32([0.9, 0.2, 0.4, 0.6]), 4), 0.5);
  assert.equal(binaryAccuracy(f32([0]), f32([0.5]), 1), 1, '0.5 is not above the threshold');
});

test('categorical and sparse accuracy compare the argmax', () => {
  const predictions = f32([0.1, 0.7, 0.2, 0.5, 0.3, 0.2, 0.3, 0.3, 0.4]);
  assert.equal(categoricalAccuracy(f32([0, 1, 0, 0, 0, 1, 0, 0, 1]), predictions, 3), 2 / 3);
  assert.equal(sparseCategoricalAccuracy(f32([1, 2, 2]), predictions, 3), 2 / 3);
});
