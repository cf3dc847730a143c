import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestBothWays, nearestTargets, neighbourhoodMeans } from '../../src/align/csls.js';
import { Random } from '../../src/util/random.js';
import { randomRows, unitRows } from './fixtures.js';

function cosineMatrix(a: Float32Array, na: number, b: Float32Array, nb: number, dim: number): number[][] {
  return Array.from({ length: na }, (_, i) =>
    Array.from({ length: nb }, (_, j) => {
      let sum = 0;
      for (let k = 0; k < dim; k++) sum += a[i * dim + k] * b[j * dim + k];
      return sum;
    }),
  );
}

function meanTopK(values: number[], k: number): number {
  return values.slice().sort((x, y) => y - x).slice(0, k).reduce((s, v) => s + v, 0) / Math.min(k, values.length);
}

// Sizes that are not multiples of the 4-row blocking, to cover the remainder loop.
const dim = 7;
const ns = 23;
const nt = 31;
const random = new Random(21);
const source = { vectors: unitRows(randomRows(ns, dim, random), ns, dim), count: ns, dim };
const target = { vectors: unitRows(randomRows(nt, dim, random), nt, dim), count: nt, dim };
const cos = cosineMatrix(source.vectors, ns, target.vectors, nt, dim);
const k = 5;
const rT = cos.map((row) => meanTopK(row, k));
const rS = Array.from({ length: nt }, (_, j) => meanTopK(cos.map((row) => row[j]), k));

test('neighbourhoodMeans equals the brute-force mean of the k best similarities, both ways', () => {
  const means = neighbourhoodMeans(source, target, k);
  for (let i = 0; i < ns; i++) assert.ok(Math.abs(means.source[i] - rT[i]) < 1e-5);
  for (let j = 0; j < nt; j++) assert.ok(Math.abs(means.target[j] - rS[j]) < 1e-5);
});

test('nearestTargets with CSLS ranks by 2cos − r_T(x) − r_S(y), as the brute-force formula', () => {
  const means = neighbourhoodMeans(source, target, k);
  const topn = 3;
  const nearest = nearestTargets(source, target, { topn, csls: { queryMeans: means.source, targetMeans: means.target } });
  for (let i = 0; i < ns; i++) {
    const scores = cos[i].map((c, j) => 2 * c - rT[i] - rS[j]);
    const order = scores.map((_, j) => j).sort((a, b) => scores[b] - scores[a]).slice(0, topn);
    assert.deepEqual(Array.from(nearest.indices.subarray(i * topn, i * topn + topn)), order);
    for (let r = 0; r < topn; r++) assert.ok(Math.abs(nearest.scores[i * topn + r] - scores[order[r]]) < 1e-5);
  }
});

test('nearestTargets by cosine returns the brute-force top list; missing slots are -1', () => {
  const nearest = nearestTargets(source, target, { topn: 4 });
  for (let i = 0; i < ns; i++) {
    const order = cos[i].map((_, j) => j).sort((a, b) => cos[i][b] - cos[i][a]).slice(0, 4);
    assert.deepEqual(Array.from(nearest.indices.subarray(i * 4, i * 4 + 4)), order);
  }
  const few = nearestTargets(source, { ...target, count: 2 }, { topn: 3 });
  assert.equal(few.indices[2], -1);
});

test('bestBothWays gives the CSLS argmax of every row and every column', () => {
  const means = neighbourhoodMeans(source, target, k);
  const { sourceBest, targetBest } = bestBothWays(source, target, means);
  const csls = cos.map((row, i) => row.map((c, j) => 2 * c - rT[i] - rS[j]));
  for (let i = 0; i < ns; i++) assert.equal(sourceBest[i], csls[i].indexOf(Math.max(...csls[i])));
  for (let j = 0; j < nt; j++) {
    const column = csls.map((row) => row[j]);
    assert.equal(targetBest[j], column.indexOf(Math.max(...column)));
  }
});

test('CSLS demotes a hub that plain cosine returns for every query', () => {
  // Target 0 (the hub) is at cosine 0.577 from every query; target i has cosine 0.5 with query i
  // only, in a direction of its own. Cosine picks the hub each time, CSLS each query's own target.
  const d = 6;
  const h = Math.sqrt(1 / 3);
  const o = Math.sqrt(0.75);
  const queries = Float32Array.from([1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
  const targets = Float32Array.from([h, h, h, 0, 0, 0, 0.5, 0, 0, o, 0, 0, 0, 0.5, 0, 0, o, 0, 0, 0, 0.5, 0, 0, o]);
  const q = { vectors: queries, count: 3, dim: d };
  const t = { vectors: targets, count: 4, dim: d };
  const cosine = nearestTargets(q, t, { topn: 1 });
  const means = neighbourhoodMeans(q, t, 2);
  const csls = nearestTargets(q, t, { topn: 1, csls: { queryMeans: means.source, targetMeans: means.target } });
  assert.deepEqual(Array.from(cosine.indices), [0, 0, 0]);
  assert.deepEqual(Array.from(csls.indices), [1, 2, 3]);
});
