import { EmbedkitError } from '../errors.js';
import { blockRowsFor, dotBlock, insertTop } from './dot-block.js';
import type { Space } from './space.js';

/** CSLS's neighbourhood size in Conneau et al. 2018. */
export const CSLS_NEIGHBOURS = 10;

/**
 * Mean cosine of each row to its k nearest rows of the other side: `source[i]` = r_T(x_i) (over
 * the targets), `target[j]` = r_S(y_j) (over the sources). Both come from one blocked pass over
 * the source × target similarities: row tops give r_T, running column tops give r_S.
 * Rows must be unit length (cosine = dot product).
 */
export interface NeighbourhoodMeans {
  source: Float32Array;
  target: Float32Array;
}

export function neighbourhoodMeans(source: Space, target: Space, k = CSLS_NEIGHBOURS): NeighbourhoodMeans {
  checkPair(source, target);
  const dim = source.dim;
  const ns = source.count;
  const nt = target.count;
  const kSource = Math.min(k, nt);
  const kTarget = Math.min(k, ns);
  const sourceMeans = new Float32Array(ns);
  const targetMeans = new Float32Array(nt);
  if (ns === 0 || nt === 0) return { source: sourceMeans, target: targetMeans };

  const columnTop = new Float32Array(nt * kTarget).fill(-Infinity);
  const columnIndex = new Int32Array(nt * kTarget);
  const columnFloor = new Float32Array(nt).fill(-Infinity);
  const rowTop = new Float32Array(kSource);
  const rowIndex = new Int32Array(kSource);
  const blockRows = blockRowsFor(nt);
  const scores = new Float32Array(blockRows * nt);
  for (let start = 0; start < ns; start += blockRows) {
    const rows = Math.min(blockRows, ns - start);
    dotBlock(source.vectors, start, rows, target.vectors, nt, dim, scores);
    for (let r = 0; r < rows; r++) {
      rowTop.fill(-Infinity);
      const base = r * nt;
      for (let t = 0; t < nt; t++) {
        const score = scores[base + t];
        if (score > rowTop[kSource - 1]) insertTop(rowTop, rowIndex, 0, kSource, score, t);
        if (score > columnFloor[t]) {
          insertTop(columnTop, columnIndex, t * kTarget, kTarget, score, start + r);
          columnFloor[t] = columnTop[t * kTarget + kTarget - 1];
        }
      }
      sourceMeans[start + r] = meanOf(rowTop, 0, kSource);
    }
  }
  for (let t = 0; t < nt; t++) targetMeans[t] = meanOf(columnTop, t * kTarget, kTarget);
  return { source: sourceMeans, target: targetMeans };
}

/** The best `topn` targets of each query row, best first. */
export interface Nearest {
  topn: number;
  /** indices[q · topn + i]: target row of the i-th best candidate of query q (-1 past the end). */
  indices: Int32Array;
  scores: Float32Array;
}

export interface NearestOptions {
  topn?: number;
  /**
   * CSLS: score = 2·cos(x, y) − r_T(x) − r_S(y) with these means (queryMeans per query row,
   * targetMeans per target row); plain cosine when absent.
   */
  csls?: { queryMeans: Float32Array; targetMeans: Float32Array };
}

/** Nearest targets of every query row by cosine or CSLS, in blocks (no allocation per pair). */
export function nearestTargets(queries: Space, targets: Space, options: NearestOptions = {}): Nearest {
  checkPair(queries, targets);
  const topn = options.topn ?? 1;
  if (!Number.isInteger(topn) || topn < 1) {
    throw new EmbedkitError('BAD_OPTION', `topn must be a positive integer, not ${topn}`, { field: 'topn' });
  }
  const nq = queries.count;
  const nt = targets.count;
  const csls = options.csls;
  if (csls && (csls.queryMeans.length < nq || csls.targetMeans.length < nt)) {
    throw new EmbedkitError('BAD_SHAPE', 'CSLS means must cover every query and target row', { field: 'csls' });
  }
  const indices = new Int32Array(nq * topn).fill(-1);
  const scores = new Float32Array(nq * topn).fill(-Infinity);
  if (nt === 0) return { topn, indices, scores };
  const blockRows = blockRowsFor(nt);
  const block = new Float32Array(blockRows * nt);
  for (let start = 0; start < nq; start += blockRows) {
    const rows = Math.min(blockRows, nq - start);
    dotBlock(queries.vectors, start, rows, targets.vectors, nt, queries.dim, block);
    for (let r = 0; r < rows; r++) {
      const q = start + r;
      const base = r * nt;
      const outBase = q * topn;
      if (csls) {
        const queryMean = csls.queryMeans[q];
        const targetMeans = csls.targetMeans;
        for (let t = 0; t < nt; t++) {
          const score = 2 * block[base + t] - queryMean - targetMeans[t];
          if (score > scores[outBase + topn - 1]) insertTop(scores, indices, outBase, topn, score, t);
        }
      } else {
        for (let t = 0; t < nt; t++) {
          const score = block[base + t];
          if (score > scores[outBase + topn - 1]) insertTop(scores, indices, outBase, topn, score, t);
        }
      }
    }
  }
  return { topn, indices, scores };
}

/**
 * For mutual nearest neighbours in one pass: the best target of each source row and the best
 * source of each target row, both by CSLS with the given means.
 */
export function bestBothWays(source: Space, target: Space, means: NeighbourhoodMeans): { sourceBest: Int32Array; targetBest: Int32Array } {
  checkPair(source, target);
  const ns = source.count;
  const nt = target.count;
  const sourceBest = new Int32Array(ns).fill(-1);
  const targetBest = new Int32Array(nt).fill(-1);
  const targetBestScore = new Float32Array(nt).fill(-Infinity);
  if (ns === 0 || nt === 0) return { sourceBest, targetBest };
  const blockRows = blockRowsFor(nt);
  const block = new Float32Array(blockRows * nt);
  for (let start = 0; start < ns; start += blockRows) {
    const rows = Math.min(blockRows, ns - start);
    dotBlock(source.vectors, start, rows, target.vectors, nt, source.dim, block);
    for (let r = 0; r < rows; r++) {
      const s = start + r;
      const base = r * nt;
      const sourceMean = means.source[s];
      let best = -Infinity;
      let bestIndex = -1;
      for (let t = 0; t < nt; t++) {
        const score = 2 * block[base + t] - sourceMean - means.target[t];
        if (score > best) {
          best = score;
          bestIndex = t;
        }
        if (score > targetBestScore[t]) {
          targetBestScore[t] = score;
          targetBest[t] = s;
        }
      }
      sourceBest[s] = bestIndex;
    }
  }
  return { sourceBest, targetBest };
}

function meanOf(values: Float32Array, base: number, k: number): number {
  let sum = 0;
  for (let i = 0; i < k; i++) sum += values[base + i];
  return sum / k;
}

function checkPair(a: Space, b: Space): void {
  if (a.dim !== b.dim) {
    throw new EmbedkitError('BAD_SHAPE', `the two spaces have ${a.dim} and ${b.dim} dimensions`, { field: 'dim' });
  }
}
