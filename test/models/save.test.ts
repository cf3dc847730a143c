import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { EmbedkitError } from '../../src/errors.js';
import { Dense } from '../../src/layers/dense.js';
import { Dropout } from '../../src/layers/dropout.js';
import { Embedding } from '../../src/layers/embedding.js';
import { GlobalAveragePooling1D } from '../../src/layers/global-average-pooling-1d.js';
import { adam } from '../../src/models/optimizers.js';
import { loadModel, saveModel } from '../../src/models/save.js';
import { Sequential, type ModelInput } from '../../src/models/sequential.js';
import { Random } from '../../src/util/random.js';

let root = '';
before(async () => {
  root = await fs.mkdtemp(join(tmpdir(), 'embedkit-save-'));
});
after(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function trainedModel(): Promise<{ model: Sequential; x: ReturnType<typeof labelledSequences>['x'] }> {
  const data = labelledSequences(200, 8, 30, 1);
  const model = new Sequential([
    new Embedding(30, 6, { maskZero: true, inputLength: 8 }),
    new GlobalAveragePooling1D(),
    new Dropout(0.2),
    new Dense(4, { activation: 'relu' }),
    new Dense(1, { activation: 'sigmoid' }),
  ]);
  model.compile({ optimizer: adam({ learningRate: 0.02 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  await model.fit(data.x, data.y, { epochs: 2, batchSize: 32 });
  return { model, x: data.x };
}

test('save then load gives identical weights, predictions, config and extra', async () => {
  const { model, x } = await trainedModel();
  const dir = join(root, 'round-trip');
  const extra = { labels: ['neg', 'pos'], vocabulary: { words: ['<pad>', 'a'] } };
  await saveModel(model, dir, extra);
  assert.deepEqual((await fs.readdir(dir)).sort(), ['model.json', 'weights.bin']);
  const loaded = await loadModel(dir);
  assert.deepEqual(loaded.extra, extra);
  loaded.model.getWeights().forEach((w, i) => assert.deepEqual(w, model.getWeights()[i]));
  assert.deepEqual(loaded.model.predict(x), model.predict(x));
  assert.deepEqual(loaded.model.toConfig(), model.toConfig());
  assert.equal(loaded.model.summary(), model.summary());
  // Saving again over the same directory replaces it.
  await saveModel(loaded.model, dir, { labels: ['x'] });
  assert.deepEqual((await loadModel(dir)).extra, { labels: ['x'] });
});

test('weights.bin is float32 little-endian in manifest order', async () => {
  const model = new Sequential([new Dense(2, { inputShape: [1] })]);
  model.build([1]);
  model.setWeights([Float32Array.from([1.5, -2]), Float32Array.from([0.25, 3])]);
  const dir = join(root, 'layout');
  await saveModel(model, dir);
  const bytes = await fs.readFile(join(dir, 'weights.bin'));
  assert.deepEqual([0, 4, 8, 12].map((o) => bytes.readFloatLE(o)), [1.5, -2, 0.25, 3]);
  const json = JSON.parse(await fs.readFile(join(dir, 'model.json'), 'utf8'));
  assert.deepEqual(json.weightsManifest.weights, [
    { name: 'dense/kernel', shape: [1, 2], dtype: 'float32' },
    { name: 'dense/bias', shape: [2], dtype: 'float32' },
  ]);
});

test('loading a bad directory names the file and field', async () => {
  const { model } = await trainedModel();
  const dir = join(root, 'broken');
  await saveModel(model, dir);
  const modelPath = join(dir, 'model.json');
  const original = await fs.readFile(modelPath, 'utf8');

  await assert.rejects(loadModel(join(root, 'missing')), (e: unknown) => e instanceof EmbedkitError && e.place.file === join(root, 'missing', 'model.json'));

  await fs.writeFile(modelPath, '{"format": ');
  await assert.rejects(loadModel(dir), (e: unknown) => e instanceof EmbedkitError && e.place.file === modelPath && /invalid JSON/.test(e.message));

  const json = JSON.parse(original);
  json.model.layers[0].config.outputDim = 7;
  await fs.writeFile(modelPath, JSON.stringify(json));
  await assert.rejects(loadModel(dir), (e: unknown) => e instanceof EmbedkitError && e.place.field === 'weightsManifest.weights[0].shape');

  const unknownLayer = JSON.parse(original);
  unknownLayer.model.layers[1].className = 'LSTM';
  await fs.writeFile(modelPath, JSON.stringify(unknownLayer));
  await assert.rejects(
    loadModel(dir),
    (e: unknown) => e instanceof EmbedkitError && e.place.file === modelPath && e.place.field === 'model.layers[1].className',
  );

  await fs.writeFile(modelPath, original);
  const weightsPath = join(dir, 'weights.bin');
  const weights = await fs.readFile(weightsPath);
  await fs.writeFile(weightsPath, weights.subarray(0, weights.length - 4));
  await assert.rejects(loadModel(dir), (e: unknown) => e instanceof EmbedkitError && e.place.file === weightsPath);
});

test('an unbuilt model cannot be saved', async () => {
  const model = new Sequential([new Dense(1)]);
  await assert.rejects(saveModel(model, join(root, 'unbuilt')), EmbedkitError);
  await assert.rejects(fs.stat(join(root, 'unbuilt')));
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
