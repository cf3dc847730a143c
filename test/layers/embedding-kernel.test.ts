import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Dense } from '../../src/layers/dense.js';
import { Embedding } from '../../src/layers/embedding.js';
import { GlobalAveragePooling1D } from '../../src/layers/global-average-pooling-1d.js';
import { arenaHolding, classifierKernelsAvailable, setClassifierKernelsEnabled } from '../../src/layers/kernel-arena.js';
import type { Parameter } from '../../src/layers/layer.js';
import { adam } from '../../src/models/optimizers.js';
import { Sequential, type History } from '../../src/models/sequential.js';
import { Random } from '../../src/util/random.js';

// The WebAssembly kernels (assembly/classifier.ts) must give the very floats of the TypeScript path.
// They exist only after `npm run build` (a bare tsc leaves them out); the tests say so and skip then.
const skip = classifierKernelsAvailable() ? false : 'dist/wasm/classifier.wasm is not built (run npm run build)';

/** Builds `make()` with the kernels on or off; the switch only matters at build. */
function withKernels<T>(enabled: boolean, make: () => T): T {
  setClassifierKernelsEnabled(enabled);
  try {
    return make();
  } finally {
    setClassifierKernelsEnabled(true);
  }
}

/** Padded ids with repeats, zeros inside rows too, and a fully padded row. */
function idBatch(batch: number, steps: number, vocabulary: number, rng: Random): Int32Array {
  const ids = new Int32Array(batch * steps);
  for (let b = 0; b < batch - 1; b++) {
    const length = 1 + rng.int(steps);
    for (let t = 0; t < length; t++) {
      const draw = rng.float();
      // Some padding inside a row, many repeats of a few ids, the rest anywhere.
      ids[b * steps + t] = draw < 0.1 ? 0 : draw < 0.55 ? 1 + rng.int(4) : rng.int(vocabulary);
    }
  }
  return ids;
}

function builtEmbedding(kernels: boolean, vocabulary: number, d: number, maskZero: boolean, slowFrom?: number): Embedding {
  return withKernels(kernels, () => {
    const slowRows = slowFrom === undefined ? undefined : { fromRow: slowFrom, factor: 0.3 };
    const layer = new Embedding(vocabulary, d, { maskZero, embeddingsInitializer: 'normal', slowRows });
    layer.build([null], new Random(5));
    return layer;
  });
}

function sparseOf(layer: Embedding): { rows: number[]; grads: number[] } {
  const sparse = layer.parameters()[0].sparse;
  assert.ok(sparse);
  return {
    rows: Array.from(sparse.rows.subarray(0, sparse.count)),
    grads: Array.from(sparse.grads.subarray(0, sparse.count * sparse.rowLength)),
  };
}

for (const d of [8, 7]) {
  for (const maskZero of [true, false]) {
    test(`kernel forwardMean/backwardMean equal the TypeScript loops bit for bit (d ${d}, maskZero ${maskZero})`, { skip }, () => {
      const fast = builtEmbedding(true, 40, d, maskZero);
      const reference = builtEmbedding(false, 40, d, maskZero);
      assert.ok(arenaHolding(fast.parameters()[0].value), 'the fast layer keeps its table in a kernel arena');
      assert.equal(arenaHolding(reference.parameters()[0].value), undefined);
      const rng = new Random(11);
      // Two batch sizes in turn: the buffers must follow a smaller last batch and a larger one after it.
      for (const [batch, steps] of [[6, 9], [3, 9], [9, 5]]) {
        const input = { shape: [batch, steps], data: idBatch(batch, steps, 40, rng) };
        const fastMeans = Array.from(fast.forwardMean(input).data);
        const referenceMeans = Array.from(reference.forwardMean(input).data);
        assert.deepEqual(fastMeans, referenceMeans);
        const gradMeans = Float32Array.from({ length: batch * d }, () => rng.normal());
        fast.backwardMean(gradMeans);
        reference.backwardMean(gradMeans);
        assert.deepEqual(sparseOf(fast), sparseOf(reference));
      }
    });
  }
}

test('kernel forwardMean still rejects an id outside the vocabulary, naming row and column', { skip }, () => {
  const layer = builtEmbedding(true, 10, 4, true);
  assert.throws(() => layer.forwardMean({ shape: [2, 3], data: Int32Array.from([1, 2, 3, 4, 10, 0]) }), /token id 10 at row 1, column 1/);
});

test('kernel lazy Adam equals the TypeScript update bit for bit, rows of any length, slow rows included', { skip }, () => {
  for (const [d, slowFrom] of [[12, undefined], [5, undefined], [12, 17], [5, 17]] as const) {
    const fast = builtEmbedding(true, 30, d, true, slowFrom);
    const reference = builtEmbedding(false, 30, d, true, slowFrom);
    const fastOptimizer = adam({ learningRate: 0.01 });
    const referenceOptimizer = adam({ learningRate: 0.01 });
    const rng = new Random(3);
    for (let step = 0; step < 6; step++) {
      const input = { shape: [4, 6], data: idBatch(4, 6, 30, rng) };
      const gradMeans = Float32Array.from({ length: 4 * d }, () => rng.normal());
      for (const [layer, optimizer] of [
        [fast, fastOptimizer],
        [reference, referenceOptimizer],
      ] as const) {
        layer.forwardMean(input);
        layer.backwardMean(gradMeans);
        optimizer.step(layer.parameters());
      }
    }
    const fastTable: Parameter = fast.parameters()[0];
    assert.deepEqual(Array.from(fastTable.value), Array.from(reference.parameters()[0].value));
    assert.notDeepEqual(Array.from(fastTable.value), Array.from(builtEmbedding(false, 30, d, true).parameters()[0].value), 'the table moved');
  }
});

function classifier(kernels: boolean): Sequential {
  return withKernels(kernels, () => {
    const model = new Sequential([], { seed: 4 });
    model.add(new Embedding(50, 6, { maskZero: true }));
    model.add(new GlobalAveragePooling1D());
    model.add(new Dense(1, { activation: 'sigmoid' }));
    model.compile({ optimizer: adam({ learningRate: 0.02 }), loss: 'binaryCrossentropy' });
    model.build([7]);
    return model;
  });
}

test('fit on the kernels gives the same history and weights as the TypeScript path', { skip }, async () => {
  const rng = new Random(8);
  const rows = 45;
  const x = { rows, cols: 7, data: idBatch(rows, 7, 50, rng) };
  const y = Float32Array.from({ length: rows }, (_, i) => (x.data[i * 7] % 2 === 0 ? 1 : 0));
  const results: { history: History; weights: number[][] }[] = [];
  for (const kernels of [true, false]) {
    const model = classifier(kernels);
    const history = await model.fit(x, y, { epochs: 3, batchSize: 8, seed: 2, validationSplit: 0.2 });
    results.push({ history, weights: model.getWeights().map((w) => Array.from(w)) });
  }
  assert.deepEqual(results[0].history, results[1].history);
  assert.deepEqual(results[0].weights, results[1].weights);
  assert.ok(results[0].history.history.loss[2] < results[0].history.history.loss[0], 'it learned');
});
