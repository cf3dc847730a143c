import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classificationReport } from '../../src/eval/classification.js';

test('classification report matches hand-computed figures', () => {
  // true:      a a a b b c
  // predicted: a a b b c c
  const report = classificationReport([0, 0, 0, 1, 1, 2], [0, 0, 1, 1, 2, 2], ['a', 'b', 'c']);
  assert.equal(report.accuracy, 4 / 6);
  assert.deepEqual(report.confusion.counts, [
    [2, 1, 0],
    [0, 1, 1],
    [0, 0, 1],
  ]);
  const [a, b, c] = report.classes;
  assert.equal(a.precision, 1);
  assert.equal(a.recall, 2 / 3);
  assert.ok(Math.abs(a.f1 - 0.8) < 1e-12);
  assert.equal(b.precision, 0.5);
  assert.equal(b.recall, 0.5);
  assert.equal(c.precision, 0.5);
  assert.equal(c.recall, 1);
  assert.ok(Math.abs(report.macroF1 - (0.8 + 0.5 + 2 / 3) / 3) < 1e-12);
});

test('a class never predicted gets precision 0, not NaN', () => {
  const report = classificationReport([0, 1], [0, 0], ['x', 'y']);
  assert.equal(report.classes[1].precision, 0);
  assert.equal(report.classes[1].f1, 0);
  assert.ok(Number.isFinite(report.macroF1));
});
