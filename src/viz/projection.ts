import { EmbedkitError } from '../errors.js';
import { outOfVocabulary, type KeyedVectors } from '../vectors/keyed-vectors.js';
import { pca } from './pca.js';
import { umapProject } from './umap.js';

export const PROJECTION_METHODS = ['pca', 'umap', 'tsne'] as const;
export type ProjectionMethod = (typeof PROJECTION_METHODS)[number];

/** Which words to show: explicit words, a word and its k neighbours, or the first N (most frequent) words. */
export interface WordSelection {
  words?: readonly string[];
  neighboursOf?: string;
  /** Neighbours of `neighboursOf` (default 20). */
  k?: number;
  /** The first N words of the store (files are frequency-ordered). */
  top?: number;
}

export interface Projection {
  words: string[];
  dims: 2 | 3;
  method: ProjectionMethod;
  /** words.length × dims, row-major. */
  coordinates: Float32Array;
  /** PCA only: the share of the variance each axis keeps. */
  explainedVarianceRatio?: number[];
}

export interface ProjectOptions {
  method?: ProjectionMethod;
  dims?: 2 | 3;
  seed?: number;
}

/** The selected words, in order, without repeats; an unknown word throws 'OOV'. Default: the top 100. */
export function selectWords(vectors: KeyedVectors, selection: WordSelection): string[] {
  const chosen: string[] = [];
  if (selection.neighboursOf !== undefined) {
    if (!vectors.has(selection.neighboursOf)) throw outOfVocabulary(selection.neighboursOf);
    chosen.push(selection.neighboursOf);
    for (const n of vectors.similarByWord(selection.neighboursOf, selection.k ?? 20)) chosen.push(n.word);
  }
  for (const word of selection.words ?? []) {
    if (!vectors.has(word)) throw outOfVocabulary(word);
    chosen.push(word);
  }
  if (selection.top !== undefined || chosen.length === 0) {
    const top = Math.min(selection.top ?? 100, vectors.size);
    for (let i = 0; i < top; i++) chosen.push(vectors.words[i]);
  }
  return [...new Set(chosen)];
}

/**
 * Projects the words' unit vectors (so distances follow cosine) to 2 or 3 dimensions. PCA is exact and
 * deterministic; UMAP is seeded. t-SNE is not offered: no maintained npm implementation exists (see docs).
 */
export function projectWords(vectors: KeyedVectors, words: readonly string[], options: ProjectOptions = {}): Projection {
  const method = options.method ?? 'pca';
  const dims = options.dims ?? 2;
  if (dims !== 2 && dims !== 3) throw new EmbedkitError('BAD_OPTION', `dims must be 2 or 3, not ${dims}`, { field: 'dims' });
  if (words.length === 0) throw new EmbedkitError('EMPTY_QUERY', 'no words to project', { field: 'words' });
  const dim = vectors.dim;
  const rows = unitRowsOf(vectors, words);
  if (method === 'pca') {
    const components = Math.min(dims, dim);
    const result = pca(rows, words.length, dim, components);
    const coordinates = new Float32Array(words.length * dims);
    for (let i = 0; i < words.length; i++) for (let k = 0; k < components; k++) coordinates[i * dims + k] = result.coordinates[i * components + k];
    return { words: [...words], dims, method, coordinates, explainedVarianceRatio: Array.from(result.explainedVarianceRatio) };
  }
  if (method === 'umap') {
    return { words: [...words], dims, method, coordinates: umapProject(rows, words.length, dim, { dims, seed: options.seed }) };
  }
  throw new EmbedkitError(
    'UNSUPPORTED',
    't-SNE is not available: there is no maintained t-SNE package on npm; use --method pca or umap',
    { field: 'method' },
  );
}

/** The words' unit vectors, row-major (words.length × dim); an unknown word throws 'OOV'. */
export function unitRowsOf(vectors: KeyedVectors, words: readonly string[]): Float32Array {
  const dim = vectors.dim;
  const units = vectors.unitVectors();
  const rows = new Float32Array(words.length * dim);
  words.forEach((word, i) => {
    const row = vectors.index(word);
    if (row < 0) throw outOfVocabulary(word);
    rows.set(units.subarray(row * dim, (row + 1) * dim), i * dim);
  });
  return rows;
}
