import { test } from 'node:test';
import { Dense } from '../../src/layers/dense.js';
import { Embedding } from '../../src/layers/embedding.js';
import { GlobalAveragePooling1D } from '../../src/layers/global-average-pooling-1d.js';
import type { Layer } from '../../src/layers/layer.js';
import type { LossName } from '../../src/models/losses.js';
import { sgd } from '../../src/models/optimizers.js';
import { Sequential } from '../../src/models/sequential.js';
import { assertGradientsClose, numericGradient } from '../helpers/gradcheck.js';

/**
 * End to end: one full-batch SGD step with learning rate 1 moves every weight by exactly −gradient,
 * which must match finite differences of evaluate()'s loss. Covers the fused Embedding+mean path,
 * the sigmoid/softmax fused with cross-entropy, and backprop through a hidden layer.
 */
async function checkModelGradient(layers: () => Layer[], loss: LossName, y: Float32Array): Promise<void> {
  const x = { rows: 4, cols: 5, data: Int32Array.from([1, 2, 3, 0, 0, 4, 4, 5, 6, 7, 0, 0, 0, 0, 0, 7, 1, 0, 0, 0]) };
  const model = new Sequential(layers(), { seed: 4 });
  model.compile({ optimizer: sgd({ learningRate: 1 }), loss });
  model.build([5]);
  const before = model.getWeights();
  await model.fit(x, y, { epochs: 1, batchSize: 4, shuffle: false });
  const after = model.getWeights();
  const analytic = before.map((w, k) => w.map((v, i) => v - after[k][i]));

  const probe = new Sequential(layers(), { seed: 4 });
  probe.compile({ optimizer: 'sgd', loss });
  probe.build([5]);
  probe.setWeights(before);
  probe.parameters().forEach((param, k) => {
    const numeric = numericGradient(param.value, () => probe.evaluate(x, y, { batchSize: 4 }).loss, 1e-2);
    assertGradientsClose(analytic[k], numeric, `${loss} ${param.name}`, { absolute: 2e-5, relative: 2e-3 });
  });
}

test('model gradient, binary: Embedding(maskZero) → mean → Dense(tanh) → Dense(sigmoid)', async () => {
  await checkModelGradient(
    () => [new Embedding(8, 3, { maskZero: true }), new GlobalAveragePooling1D(), new Dense(4, { activation: 'tanh' }), new Dense(1, { activation: 'sigmoid' })],
    'binaryCrossentropy',
    Float32Array.from([1, 0, 0, 1]),
  );
});

test('model gradient, sparse softmax: Embedding → mean → Dense(softmax)', async () => {
  await checkModelGradient(
    () => [new Embedding(8, 3), new GlobalAveragePooling1D(), new Dense(3, { activation: 'softmax' })],
    'sparseCategoricalCrossentropy',
    Float32Array.from([2, 0, 1, 2]),
  );
});
