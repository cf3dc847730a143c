import type { KeyedVectors } from '../vectors/keyed-vectors.js';
import { pairsToRows, type WordPair } from './dictionary.js';
import type { AlignmentMapping } from './mapping-file.js';
import { procrustes } from './procrustes.js';
import { refineMapping, type RefineIteration } from './refine.js';
import { normalizeSpace } from './space.js';

export interface AlignOptions {
  /** Centre each space after unit-normalising (default false). */
  center?: boolean;
  /** Refinement iterations after the supervised solution (default 0). */
  refine?: number;
  /** Rows taking part in refinement, the most frequent of each side (default 15,000). */
  maxRank?: number;
  onRefineIteration?: (info: RefineIteration) => void;
}

export interface AlignResult {
  mapping: AlignmentMapping;
  /** Dictionary pairs with both words in the vectors: those Procrustes was solved on. */
  pairsUsed: number;
  pairsGiven: number;
  refinement: RefineIteration[];
}

/**
 * Supervised alignment of a source space onto a target space (Conneau et al. 2018, "Procrustes"):
 * normalise both, solve orthogonal Procrustes on the dictionary pairs, optionally refine on
 * mutual CSLS neighbours.
 */
export function alignSpaces(source: KeyedVectors, target: KeyedVectors, dictionary: readonly WordPair[], options: AlignOptions = {}): AlignResult {
  const center = options.center ?? false;
  const sourceSpace = normalizeSpace(source.vectors, source.size, source.dim, { center });
  const targetSpace = normalizeSpace(target.vectors, target.size, target.dim, { center });
  const rows = pairsToRows(dictionary, (word) => source.index(word), (word) => target.index(word));
  let w = procrustes(sourceSpace, targetSpace, rows);
  let refinement: RefineIteration[] = [];
  if ((options.refine ?? 0) > 0) {
    const refined = refineMapping(sourceSpace, targetSpace, w, {
      iterations: options.refine,
      maxRank: options.maxRank,
      onIteration: options.onRefineIteration,
    });
    w = refined.mapping;
    refinement = refined.iterations;
  }
  return {
    mapping: {
      dim: source.dim,
      w,
      sourceMean: sourceSpace.mean,
      targetMean: targetSpace.mean,
      info: { center, refine: options.refine ?? 0, maxRank: options.maxRank ?? 15_000, pairsUsed: rows.covered },
    },
    pairsUsed: rows.covered,
    pairsGiven: dictionary.length,
    refinement,
  };
}
