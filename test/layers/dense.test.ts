import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EmbedkitError } from '../../src/errors.js';
import { ACTIVATION_NAMES } from '../../src/layers/activations.js';
import { Dense } from '../../src/layers/dense.js';
import type { Activation } from '../../src/layers/layer.js';
import { Random } from '../../src/util/random.js';
import { checkLayerGradients, randomFloats } from '../helpers/gradcheck.js';

test('Dense computes x · kernel + bias with an inputDim × units kernel', () => {
  const layer = new Dense(2);
  layer.build([3], new Random(1));
  const [kernel, bias] = layer.parameters();
  assert.deepEqual(kernel.shape, [3, 2]);
  assert.deepEqual(bias.shape, [2]);
  kernel.value.set([1, 2, 3, 4, 5, 6]);
  bias.value.set([0.5, -1]);
  const out = layer.forward({ shape: [1, 3], data: Float32Array.from([1, 0, 2]) }, false);
  assert.deepEqual(Array.from(out.data), [1 + 10 + 0.5, 2 + 12 - 1]);
  assert.deepEqual(out.shape, [1, 2]);
});

test('Dense defaults follow Keras: linear, bias, Glorot uniform kernel, zero bias', () => {
  const layer = new Dense(30);
  layer.build([20], new Random(4));
  const [kernel, bias] = layer.parameters();
  const limit = Math.sqrt(6 / 50);
  assert.ok(kernel.value.every((v) => Math.abs(v) <= limit));
  assert.ok(Math.max(...kernel.value) > 0.8 * limit);
  assert.ok(bias.value.every((v) => v === 0));
  assert.equal(layer.activation, 'linear');
  assert.equal(new Dense(3, { useBias: false }).getConfig().useBias, false);
  assert.throws(() => new Dense(3, { activation: 'swish' as 'relu' }), EmbedkitError);
});

test('Dense softmax rows sum to 1 and stay finite for huge logits', () => {
  const layer = new Dense(3, { activation: 'softmax', kernelInitializer: 'zeros' });
  layer.build([1], new Random(1));
  layer.parameters()[1].value.set([1000, 0, -1000]);
  const out = layer.forward({ shape: [1, 1], data: Float32Array.from([0]) }, false);
  assert.deepEqual(Array.from(out.data), [1, 0, 0]);
  assert.deepEqual(Array.from(layer.logits), [1000, 0, -1000]);
});

for (const activation of ACTIVATION_NAMES) {
  test(`Dense(${activation}) gradients match finite differences`, () => {
    const layer = new Dense(3, { activation });
    layer.build([4], new Random(7));
    layer.parameters()[1].value.set([0.1, -0.2, 0.3]);
    const input: Activation = { shape: [5, 4], data: randomFloats(20, new Random(8)) };
    checkLayerGradients({ layer, input });
  });
}

test('Dense(1, sigmoid) gradients match finite differences', () => {
  const layer = new Dense(1, { activation: 'sigmoid' });
  layer.build([6], new Random(9));
  layer.parameters()[1].value.set([0.2]);
  checkLayerGradients({ layer, input: { shape: [4, 6], data: randomFloats(24, new Random(10)) } });
});

test('one-unit Dense gives the bits of one column of a wider Dense, forward and backward', () => {
  const rows = 5;
  const inputDim = 7;
  const wide = new Dense(3);
  wide.build([inputDim], new Random(12));
  const narrow = new Dense(1);
  narrow.build([inputDim], new Random(13));
  const [wideKernel, wideBias] = wide.parameters();
  const [narrowKernel, narrowBias] = narrow.parameters();
  for (let i = 0; i < inputDim; i++) narrowKernel.value[i] = wideKernel.value[i * 3];
  wideBias.value.set([0.25, -1, 2]);
  narrowBias.value[0] = wideBias.value[0];
  const x = randomFloats(rows * inputDim, new Random(14));
  // Zero inputs take the skip in the kernel gradient; a zero weight gives signed-zero products.
  x[3] = 0;
  x[inputDim + 1] = 0;
  wideKernel.value[2 * 3] = 0;
  narrowKernel.value[2] = 0;
  wide.forward({ shape: [rows, inputDim], data: x }, true);
  narrow.forward({ shape: [rows, inputDim], data: x }, true);
  assert.deepEqual(Array.from(narrow.logits), Array.from({ length: rows }, (_, r) => wide.logits[r * 3]));
  const gradNarrow = Float32Array.from([0.5, -0.25, 0, -1.5, 3]);
  const gradWide = new Float32Array(rows * 3);
  for (let r = 0; r < rows; r++) gradWide[r * 3] = gradNarrow[r];
  const inputGradWide = Array.from(wide.backwardFromLogits(gradWide));
  const inputGradNarrow = Array.from(narrow.backwardFromLogits(gradNarrow));
  assert.deepEqual(inputGradNarrow, inputGradWide);
  assert.deepEqual(Array.from(narrowKernel.grad), Array.from({ length: inputDim }, (_, i) => wideKernel.grad[i * 3]));
  assert.deepEqual(Array.from(narrowBias.grad), [wideBias.grad[0]]);
  assert.notDeepEqual(Array.from(narrowKernel.grad), new Array(inputDim).fill(0), 'the kernel has a gradient');
});

test('Dense on a [batch, steps, features] input works per step and keeps the mask', () => {
  const layer = new Dense(2, { activation: 'tanh' });
  layer.build([3, 4], new Random(7));
  const mask = Uint8Array.from([1, 1, 0, 1, 0, 0]);
  const input: Activation = { shape: [2, 3, 4], data: randomFloats(24, new Random(3)), mask };
  const out = layer.forward(input, false);
  assert.deepEqual(out.shape, [2, 3, 2]);
  assert.equal(out.mask, mask);
  checkLayerGradients({ layer, input });
});

test('backwardFromLogits equals backward through the activation', () => {
  const layer = new Dense(3, { activation: 'softmax' });
  layer.build([2], new Random(7));
  const input: Activation = { shape: [2, 2], data: randomFloats(4, new Random(1)) };
  const out = Float32Array.from(layer.forward(input, true).data as Float32Array);
  const gradOut = randomFloats(6, new Random(2));
  const viaActivation = Float32Array.from(layer.backward(gradOut));
  const kernelGrad = Float32Array.from(layer.parameters()[0].grad);
  // dLoss/dLogits of a softmax: y ⊙ (g − ⟨g, y⟩) per row.
  const gradLogits = new Float32Array(6);
  for (let r = 0; r < 2; r++) {
    let dot = 0;
    for (let j = 0; j < 3; j++) dot += gradOut[r * 3 + j] * out[r * 3 + j];
    for (let j = 0; j < 3; j++) gradLogits[r * 3 + j] = out[r * 3 + j] * (gradOut[r * 3 + j] - dot);
  }
  const viaLogits = layer.backwardFromLogits(gradLogits);
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(viaLogits[i] - viaActivation[i]) < 1e-6);
  layer.parameters()[0].grad.forEach((g, i) => assert.ok(Math.abs(g - kernelGrad[i]) < 1e-6));
});

test('a frozen Dense still passes gradients to its input but computes none for itself', () => {
  const layer = new Dense(2, { trainable: false });
  layer.build([3], new Random(1));
  layer.forward({ shape: [1, 3], data: Float32Array.from([1, 2, 3]) }, true);
  layer.parameters()[0].grad.fill(42);
  const gradInput = layer.backward(Float32Array.from([1, 1]));
  assert.equal(gradInput.length, 3);
  assert.ok(layer.parameters()[0].grad.every((g) => g === 42));
});
