import { EmbedkitError } from '../errors.js';
import { nearestTargets } from './csls.js';
import type { LanguageSpace } from './language-space.js';
import { scaleRowToUnit, type Space } from './space.js';

export type SentenceWeighting = 'mean' | 'sif';

export interface SentenceVectorOptions {
  /**
   * 'mean': the plain mean of the word vectors. 'sif' (default): Arora et al. 2017, each word
   * weighted a/(a + p(w)) so frequent function words count little, then the first principal
   * direction of all the sentences removed (it mostly encodes frequency and syntax, shared by all).
   */
  weighting?: SentenceWeighting;
  /** SIF's a (default 1e-3). */
  sifA?: number;
  /** Principal directions to remove (default 1 for 'sif', 0 for 'mean'). */
  removeComponents?: number;
}

/** Unit sentence vectors, one row per sentence; sentences without a known word stay zero. */
export interface SentenceSpace extends Space {
  /** Sentences none of whose words has a vector. */
  empty: number;
}

export function sentenceVectors(space: LanguageSpace, sentences: readonly (readonly string[])[], options: SentenceVectorOptions = {}): SentenceSpace {
  const weighting = options.weighting ?? 'sif';
  if (weighting !== 'mean' && weighting !== 'sif') {
    throw new EmbedkitError('BAD_OPTION', `weighting must be mean or sif, got ${JSON.stringify(weighting)}`, { field: 'weighting' });
  }
  const a = options.sifA ?? 1e-3;
  const remove = options.removeComponents ?? (weighting === 'sif' ? 1 : 0);
  const dim = space.dim;
  const count = sentences.length;
  const out = new Float32Array(count * dim);
  const sum = new Float64Array(dim);
  let empty = 0;
  for (let s = 0; s < count; s++) {
    sum.fill(0);
    let weightSum = 0;
    for (const word of sentences[s]) {
      const row = space.index(word);
      if (row < 0) continue;
      const weight = weighting === 'sif' ? a / (a + space.probabilities[row]) : 1;
      const base = row * dim;
      for (let j = 0; j < dim; j++) sum[j] += weight * space.vectors[base + j];
      weightSum += weight;
    }
    if (weightSum === 0) {
      empty++;
      continue;
    }
    for (let j = 0; j < dim; j++) out[s * dim + j] = sum[j] / weightSum;
  }
  for (let c = 0; c < remove; c++) removeDirection(out, count, dim, principalDirection(out, count, dim));
  for (let s = 0; s < count; s++) scaleRowToUnit(out, s * dim, dim);
  return { vectors: out, count, dim, empty };
}

/**
 * The top right singular vector of the rows (uncentred, as SIF's TruncatedSVD), by power iteration
 * on the d×d matrix XᵀX.
 */
export function principalDirection(rows: Float32Array, count: number, dim: number): Float64Array {
  const gram = new Float64Array(dim * dim);
  for (let s = 0; s < count; s++) {
    const base = s * dim;
    for (let i = 0; i < dim; i++) {
      const x = rows[base + i];
      if (x === 0) continue;
      for (let j = 0; j < dim; j++) gram[i * dim + j] += x * rows[base + j];
    }
  }
  let direction = new Float64Array(dim).fill(1 / Math.sqrt(dim));
  let next = new Float64Array(dim);
  for (let iteration = 0; iteration < 200; iteration++) {
    next.fill(0);
    for (let i = 0; i < dim; i++) {
      let value = 0;
      for (let j = 0; j < dim; j++) value += gram[i * dim + j] * direction[j];
      next[i] = value;
    }
    let norm = 0;
    for (let i = 0; i < dim; i++) norm += next[i] * next[i];
    norm = Math.sqrt(norm);
    if (norm === 0) return direction.fill(0);
    let change = 0;
    for (let i = 0; i < dim; i++) {
      next[i] /= norm;
      change += Math.abs(next[i] - direction[i]);
    }
    [direction, next] = [next, direction];
    if (change < 1e-10) break;
  }
  return direction;
}

function removeDirection(rows: Float32Array, count: number, dim: number, direction: Float64Array): void {
  for (let s = 0; s < count; s++) {
    const base = s * dim;
    let dot = 0;
    for (let j = 0; j < dim; j++) dot += rows[base + j] * direction[j];
    for (let j = 0; j < dim; j++) rows[base + j] -= dot * direction[j];
  }
}

export interface SentenceMatch {
  /** 0-based index of the best candidate for each source sentence (-1 when there are none). */
  best: Int32Array;
  scores: Float32Array;
}

/** The candidate sentence most similar (cosine) to each source sentence. */
export function matchSentences(sources: Space, candidates: Space): SentenceMatch {
  const nearest = nearestTargets(sources, candidates, { topn: 1 });
  return { best: nearest.indices, scores: nearest.scores };
}
