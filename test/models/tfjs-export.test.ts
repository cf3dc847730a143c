import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { Dense } from '../../src/layers/dense.js';
import { Dropout } from '../../src/layers/dropout.js';
import { Embedding } from '../../src/layers/embedding.js';
import { GlobalAveragePooling1D } from '../../src/layers/global-average-pooling-1d.js';
import { GlobalMaxPooling1D } from '../../src/layers/global-max-pooling-1d.js';
import { adam } from '../../src/models/optimizers.js';
import { exportTfjs } from '../../src/models/save.js';
import { Sequential, type ModelInput } from '../../src/models/sequential.js';
import { Random } from '../../src/util/random.js';

// Silences tfjs' "use tfjs-node" banner; changes nothing numerical.
tf.enableProdMode();

let root = '';
before(async () => {
  root = await fs.mkdtemp(join(tmpdir(), 'embedkit-tfjs-'));
  await tf.setBackend('cpu');
});
after(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

/** Reads an exported directory the way tf.io.fileSystem would (tfjs-node is not installed). */
async function loadExported(dir: string): Promise<tf.LayersModel> {
  const json = JSON.parse(await fs.readFile(join(dir, 'model.json'), 'utf8'));
  const bytes = await fs.readFile(join(dir, json.weightsManifest[0].paths[0]));
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  return tf.loadLayersModel({
    load: async () => ({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData }),
  });
}

function tfjsPredict(model: tf.LayersModel, x: ModelInput): Float32Array {
  const input = tf.tensor2d(x.data, [x.rows, x.cols], x.data instanceof Int32Array ? 'int32' : 'float32');
  const output = model.predict(input) as tf.Tensor;
  const values = output.dataSync() as Float32Array;
  tf.dispose([input, output]);
  return Float32Array.from(values);
}

function assertClose(actual: Float32Array, expected: Float32Array, tolerance: number, label: string): void {
  assert.equal(actual.length, expected.length, label);
  for (let i = 0; i < actual.length; i++) assert.ok(Math.abs(actual[i] - expected[i]) <= tolerance, `${label}[${i}]: ${actual[i]} vs ${expected[i]}`);
}

/** Rows of x without padding: every id non-zero. */
function unpadded(rows: number, cols: number, vocabulary: number): ModelInput {
  const data = new Int32Array(rows * cols).map((_, i) => 1 + ((i * 7919 + 13) % (vocabulary - 1)));
  return { rows, cols, data };
}

test('an exported text model predicts the same in TensorFlow.js (rows without padding)', async () => {
  const data = labelledSequences(300, 8, 30, 1);
  const model = new Sequential([
    new Embedding(30, 6, { maskZero: true, inputLength: 8 }),
    new GlobalAveragePooling1D(),
    new Dropout(0.1),
    new Dense(5, { activation: 'tanh' }),
    new Dense(1, { activation: 'sigmoid' }),
  ]);
  model.compile({ optimizer: adam({ learningRate: 0.02 }), loss: 'binaryCrossentropy' });
  await model.fit(data.x, data.y, { epochs: 3, batchSize: 32 });
  const dir = join(root, 'binary');
  await exportTfjs(model, dir);
  const tfModel = await loadExported(dir);
  assert.deepEqual(tfModel.layers.map((l) => l.name), ['embedding', 'global_average_pooling1d', 'dropout', 'dense', 'dense_1']);
  assert.deepEqual(tfModel.weights.map((w) => w.originalName), ['embedding/embeddings', 'dense/kernel', 'dense/bias', 'dense_1/kernel', 'dense_1/bias']);
  const x = unpadded(40, 8, 30);
  assertClose(tfjsPredict(tfModel, x), model.predict(x), 1e-5, 'unpadded');
});

test("tfjs' GlobalAveragePooling1D ignores the mask: padded rows match our model without masking", async () => {
  const data = labelledSequences(200, 8, 30, 2);
  const model = new Sequential([new Embedding(30, 4, { maskZero: true }), new GlobalAveragePooling1D(), new Dense(1, { activation: 'sigmoid' })]);
  model.compile({ optimizer: 'adam', loss: 'binaryCrossentropy' });
  await model.fit(data.x, data.y, { epochs: 1 });
  const dir = join(root, 'masking');
  await exportTfjs(model, dir);
  const tfModel = await loadExported(dir);
  const padded = { rows: 50, cols: 8, data: data.x.data.subarray(0, 400) };
  const fromTfjs = tfjsPredict(tfModel, padded);

  // The same weights without maskZero average over padding too, as tfjs 4.22 does.
  const unmasked = new Sequential([new Embedding(30, 4), new GlobalAveragePooling1D(), new Dense(1, { activation: 'sigmoid' })]);
  unmasked.build([8]);
  unmasked.setWeights(model.getWeights());
  assertClose(fromTfjs, unmasked.predict(padded), 1e-5, 'padded rows vs unmasked mean');
  const ours = model.predict(padded);
  assert.ok(ours.some((p, i) => Math.abs(p - fromTfjs[i]) > 1e-4), 'our masked mean differs on padded rows');
});

test('softmax, GlobalMaxPooling1D and a float-input model export too', async () => {
  const text = new Sequential([new Embedding(12, 3, { inputLength: 5 }), new GlobalMaxPooling1D(), new Dense(4, { activation: 'softmax' })]);
  text.build([5]);
  const dir = join(root, 'softmax');
  await exportTfjs(text, dir);
  const x = unpadded(10, 5, 12);
  assertClose(tfjsPredict(await loadExported(dir), x), text.predict(x), 1e-5, 'softmax');

  const dense = new Sequential([new Dense(3, { activation: 'relu', inputShape: [4] }), new Dense(2, { activation: 'linear', useBias: false })]);
  dense.build([4]);
  const floatDir = join(root, 'float');
  await exportTfjs(dense, floatDir);
  const xf: ModelInput = { rows: 6, cols: 4, data: new Float32Array(24).map((_, i) => Math.sin(i)) };
  assertClose(tfjsPredict(await loadExported(floatDir), xf), dense.predict(xf), 1e-5, 'float input');
  const topology = JSON.parse(await fs.readFile(join(floatDir, 'model.json'), 'utf8')).modelTopology;
  assert.equal(topology.class_name, 'Sequential');
  assert.deepEqual(topology.config.layers[0].config.batch_input_shape, [null, 4]);
});

/** Padded id rows (0 = padding, at least one real token) labelled 1 when they contain token 7. */
function labelledSequences(rows: number, maxLen: number, vocabulary: number, seed: number): { x: ModelInput & { data: Int32Array }; y: Float32Array } {
  const rng = new Random(seed);
  const data = new Int32Array(rows * maxLen);
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const length = 1 + rng.int(maxLen);
    for (let t = 0; t < length; t++) data[r * maxLen + t] = 1 + rng.int(vocabulary - 1);
    y[r] = data.subarray(r * maxLen, (r + 1) * maxLen).includes(7) ? 1 : 0;
  }
  return { x: { rows, cols: maxLen, data }, y };
}
