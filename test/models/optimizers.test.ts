import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EmbedkitError } from '../../src/errors.js';
import type { Parameter } from '../../src/layers/layer.js';
import { adagrad, adam, optimizerFromConfig, optimizerToConfig, sgd, type Optimizer } from '../../src/models/optimizers.js';

/** f(w) = ½ Σ (w − c)², whose gradient is w − c. */
const target = Float32Array.from([1, -2, 3]);
function quadraticParameter(initial: number[]): Parameter {
  return { name: 'w', shape: [initial.length], value: Float32Array.from(initial), trainable: true, grad: new Float32Array(initial.length) };
}
function computeGradient(p: Parameter): void {
  for (let i = 0; i < p.value.length; i++) p.grad[i] = p.value[i] - target[i];
}
const close = (actual: ArrayLike<number>, expected: number[], tolerance = 1e-6): void => {
  expected.forEach((e, i) => assert.ok(Math.abs(actual[i] - e) <= tolerance, `[${i}] ${actual[i]} vs ${e}`));
};

test('SGD: one step by hand, then momentum and Nesterov', () => {
  const p = quadraticParameter([0, 0, 0]);
  const plain = sgd({ learningRate: 0.1 });
  computeGradient(p);
  plain.step([p]);
  close(p.value, [0.1, -0.2, 0.3]);

  const q = quadraticParameter([0, 0, 0]);
  const momentum = sgd({ learningRate: 0.1, momentum: 0.9 });
  computeGradient(q); // g0 = −c
  momentum.step([q]); // v1 = 0.1c, w1 = 0.1c
  computeGradient(q); // g1 = −0.9c
  momentum.step([q]); // v2 = 0.09c + 0.09c = 0.18c, w2 = 0.28c
  close(q.value, [0.28, -0.56, 0.84]);

  const r = quadraticParameter([0, 0, 0]);
  const nesterov = sgd({ learningRate: 0.1, momentum: 0.9, nesterov: true });
  computeGradient(r); // g0 = −c, v1 = 0.1c, w1 = 0.9·0.1c + 0.1c = 0.19c
  nesterov.step([r]);
  close(r.value, [0.19, -0.38, 0.57]);
});

test('Adagrad: one step by hand (accumulator starts at 0.1)', () => {
  const p = quadraticParameter([0, 0, 0]);
  computeGradient(p);
  adagrad({ learningRate: 0.5 }).step([p]);
  close(
    p.value,
    [1, -2, 3].map((c) => 0.5 * c / Math.sqrt(0.1 + c * c + 1e-7)),
  );
});

test('Adam: the first step moves each weight by about the learning rate against the gradient', () => {
  const p = quadraticParameter([0, 0, 0]);
  const optimizer = adam({ learningRate: 0.01 });
  computeGradient(p);
  optimizer.step([p]);
  // m = 0.1g, v = 0.001g², α = 0.01·sqrt(0.001)/0.1: w = −α·m/(sqrt(v) + ε).
  const alpha = (0.01 * Math.sqrt(1 - 0.999)) / (1 - 0.9);
  close(p.value, [-1, 2, -3].map((g) => (-alpha * 0.1 * g) / (Math.sqrt(0.001 * g * g) + 1e-7)), 1e-7);
  assert.equal(optimizer.iterations, 1);
});

for (const [name, make] of [
  ['sgd', () => sgd({ learningRate: 0.1 })],
  ['sgd+momentum', () => sgd({ learningRate: 0.05, momentum: 0.9 })],
  ['adagrad', () => adagrad({ learningRate: 1 })],
  ['adam', () => adam({ learningRate: 0.05 })],
] as [string, () => Optimizer][]) {
  test(`${name} converges on a quadratic`, () => {
    const p = quadraticParameter([5, 5, 5]);
    const optimizer = make();
    for (let i = 0; i < 500; i++) {
      computeGradient(p);
      optimizer.step([p]);
    }
    close(p.value, [1, -2, 3], 0.02);
  });
}

/** A 4×2 table whose sparse gradient lists rows 3 and 1. */
function sparseParameter(): Parameter {
  return {
    name: 'e',
    shape: [4, 2],
    value: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]),
    trainable: true,
    grad: new Float32Array(0),
    sparse: { rowLength: 2, count: 2, rows: Int32Array.from([3, 1]), grads: Float32Array.from([0.5, -1, 2, 0.25]) },
  };
}
function denseTwin(sparse: Parameter): Parameter {
  const grad = new Float32Array(8);
  grad.set([0.5, -1], 6);
  grad.set([2, 0.25], 2);
  return { name: 'e', shape: [4, 2], value: Float32Array.from(sparse.value), trainable: true, grad };
}

for (const [name, make] of [
  ['sgd', () => sgd({ learningRate: 0.1, momentum: 0.5 })],
  ['adagrad', () => adagrad({ learningRate: 0.1 })],
] as [string, () => Optimizer][]) {
  test(`${name}: a sparse step equals the dense step and leaves other rows alone`, () => {
    const s = sparseParameter();
    const d = denseTwin(s);
    make().step([s]);
    make().step([d]);
    assert.deepEqual(s.value, d.value);
    assert.deepEqual(Array.from(s.value.subarray(0, 2)), [1, 2], 'row 0 untouched');
    assert.deepEqual(Array.from(s.value.subarray(4, 6)), [5, 6], 'row 2 untouched');
    assert.ok(s.value[2] < 3 && s.value[7] > 8, 'rows 1 and 3 move against their gradients');
  });
}

test('lazy Adam equals dense Adam when every row is in every batch', () => {
  const lazy = adam({ learningRate: 0.1 });
  const dense = adam({ learningRate: 0.1, lazy: false });
  const a: Parameter = { ...sparseParameter(), value: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]) };
  const b: Parameter = { ...sparseParameter(), value: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]) };
  for (let step = 0; step < 5; step++) {
    for (const p of [a, b]) {
      p.sparse = {
        rowLength: 2,
        count: 4,
        rows: Int32Array.from([2, 0, 3, 1]),
        grads: Float32Array.from({ length: 8 }, (_, i) => Math.sin(i + step) + p.value[i] * 0.1),
      };
    }
    lazy.step([a]);
    dense.step([b]);
  }
  close(a.value, Array.from(b.value), 1e-6);
});

test('lazy Adam leaves absent rows still; dense Adam keeps moving them with their momentum', () => {
  const lazy = adam({ learningRate: 0.1 });
  const dense = adam({ learningRate: 0.1, lazy: false });
  const a = sparseParameter();
  const b = sparseParameter();
  lazy.step([a]);
  dense.step([b]);
  assert.deepEqual(a.value, b.value, 'the first step is the same');
  // Second batch: only row 3; row 1 has momentum from the first step.
  for (const p of [a, b]) p.sparse = { rowLength: 2, count: 1, rows: Int32Array.from([3]), grads: Float32Array.from([0.1, 0.1]) };
  const before = Float32Array.from(a.value);
  lazy.step([a]);
  dense.step([b]);
  assert.deepEqual(Array.from(a.value.subarray(2, 4)), Array.from(before.subarray(2, 4)), 'lazy: row 1 untouched');
  assert.ok(b.value[2] !== before[2] && b.value[3] !== before[3], 'dense: row 1 still moves');
  assert.deepEqual(Array.from(a.value.subarray(0, 2)), [1, 2], 'a row never seen never moves, lazy');
  assert.deepEqual(Array.from(b.value.subarray(0, 2)), [1, 2], 'a row never seen has no momentum, dense');
});

test('optimizer configs round-trip and reject bad values', () => {
  for (const optimizer of [sgd({ learningRate: 0.2, momentum: 0.3, nesterov: true }), adagrad({ epsilon: 1e-6 }), adam({ beta1: 0.8, lazy: false })]) {
    const config = optimizerToConfig(optimizer);
    assert.deepEqual(optimizerToConfig(optimizerFromConfig(config)), config);
  }
  assert.deepEqual(adam().getConfig(), { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, lazy: true });
  assert.deepEqual(sgd().getConfig(), { learningRate: 0.01, momentum: 0, nesterov: false });
  assert.deepEqual(adagrad().getConfig(), { learningRate: 0.001, initialAccumulatorValue: 0.1, epsilon: 1e-7 });
  assert.throws(() => sgd({ learningRate: -1 }), EmbedkitError);
  assert.throws(() => adam({ beta1: 1.5 }), EmbedkitError);
  assert.throws(() => optimizerFromConfig({ className: 'RMSprop' as 'Adam', config: {} }), EmbedkitError);
});

test('frozen parameters are not updated', () => {
  const p = quadraticParameter([0, 0, 0]);
  p.trainable = false;
  computeGradient(p);
  adam().step([p]);
  assert.deepEqual(Array.from(p.value), [0, 0, 0]);
});

/** Two rows of two columns, gradient 1 everywhere, rows from `fromRow` on slowed by `factor`. */
function slowRowsParameter(fromRow: number, factor: number): Parameter {
  return {
    name: 'table',
    shape: [2, 2],
    value: new Float32Array(4),
    trainable: true,
    grad: new Float32Array(0),
    sparse: { rowLength: 2, count: 2, rows: Int32Array.from([1, 0]), grads: Float32Array.from([1, 1, 1, 1]) },
    slowRows: { fromRow, factor },
  };
}

test('slow rows step at their fraction of the rate, with every optimizer and with dense Adam', () => {
  const optimizers: [string, () => Optimizer][] = [
    ['sgd', () => sgd({ learningRate: 0.1 })],
    ['adagrad', () => adagrad({ learningRate: 0.1, initialAccumulatorValue: 0 })],
    ['lazy adam', () => adam({ learningRate: 0.1 })],
    ['dense adam', () => adam({ learningRate: 0.1, lazy: false })],
  ];
  for (const [name, make] of optimizers) {
    const p = slowRowsParameter(1, 0.25);
    make().step([p]);
    const fast = p.value[0];
    const slow = p.value[2];
    assert.ok(fast < 0, `${name}: row 0 moved against the gradient`);
    assert.ok(Math.abs(slow - 0.25 * fast) <= 1e-6 * Math.abs(fast), `${name}: row 1 moved ${slow}, expected a quarter of ${fast}`);
  }
});
