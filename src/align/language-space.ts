import { EmbedkitError } from '../errors.js';
import type { KeyedVectors } from '../vectors/keyed-vectors.js';
import { untagWord, type Language } from './language-text.js';
import { applyMapping } from './procrustes.js';
import { normalizeWith, type Space } from './space.js';

/**
 * The words of one language with unit vectors ready for retrieval, in a space shared with the
 * other language (either a tagged bilingual store, or a monolingual store mapped by W).
 */
export interface LanguageSpace extends Space {
  language: Language | null;
  /** Words without tags, in store order (most frequent first). */
  words: readonly string[];
  /** Unigram probability of each row: from the store's counts, else estimated from the rank. */
  probabilities: Float64Array;
  index(word: string): number;
}

export interface LanguageSpaceOptions {
  /** Keep only the rows tagged `lang:` (a bilingual store), tags stripped from the words. */
  tag?: Language;
  /** Subtract this mean after unit-normalising (as the mapping was learned on centred vectors). */
  mean?: Float32Array;
  /** Then map each row by x·W. */
  mapping?: Float32Array;
  /** The language, when the store is untagged (only reported). */
  language?: Language;
  /** Keep only the first N words (of the tag): the most frequent, in a frequency-ordered store. */
  limit?: number;
}

export function languageSpace(kv: KeyedVectors, options: LanguageSpaceOptions = {}): LanguageSpace {
  const dim = kv.dim;
  const rows: number[] = [];
  const words: string[] = [];
  const limit = options.limit ?? Infinity;
  for (let row = 0; row < kv.size && rows.length < limit; row++) {
    if (options.tag === undefined) {
      rows.push(row);
      words.push(kv.words[row]);
      continue;
    }
    const word = untagWord(options.tag, kv.words[row]);
    if (word === null) continue;
    rows.push(row);
    words.push(word);
  }
  if (options.tag !== undefined && rows.length === 0) {
    throw new EmbedkitError('NO_TAGGED_WORDS', `no word of these vectors is tagged "${options.tag}:"`, { field: 'vectors' });
  }
  let vectors: Float32Array = new Float32Array(rows.length * dim);
  for (let i = 0; i < rows.length; i++) vectors.set(kv.vectors.subarray(rows[i] * dim, rows[i] * dim + dim), i * dim);
  normalizeWith(vectors, rows.length, dim, options.mean ?? new Float32Array(dim));
  if (options.mapping !== undefined) vectors = applyMapping(vectors, rows.length, dim, options.mapping);
  const index = new Map<string, number>();
  for (let i = 0; i < words.length; i++) if (!index.has(words[i])) index.set(words[i], i);
  return {
    language: options.tag ?? options.language ?? null,
    vectors,
    count: rows.length,
    dim,
    words,
    probabilities: probabilitiesOf(kv.counts, rows),
    index: (word) => index.get(word) ?? -1,
  };
}

/** Whether any word of the store carries a `lang:` tag of this language. */
export function hasTag(kv: KeyedVectors, language: Language): boolean {
  const prefix = `${language}:`;
  const limit = Math.min(kv.size, 10_000);
  for (let row = 0; row < limit; row++) if (kv.words[row].startsWith(prefix)) return true;
  return false;
}

/**
 * Counts when the store has them; otherwise Zipf's law on the rank (p ∝ 1/rank), which is what a
 * frequency-ordered vector file still tells about its words.
 */
function probabilitiesOf(counts: Float64Array | undefined, rows: readonly number[]): Float64Array {
  const p = new Float64Array(rows.length);
  let total = 0;
  const usable = counts !== undefined && rows.every((row) => Number.isFinite(counts[row]) && counts[row] > 0);
  for (let i = 0; i < rows.length; i++) {
    p[i] = usable ? counts![rows[i]] : 1 / (i + 1);
    total += p[i];
  }
  for (let i = 0; i < rows.length; i++) p[i] /= total;
  return p;
}

/** The first `count` rows of a space as a space of their own (no copy). */
export function topRows(space: Space, count: number): Space {
  return { vectors: space.vectors, count: Math.min(count, space.count), dim: space.dim };
}
