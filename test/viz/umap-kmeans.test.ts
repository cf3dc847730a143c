import { test } from 'node:test';
import assert from 'node:assert/strict';
import { umapProject } from '../../src/viz/umap.js';
import { kMeans } from '../../src/viz/kmeans.js';
import { Random } from '../../src/util/random.js';

/** Two tight blobs in 10-D, far apart: rows 0–19 and 20–39. */
function twoBlobs(): Float32Array {
  const random = new Random(2);
  const data = new Float32Array(40 * 10);
  for (let r = 0; r < 40; r++) for (let c = 0; c < 10; c++) data[r * 10 + c] = (r < 20 ? 0 : 10) + 0.3 * random.normal();
  return data;
}

test('UMAP with a seed is deterministic, and another seed gives another layout', () => {
  const data = twoBlobs();
  const a = umapProject(data, 40, 10, { seed: 4, nEpochs: 60, nNeighbors: 8 });
  const b = umapProject(data, 40, 10, { seed: 4, nEpochs: 60, nNeighbors: 8 });
  const c = umapProject(data, 40, 10, { seed: 5, nEpochs: 60, nNeighbors: 8 });
  assert.equal(a.length, 80);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
  assert.ok(a.every(Number.isFinite));
});

test('UMAP keeps the two blobs apart: every point is nearest to one of its own blob', () => {
  const layout = umapProject(twoBlobs(), 40, 10, { seed: 1, nEpochs: 80, nNeighbors: 8, dims: 3 });
  assert.equal(layout.length, 120);
  for (let i = 0; i < 40; i++) {
    let best = -1;
    let bestDistance = Infinity;
    for (let j = 0; j < 40; j++) {
      if (j === i) continue;
      let d = 0;
      for (let k = 0; k < 3; k++) d += (layout[i * 3 + k] - layout[j * 3 + k]) ** 2;
      if (d < bestDistance) [best, bestDistance] = [j, d];
    }
    assert.equal(best < 20, i < 20, `point ${i}'s nearest neighbour ${best} is in the other blob`);
  }
});

test('UMAP of fewer than 4 points lays them on a line instead of failing', () => {
  assert.deepEqual(Array.from(umapProject(new Float32Array(6), 3, 2)), [0, 0, 1, 0, 2, 0]);
});

test('k-means finds the two blobs, the same way for the same seed', () => {
  const data = twoBlobs();
  const { assignments } = kMeans(data, 40, 10, 2, 9);
  for (let r = 1; r < 20; r++) assert.equal(assignments[r], assignments[0]);
  for (let r = 21; r < 40; r++) assert.equal(assignments[r], assignments[20]);
  assert.notEqual(assignments[0], assignments[20]);
  assert.deepEqual(kMeans(data, 40, 10, 2, 9).assignments, assignments);
  // More clusters than rows: one per row.
  assert.equal(new Set(kMeans(data.subarray(0, 30), 3, 10, 5).assignments).size, 3);
});
