import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EmbedkitError } from '../../src/errors.js';
import { Embedding } from '../../src/layers/embedding.js';
import { GlobalAveragePooling1D } from '../../src/layers/global-average-pooling-1d.js';
import { Random } from '../../src/util/random.js';
import { checkLayerGradients, denseGradient, randomFloats } from '../helpers/gradcheck.js';

const ids = (rows: number[][]): { shape: number[]; data: Int32Array } => ({
  shape: [rows.length, rows[0].length],
  data: Int32Array.from(rows.flat()),
});

test('Embedding gathers rows into a [batch, steps, d] batch and reports its Keras shapes', () => {
  const weights = Float32Array.from({ length: 12 }, (_, i) => i);
  const layer = new Embedding(4, 3, { weights });
  layer.build([null], new Random(1));
  const out = layer.forward(ids([[2, 0], [3, 3]]), false);
  assert.deepEqual(out.shape, [2, 2, 3]);
  assert.deepEqual(Array.from(out.data), [6, 7, 8, 0, 1, 2, 9, 10, 11, 9, 10, 11]);
  assert.equal(out.mask, undefined);
  assert.deepEqual(layer.computeOutputShape([5]), [5, 3]);
  assert.equal(layer.name, 'embedding');
  assert.equal(layer.parameters()[0].name, 'embedding/embeddings');
});

test('Embedding defaults to Keras uniform ±0.05 initialisation', () => {
  const layer = new Embedding(200, 8);
  layer.build([null], new Random(3));
  const values = layer.parameters()[0].value;
  assert.ok(values.every((v) => v >= -0.05 && v < 0.05));
  assert.ok(Math.max(...values) > 0.04 && Math.min(...values) < -0.04, 'values spread over the range');
  const zeros = new Embedding(5, 2, { embeddingsInitializer: 'zeros' });
  zeros.build([null], new Random(3));
  assert.ok(zeros.parameters()[0].value.every((v) => v === 0));
});

test('Embedding with maskZero marks real tokens in the mask', () => {
  const layer = new Embedding(5, 2, { maskZero: true });
  layer.build([null], new Random(1));
  const out = layer.forward(ids([[1, 4, 0], [0, 0, 0]]), false);
  assert.deepEqual(Array.from(out.mask ?? []), [1, 1, 0, 0, 0, 0]);
});

test('Embedding rejects out-of-range ids naming the position', () => {
  const layer = new Embedding(5, 2);
  layer.build([null], new Random(1));
  assert.throws(
    () => layer.forward(ids([[1, 2], [3, 5]]), false),
    (e: unknown) => e instanceof EmbedkitError && e.code === 'bad_input' && /row 1, column 1/.test(e.message) && e.place.field === 'x',
  );
  assert.throws(() => layer.forward(ids([[-1, 2]]), false), EmbedkitError);
  assert.throws(() => new Embedding(5, 2, { weights: new Float32Array(3) }), EmbedkitError);
  assert.throws(() => new Embedding(0, 2), EmbedkitError);
});

for (const maskZero of [false, true]) {
  test(`Embedding gradient matches finite differences (maskZero ${maskZero}), sparse with each row once`, () => {
    const layer = new Embedding(6, 3, { maskZero });
    layer.build([null], new Random(5));
    const input = ids([[1, 3, 1, 0], [5, 0, 0, 0]]);
    checkLayerGradients({ layer, input });
    const sparse = layer.parameters()[0].sparse;
    assert.ok(sparse);
    assert.equal(sparse.count, 4, 'rows 1, 3, 0 and 5, each once');
    assert.equal(layer.parameters()[0].grad.length, 0, 'no dense V×d gradient is allocated');
  });
}

test('a frozen Embedding produces no gradient', () => {
  const layer = new Embedding(6, 3, { trainable: false });
  layer.build([null], new Random(5));
  layer.forward(ids([[1, 2]]), true);
  assert.equal(layer.backward(new Float32Array(6)), null);
  assert.equal(layer.parameters()[0].sparse, undefined);
  assert.equal(layer.parameters()[0].trainable, false);
});

test('fused forwardMean/backwardMean equal Embedding followed by GlobalAveragePooling1D', () => {
  for (const maskZero of [false, true]) {
    const layer = new Embedding(9, 4, { maskZero });
    const pooling = new GlobalAveragePooling1D();
    layer.build([null], new Random(2));
    const input = ids([[1, 8, 8, 0, 0], [0, 0, 0, 0, 0], [2, 3, 4, 5, 6]]);
    const gradPooled = randomFloats(3 * 4, new Random(4));

    const separate = Float32Array.from(pooling.forward(layer.forward(input, true), true).data as Float32Array);
    layer.backward(pooling.backward(gradPooled));
    const separateGrad = denseGradient(layer.parameters()[0]);

    const fused = Float32Array.from(layer.forwardMean(input).data as Float32Array);
    layer.backwardMean(gradPooled);
    const fusedGrad = denseGradient(layer.parameters()[0]);

    assert.deepEqual(fused, separate, `forward, maskZero ${maskZero}`);
    assert.deepEqual(fusedGrad, separateGrad, `gradient, maskZero ${maskZero}`);
  }
});

test('Embedding getConfig carries the Keras options', () => {
  const layer = new Embedding(10, 4, { maskZero: true, inputLength: 7, name: 'words' });
  assert.deepEqual(layer.getConfig(), {
    name: 'words',
    trainable: true,
    inputDim: 10,
    outputDim: 4,
    embeddingsInitializer: 'uniform',
    maskZero: true,
    inputLength: 7,
  });
});
