import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nearestTargets } from '../../src/align/csls.js';
import { applyMapping, procrustes } from '../../src/align/procrustes.js';
import { refineMapping } from '../../src/align/refine.js';
import { normalizeSpace, type Space } from '../../src/align/space.js';
import { Random } from '../../src/util/random.js';
import { multiply, randomOrthogonal, randomRows } from './fixtures.js';

function accuracy(source: Space, target: Space, w: Float32Array): number {
  const mapped = { vectors: applyMapping(source.vectors, source.count, source.dim, w), count: source.count, dim: source.dim };
  const nearest = nearestTargets(mapped, target, { topn: 1 });
  let right = 0;
  for (let i = 0; i < source.count; i++) if (nearest.indices[i] === i) right++;
  return right / source.count;
}

test('refinement on mutual CSLS neighbours repairs a mapping learned from a noisy dictionary', () => {
  const random = new Random(31);
  const dim = 30;
  const count = 400;
  const x = randomRows(count, dim, random);
  const y = multiply(x, count, dim, randomOrthogonal(dim, random));
  for (let i = 0; i < y.length; i++) y[i] += 0.3 * random.normal();
  const source = normalizeSpace(x, count, dim);
  const target = normalizeSpace(y, count, dim);
  // 25 true pairs drowned among 75 wrong ones.
  const sourceRows: number[] = [];
  const targetRows: number[] = [];
  for (let i = 0; i < 25; i++) {
    sourceRows.push(i);
    targetRows.push(i);
  }
  for (let i = 0; i < 75; i++) {
    sourceRows.push(random.int(count));
    targetRows.push(random.int(count));
  }
  const initial = procrustes(source, target, { source: Int32Array.from(sourceRows), target: Int32Array.from(targetRows) });
  const before = accuracy(source, target, initial);
  const refined = refineMapping(source, target, initial, { iterations: 5, maxRank: count });
  const after = accuracy(source, target, refined.mapping);
  assert.ok(before < 0.7, `the noisy start should be poor (${before})`);
  assert.ok(after > 0.95, `refinement should recover the rotation (${before} → ${after})`);
  assert.equal(refined.iterations.length, 5);
  assert.ok(refined.iterations[4].pairs > refined.iterations[0].pairs, `the mutual dictionary should grow: ${refined.iterations.map((i) => i.pairs)}`);
});
