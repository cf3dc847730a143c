import { CSLS_NEIGHBOURS, nearestTargets, neighbourhoodMeans } from './csls.js';
import { topRows, type LanguageSpace } from './language-space.js';
import type { Space } from './space.js';

export interface Translation {
  word: string;
  score: number;
}

export interface WordTranslation {
  word: string;
  translations: Translation[];
  /** The word has no vector in the source language. */
  oov?: true;
}

export interface TranslateOptions {
  /** Translations per word (default 5). */
  topn?: number;
  /** Rank by CSLS instead of cosine (default false). */
  csls?: boolean;
  /** CSLS neighbourhood (default 10). */
  k?: number;
  /**
   * r_S(y), the hubness of each target word, is measured against this many most frequent source
   * words (default 20,000): the cost is targets × this × dim.
   */
  neighbourRank?: number;
  /** r_S(y) computed earlier by `targetHubness` for the same two spaces: reused, not recomputed. */
  targetMeans?: Float32Array;
}

/** Mean similarity of each target row to its k nearest source rows (CSLS's r_S). */
export function targetHubness(from: Space, to: Space, k = CSLS_NEIGHBOURS, neighbourRank = 20_000): Float32Array {
  return neighbourhoodMeans(to, topRows(from, neighbourRank), k).source;
}

/**
 * The best translations of each word from one language space into the other, both spaces already
 * sharing coordinates (a bilingual store, or a mapped pair). Unknown words come back with `oov`.
 */
export function translateWords(from: LanguageSpace, to: LanguageSpace, words: readonly string[], options: TranslateOptions = {}): WordTranslation[] {
  const rows: number[] = [];
  for (const word of words) rows.push(from.index(word));
  const known = rows.filter((row) => row >= 0);
  const ranked = rankRows(from, to, Int32Array.from(known), options);
  const results: WordTranslation[] = [];
  let next = 0;
  for (let i = 0; i < words.length; i++) {
    if (rows[i] < 0) {
      results.push({ word: words[i], translations: [], oov: true });
      continue;
    }
    const translations: Translation[] = [];
    for (let j = 0; j < ranked.topn; j++) {
      const target = ranked.indices[next * ranked.topn + j];
      if (target >= 0) translations.push({ word: to.words[target], score: ranked.scores[next * ranked.topn + j] });
    }
    results.push({ word: words[i], translations });
    next++;
  }
  return results;
}

/** Nearest target rows of the given source rows; the building block of translation and evaluation. */
export function rankRows(from: LanguageSpace, to: LanguageSpace, sourceRows: Int32Array, options: TranslateOptions = {}) {
  const dim = from.dim;
  const queries = new Float32Array(sourceRows.length * dim);
  for (let i = 0; i < sourceRows.length; i++) queries.set(from.vectors.subarray(sourceRows[i] * dim, sourceRows[i] * dim + dim), i * dim);
  const querySpace: Space = { vectors: queries, count: sourceRows.length, dim };
  const topn = Math.min(options.topn ?? 5, Math.max(1, to.count));
  if (!options.csls) return nearestTargets(querySpace, to, { topn });
  const k = options.k ?? CSLS_NEIGHBOURS;
  const queryMeans = neighbourhoodMeans(querySpace, to, k).source;
  const targetMeans = options.targetMeans ?? targetHubness(from, to, k, options.neighbourRank);
  return nearestTargets(querySpace, to, { topn, csls: { queryMeans, targetMeans } });
}
