import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Random } from '../../src/util/random.js';

test('fillUniform gives the same numbers as uniform() called per element, and leaves the generator in step', () => {
  const a = new Random(77);
  const b = new Random(77);
  const filled = new Float32Array(1001);
  a.fillUniform(filled, -0.05, 0.05);
  const oneByOne = Float32Array.from({ length: 1001 }, () => b.uniform(-0.05, 0.05));
  assert.deepEqual(filled, oneByOne);
  assert.equal(a.nextUint32(), b.nextUint32());
  assert.ok(filled.every((v) => v >= -0.05 && v < 0.05) && new Set(filled).size > 990);
});
