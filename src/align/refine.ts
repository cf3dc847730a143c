import { EmbedkitError } from '../errors.js';
import { bestBothWays, CSLS_NEIGHBOURS, neighbourhoodMeans } from './csls.js';
import { applyMapping, procrustes, type RowPairs } from './procrustes.js';
import type { Space } from './space.js';

export interface RefineOptions {
  /** Procrustes re-solves (default 5). */
  iterations?: number;
  /** Only the most frequent rows of each side take part (default 15,000): rare words have poor vectors. */
  maxRank?: number;
  /** CSLS neighbourhood (default 10). */
  k?: number;
  onIteration?: (info: RefineIteration) => void;
}

export interface RefineIteration {
  iteration: number;
  /** Mutual nearest-neighbour pairs the new mapping was solved on. */
  pairs: number;
  seconds: number;
}

export interface RefineResult {
  mapping: Float32Array;
  iterations: RefineIteration[];
}

/**
 * Procrustes refinement (Conneau et al. 2018, §2.2): map the most frequent source rows, take the
 * pairs that are each other's CSLS nearest neighbour among the most frequent target rows as a new
 * dictionary, and re-solve. Both spaces must be normalised as for `procrustes`.
 */
export function refineMapping(source: Space, target: Space, initial: Float32Array, options: RefineOptions = {}): RefineResult {
  const iterations = options.iterations ?? 5;
  const maxRank = options.maxRank ?? 15_000;
  const k = options.k ?? CSLS_NEIGHBOURS;
  if (!Number.isInteger(iterations) || iterations < 0) {
    throw new EmbedkitError('BAD_OPTION', `iterations must be a non-negative integer, not ${iterations}`, { field: 'iterations' });
  }
  if (!Number.isInteger(maxRank) || maxRank < 1) {
    throw new EmbedkitError('BAD_OPTION', `maxRank must be a positive integer, not ${maxRank}`, { field: 'maxRank' });
  }
  const dim = source.dim;
  const sourceTop: Space = { vectors: source.vectors, count: Math.min(maxRank, source.count), dim };
  const targetTop: Space = { vectors: target.vectors, count: Math.min(maxRank, target.count), dim };
  let mapping = initial;
  const history: RefineIteration[] = [];
  for (let iteration = 1; iteration <= iterations; iteration++) {
    const started = performance.now();
    const pairs = mutualNeighbours(sourceTop, targetTop, mapping, k);
    if (pairs.source.length === 0) break;
    mapping = procrustes(sourceTop, targetTop, pairs);
    const info = { iteration, pairs: pairs.source.length, seconds: (performance.now() - started) / 1000 };
    history.push(info);
    options.onIteration?.(info);
  }
  return { mapping, iterations: history };
}

/** Source rows and target rows that are each other's best CSLS match once the source is mapped. */
export function mutualNeighbours(source: Space, target: Space, mapping: Float32Array, k = CSLS_NEIGHBOURS): RowPairs {
  const mapped: Space = { vectors: applyMapping(source.vectors, source.count, source.dim, mapping), count: source.count, dim: source.dim };
  const means = neighbourhoodMeans(mapped, target, k);
  const { sourceBest, targetBest } = bestBothWays(mapped, target, means);
  const sourceRows: number[] = [];
  const targetRows: number[] = [];
  for (let s = 0; s < sourceBest.length; s++) {
    const t = sourceBest[s];
    if (t >= 0 && targetBest[t] === s) {
      sourceRows.push(s);
      targetRows.push(t);
    }
  }
  return { source: Int32Array.from(sourceRows), target: Int32Array.from(targetRows) };
}
