import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EmbedkitError } from '../../src/errors.js';
import { Dropout } from '../../src/layers/dropout.js';
import type { Activation } from '../../src/layers/layer.js';
import { Random } from '../../src/util/random.js';
import { checkLayerGradients, randomFloats } from '../helpers/gradcheck.js';

test('Dropout is the identity at inference', () => {
  const layer = new Dropout(0.5);
  layer.build([4], new Random(1));
  const input: Activation = { shape: [1, 4], data: Float32Array.from([1, 2, 3, 4]) };
  assert.equal(layer.forward(input, false), input);
});

test('Dropout zeroes about `rate` of the values and scales the rest by 1 / (1 − rate)', () => {
  const layer = new Dropout(0.25);
  layer.build([1000], new Random(1));
  const out = layer.forward({ shape: [10, 1000], data: new Float32Array(10_000).fill(1) }, true).data;
  const zeros = out.filter((v) => v === 0).length;
  assert.ok(Math.abs(zeros / 10_000 - 0.25) < 0.02, `dropped ${zeros}`);
  assert.ok(out.every((v) => v === 0 || Math.abs(v - 4 / 3) < 1e-6));
  let mean = 0;
  for (const v of out) mean += v / out.length;
  assert.ok(Math.abs(mean - 1) < 0.03, 'inverted dropout keeps the expected value');
});

test('Dropout with the same seed drops the same values', () => {
  const run = (seed: number): Float32Array => {
    const layer = new Dropout(0.5);
    layer.build([50], new Random(seed));
    return Float32Array.from(layer.forward({ shape: [1, 50], data: new Float32Array(50).fill(1) }, true).data as Float32Array);
  };
  assert.deepEqual(run(3), run(3));
  assert.notDeepEqual(run(3), run(4));
  assert.throws(() => new Dropout(1), EmbedkitError);
  assert.throws(() => new Dropout(-0.1), EmbedkitError);
});

test('Dropout gradient matches finite differences with a fixed mask', () => {
  const layer = new Dropout(0.4);
  const input: Activation = { shape: [3, 5], data: randomFloats(15, new Random(2)), mask: Uint8Array.from([1, 1, 0]) };
  checkLayerGradients({ layer, input, training: true, beforeForward: () => layer.build([5], new Random(11)) });
  const out = layer.forward(input, true);
  assert.equal(out.mask, input.mask, 'the mask passes through');
});
