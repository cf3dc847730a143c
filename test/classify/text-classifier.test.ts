import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainTextClassifier, TextClassifier } from '../../src/classify/text-classifier.js';
import { syntheticSentiment, syntheticTopics } from '../helpers/text-fixtures.js';

test('binary: learns the cue words to > 95 % on unseen texts, saves and loads with identical predictions', async () => {
  const train = syntheticSentiment(600, 1);
  const test = syntheticSentiment(200, 99);
  const { classifier, history } = await trainTextClassifier(train, { epochs: 10, seed: 3 });
  assert.ok(history.epoch.length >= 1);
  assert.equal(classifier.labels.join(','), 'neg,pos');
  const report = classifier.evaluate(test);
  assert.ok(report.accuracy > 0.95, `accuracy ${report.accuracy}`);

  const dir = join(mkdtempSync(join(tmpdir(), 'embedkit-clf-')), 'model');
  await classifier.save(dir);
  const loaded = await TextClassifier.load(dir);
  const a = classifier.predict(test.texts);
  const b = loaded.predict(test.texts);
  assert.deepEqual(b, a);
});

test('multi-class: softmax over three topics, > 95 %', async () => {
  const train = syntheticTopics(600, 2);
  const test = syntheticTopics(200, 77);
  const { classifier } = await trainTextClassifier(train, { epochs: 10, seed: 1 });
  assert.equal(classifier.labels.length, 3);
  const report = classifier.evaluate(test);
  assert.ok(report.accuracy > 0.95, `accuracy ${report.accuracy}`);
  const [p] = classifier.predict(['the coach and the team score a goal']);
  assert.equal(p.label, 'sport');
  assert.ok(Math.abs(p.probabilities.reduce((s, v) => s + v, 0) - 1) < 1e-5);
});

test('same seed gives the same model bit for bit', async () => {
  const data = syntheticSentiment(200, 5);
  const one = await trainTextClassifier(data, { epochs: 2, seed: 11 });
  const two = await trainTextClassifier(data, { epochs: 2, seed: 11 });
  const w1 = one.classifier.model.getWeights();
  const w2 = two.classifier.model.getWeights();
  assert.equal(w1.length, w2.length);
  w1.forEach((w, i) => assert.deepEqual(w, w2[i]));
});

test('one class only and unknown labels fail clearly', async () => {
  await assert.rejects(trainTextClassifier({ texts: ['a', 'b'], labels: ['x', 'x'] }), /all 2 examples have the label "x"/);
  const { classifier } = await trainTextClassifier(syntheticSentiment(100), { epochs: 1 });
  assert.throws(() => classifier.evaluate({ texts: ['great'], labels: ['neutral'] }), /label "neutral" was not seen/);
});
