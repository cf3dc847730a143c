import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainPrediction } from '../../src/server/explain.js';
import { tinyClassifier } from './tiny-classifier.js';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

test('binary: bias + the tokens\' contributions is the logit the model turned into its probability', async () => {
  const classifier = await tinyClassifier();
  for (const text of ['great fun film', 'awful boring story', 'great but awful', '很 好 看', 'unknownword']) {
    const explanation = explainPrediction(classifier, text);
    assert.equal(explanation.method, 'linear');
    assert.equal(explanation.logits.length, 1);
    const p1 = explanation.probabilities[1];
    assert.ok(Math.abs(sigmoid(explanation.logits[0]) - p1) < 1e-5, `${text}: sigmoid(${explanation.logits[0]}) vs ${p1}`);
    // Contributions are towards the predicted label: their sum is the logit minus the bias, signed.
    const sign = explanation.label === classifier.labels[1] ? 1 : -1;
    const sum = explanation.tokens.reduce((s, t) => s + t.contribution, 0);
    const withoutTokens = explainPrediction(classifier, 'unknownword').logits[0];
    assert.ok(Math.abs(sign * sum - (explanation.logits[0] - withoutTokens)) < 1e-5);
  }
  const mixed = explainPrediction(classifier, 'great awful');
  const great = mixed.tokens.find((t) => t.token === 'great')!;
  const awful = mixed.tokens.find((t) => t.token === 'awful')!;
  // Whatever it predicts, the two words push opposite ways.
  assert.ok(great.contribution * awful.contribution < 0);
  assert.equal(explainPrediction(classifier, 'great film').label, 'pos');
  assert.ok(explainPrediction(classifier, 'great film').tokens[0].contribution > 0);
  assert.equal(explainPrediction(classifier, 'zzz great').tokens[0].used, false);
});

test('softmax: logits reproduce the probabilities and contributions sum to the predicted logit minus the mean', async () => {
  const classifier = await tinyClassifier({ threeLabels: true });
  const explanation = explainPrediction(classifier, 'the weather is great');
  assert.equal(explanation.logits.length, 3);
  const max = Math.max(...explanation.logits);
  const exps = explanation.logits.map((l) => Math.exp(l - max));
  const total = exps.reduce((s, e) => s + e, 0);
  exps.forEach((e, i) => assert.ok(Math.abs(e / total - explanation.probabilities[i]) < 1e-5));
  const c = classifier.labels.indexOf(explanation.label);
  const empty = explainPrediction(classifier, 'zzz').logits;
  const relative = (l: number[]) => l[c] - l.reduce((s, x) => s + x, 0) / l.length;
  const sum = explanation.tokens.reduce((s, t) => s + t.contribution, 0);
  assert.ok(Math.abs(sum - (relative(explanation.logits) - relative(empty))) < 1e-5);
});

test('a model with a hidden layer gets a prediction without made-up contributions', async () => {
  const classifier = await tinyClassifier({ hidden: 4 });
  const explanation = explainPrediction(classifier, 'great film');
  assert.equal(explanation.method, null);
  assert.ok(explanation.tokens.every((t) => t.contribution === 0));
  assert.ok(explanation.probability >= 0.5);
});
