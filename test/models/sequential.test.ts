import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EmbedkitError } from '../../src/errors.js';
import { Dense } from '../../src/layers/dense.js';
import { Dropout } from '../../src/layers/dropout.js';
import { Embedding } from '../../src/layers/embedding.js';
import { GlobalAveragePooling1D } from '../../src/layers/global-average-pooling-1d.js';
import { GlobalMaxPooling1D } from '../../src/layers/global-max-pooling-1d.js';
import { binaryCrossentropy } from '../../src/models/losses.js';
import { adam, sgd } from '../../src/models/optimizers.js';
import { Sequential, type EpochLogs, type ModelInput } from '../../src/models/sequential.js';
import { Random } from '../../src/util/random.js';

function textModel(options: { vocabulary?: number; dim?: number; seed?: number; dropout?: number } = {}): Sequential {
  const model = new Sequential([], { seed: options.seed });
  model.add(new Embedding(options.vocabulary ?? 30, options.dim ?? 8, { maskZero: true }));
  model.add(new GlobalAveragePooling1D());
  if (options.dropout) model.add(new Dropout(options.dropout));
  model.add(new Dense(1, { activation: 'sigmoid' }));
  model.compile({ optimizer: adam({ learningRate: 0.05 }), loss: 'binaryCrossentropy', metrics: ['accuracy'] });
  return model;
}

test('summary matches Keras: Embedding(1000,16) + GAP + Dense(1) has 16000 + 0 + 17 params', () => {
  const model = new Sequential([new Embedding(1000, 16), new GlobalAveragePooling1D(), new Dense(1, { activation: 'sigmoid' })]);
  const summary = model.summary();
  const lines = summary.split('\n');
  const row = (name: string): string => lines.find((l) => l.startsWith(name)) ?? '';
  assert.match(row('embedding (Embedding)'), /\(None, None, 16\)\s+16,000$/);
  assert.match(row('global_average_pooling1d (GlobalAveragePooling1D)'), /\(None, 16\)\s+0$/);
  assert.match(row('dense (Dense)'), /\(None, 1\)\s+17$/);
  assert.ok(lines.includes('Total params: 16,017'));
  assert.ok(lines.includes('Trainable params: 16,017'));
  assert.ok(lines.includes('Non-trainable params: 0'));
  assert.deepEqual(model.countParams(), { total: 16017, trainable: 16017, nonTrainable: 0 });
  assert.equal(model.getWeights().length, 3);
});

test('frozen embeddings count as non-trainable; repeated layer names get Keras suffixes', () => {
  const model = new Sequential([new Embedding(10, 4, { trainable: false, inputLength: 5 }), new GlobalMaxPooling1D(), new Dense(3, { activation: 'relu' }), new Dense(2)]);
  assert.deepEqual(model.countParams(), { total: 40 + 15 + 8, trainable: 23, nonTrainable: 40 });
  assert.deepEqual(model.layers.map((l) => l.name), ['embedding', 'global_max_pooling1d', 'dense', 'dense_1']);
  assert.match(model.summary(), /\(None, 5, 4\)/);
  assert.throws(() => new Sequential([new Dense(1, { name: 'out' }), new Dense(1, { name: 'out' })]), EmbedkitError);
});

test('a bag-of-embeddings model learns "contains token 7" to more than 95 % accuracy', async () => {
  const train = tokenSevenTask(1200, 10, 30, 1);
  const test = tokenSevenTask(400, 10, 30, 2);
  const model = textModel({ seed: 3 });
  const history = await model.fit(train.x, train.y, { epochs: 12, batchSize: 32, seed: 3 });
  assert.deepEqual(history.epoch, [...Array(12).keys()]);
  assert.ok(history.history.loss[11] < history.history.loss[0], 'training loss falls');
  const { loss, accuracy } = model.evaluate(test.x, test.y, { batchSize: 64 });
  assert.ok(accuracy > 0.95, `held-out accuracy ${accuracy}`);
  // evaluate's loss is the mean binary cross-entropy of predict's outputs.
  const predictions = model.predict(test.x, { batchSize: 50 });
  assert.equal(predictions.length, 400);
  assert.ok(Math.abs(binaryCrossentropy(test.y, predictions, 400) - loss) < 1e-4);
});

test('same seed gives the same weights bit for bit; another seed does not', async () => {
  const data = tokenSevenTask(200, 8, 30, 4);
  const train = async (seed: number): Promise<Float32Array[]> => {
    const model = textModel({ dropout: 0.3 });
    await model.fit(data.x, data.y, { epochs: 2, batchSize: 16, seed });
    return model.getWeights();
  };
  const [a, b, c] = [await train(9), await train(9), await train(10)];
  a.forEach((w, i) => assert.deepEqual(w, b[i]));
  assert.notDeepEqual(a[0], c[0]);
});

test('fit reports validation metrics and calls callbacks in order', async () => {
  const data = tokenSevenTask(300, 8, 30, 5);
  const events: string[] = [];
  const model = textModel();
  const history = await model.fit(data.x, data.y, {
    epochs: 2,
    batchSize: 100,
    validationSplit: 0.2,
    callbacks: {
      onBatchEnd: (batch, logs) => events.push(`batch ${batch} ${logs.size}`),
      onEpochEnd: async (epoch, logs) => {
        events.push(`epoch ${epoch} ${logs.val_loss !== undefined}`);
      },
    },
  });
  // 240 training examples in batches of 100: 100, 100, 40.
  assert.deepEqual(events, ['batch 0 100', 'batch 1 100', 'batch 2 40', 'epoch 0 true', 'batch 0 100', 'batch 1 100', 'batch 2 40', 'epoch 1 true']);
  assert.equal(history.history.val_loss?.length, 2);
  assert.equal(history.history.val_accuracy?.length, 2);
  const last = model.evaluate({ rows: 60, cols: 8, data: data.x.data.subarray(240 * 8) }, data.y.subarray(240), { batchSize: 7 });
  assert.ok(Math.abs(last.loss - (history.history.val_loss as number[])[1]) < 1e-6, 'validation = the last 20 %, unshuffled');
});

test('early stopping stops on a worsening val_loss and restores the best weights', async () => {
  const train = tokenSevenTask(300, 8, 30, 6);
  // Validation labels are the opposite of the rule, so learning the rule makes val_loss worse.
  const flipped = tokenSevenTask(100, 8, 30, 7);
  const yFlipped = flipped.y.map((v) => 1 - v);
  const model = textModel();
  const snapshots: Float32Array[][] = [];
  const logs: EpochLogs[] = [];
  const history = await model.fit(train.x, train.y, {
    epochs: 20,
    batchSize: 32,
    validationData: [flipped.x, yFlipped],
    earlyStopping: { monitor: 'val_loss', patience: 1, restoreBestWeights: true },
    callbacks: {
      onEpochEnd: (_epoch, epochLogs) => {
        snapshots.push(model.getWeights());
        logs.push(epochLogs);
      },
    },
  });
  assert.ok(history.epoch.length < 20, `stopped after ${history.epoch.length} epochs`);
  const losses = history.history.val_loss as number[];
  const best = losses.indexOf(Math.min(...losses));
  assert.equal(history.epoch.length, best + 2, 'patience 1: one epoch without improvement, then stop');
  model.getWeights().forEach((w, i) => assert.deepEqual(w, snapshots[best][i]));
  await assert.rejects(model.fit(train.x, train.y, { earlyStopping: { monitor: 'val_loss' } }), EmbedkitError);
});

test('sparse and one-hot categorical models learn a 3-class task', async () => {
  // The class is which of tokens 1, 2, 3 appears in the sequence.
  const rng = new Random(8);
  const rows = 600;
  const data = new Int32Array(rows * 6);
  const sparseY = new Float32Array(rows);
  const oneHotY = new Float32Array(rows * 3);
  for (let r = 0; r < rows; r++) {
    const label = rng.int(3);
    for (let t = 0; t < 6; t++) data[r * 6 + t] = 4 + rng.int(16);
    data[r * 6 + rng.int(6)] = 1 + label;
    sparseY[r] = label;
    oneHotY[r * 3 + label] = 1;
  }
  const x = { rows, cols: 6, data };
  for (const [loss, y] of [['sparseCategoricalCrossentropy', sparseY], ['categoricalCrossentropy', oneHotY]] as const) {
    const model = new Sequential([new Embedding(20, 8), new GlobalAveragePooling1D(), new Dense(3, { activation: 'softmax' })]);
    model.compile({ optimizer: adam({ learningRate: 0.05 }), loss, metrics: ['accuracy'] });
    await model.fit(x, y, { epochs: 10, batchSize: 32, seed: 1 });
    const { accuracy } = model.evaluate(x, y);
    assert.ok(accuracy > 0.95, `${loss}: accuracy ${accuracy}`);
    const p = model.predict(x);
    assert.equal(p.length, rows * 3);
    assert.ok(Math.abs(p[0] + p[1] + p[2] - 1) < 1e-5);
  }
});

test('a float-input model (Dense first) learns a linear rule', async () => {
  const rng = new Random(2);
  const rows = 400;
  const data = new Float32Array(rows * 2).map(() => rng.uniform(-1, 1));
  const y = new Float32Array(rows).map((_, r) => (data[2 * r] > data[2 * r + 1] ? 1 : 0));
  const model = new Sequential([new Dense(8, { activation: 'tanh', inputShape: [2] }), new Dense(1, { activation: 'sigmoid' })]);
  model.compile({ optimizer: sgd({ learningRate: 0.5, momentum: 0.9 }), loss: 'binaryCrossentropy' });
  await model.fit({ rows, cols: 2, data }, y, { epochs: 20, batchSize: 16 });
  assert.ok(model.evaluate({ rows, cols: 2, data }, y).accuracy > 0.95);
});

test('dropout is active in fit and off in predict', async () => {
  const data = tokenSevenTask(64, 8, 30, 9);
  const model = textModel({ dropout: 0.5 });
  await model.fit(data.x, data.y, { epochs: 1 });
  assert.deepEqual(model.predict(data.x), model.predict(data.x));
});

test('bad calls throw EmbedkitError naming the problem', async () => {
  const data = tokenSevenTask(10, 4, 30, 1);
  const uncompiled = new Sequential([new Embedding(30, 2), new GlobalAveragePooling1D(), new Dense(1)]);
  await assert.rejects(uncompiled.fit(data.x, data.y), (e: unknown) => e instanceof EmbedkitError && e.code === 'not_compiled');
  const model = textModel();
  await assert.rejects(model.fit(data.x, new Float32Array(3)), (e: unknown) => e instanceof EmbedkitError && e.place.field === 'y');
  const bad = Int32Array.from(data.x.data);
  bad[5] = 99;
  await assert.rejects(model.fit({ ...data.x, data: bad }, data.y), /row 1, column 1/);
  assert.throws(() => model.compile({ optimizer: 'adam', loss: 'mse' as 'binaryCrossentropy' }), EmbedkitError);
  assert.throws(() => model.predict({ rows: 2, cols: 4, data: new Int32Array(7) }), EmbedkitError);
});

test('toConfig/fromConfig rebuild the same architecture', () => {
  const model = textModel({ dropout: 0.2 });
  model.build([8]);
  const config = model.toConfig();
  const copy = Sequential.fromConfig(JSON.parse(JSON.stringify(config)));
  assert.deepEqual(copy.toConfig(), config);
  assert.equal(copy.optimizer?.learningRate, 0.05);
});

/**
 * Padded id sequences (ids 1..vocabulary−1, 0 = padding, lengths 2..maxLen); half of them contain
 * token 7 somewhere and are labelled 1. Used by the model tests: a bag-of-words model must learn it.
 */
function tokenSevenTask(rows: number, maxLen: number, vocabulary: number, seed: number): { x: ModelInput & { data: Int32Array }; y: Float32Array } {
  const rng = new Random(seed);
  const data = new Int32Array(rows * maxLen);
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const length = 2 + rng.int(maxLen - 1);
    for (let t = 0; t < length; t++) {
      let id = 1 + rng.int(vocabulary - 1);
      while (id === 7) id = 1 + rng.int(vocabulary - 1);
      data[r * maxLen + t] = id;
    }
    if (rng.float() < 0.5) {
      data[r * maxLen + rng.int(length)] = 7;
      y[r] = 1;
    }
  }
  return { x: { rows, cols: maxLen, data }, y };
}
