import { EmbedkitError } from '../errors.js';
import { Random } from '../util/random.js';

/**
 * What the alignment needs from a vector store (KeyedVectors has it): declared here so that layers do not
 * depend on the vectors folder, which builds on them.
 */
export interface WordVectorSource {
  readonly dim: number;
  readonly vectors: Float32Array;
  index(word: string): number;
  /** The vector of a word, or one built for an unseen word (subwords); null when there is none. */
  get(word: string): Float32Array | null;
}

export interface EmbeddingInitOptions {
  /** Seed for the rows of words without a pretrained vector (default 1). */
  seed?: number;
  /** Rows of missing words: uniform in ±0.05 (default) or zeros. */
  init?: 'uniform' | 'zeros';
  /** When the exact word is missing, try its lower-cased form (cased vocabulary, uncased vectors). */
  lowercaseFallback?: boolean;
}

export interface EmbeddingInit {
  /** words.length × dim, row-major. */
  weights: Float32Array;
  /** Rows filled from the vectors. */
  found: number;
  /** Rows (other than '<pad>') that got the fallback initialisation. */
  missing: number;
}

/** The padding token: its row stays zero so padded positions add nothing. */
const PAD_TOKEN = '<pad>';
/** Keras' default uniform initialiser range, so pretrained and fresh rows have a similar scale. */
const UNIFORM_LIMIT = 0.05;

/**
 * Aligns pretrained vectors to a model vocabulary: row i = the vector of words[i] (looked up
 * exactly, then lower-cased if asked, then through the store's out-of-vocabulary hook, e.g. subword
 * vectors). '<pad>' gets a zero row. Missing words are drawn in row order from one seeded
 * generator, so the same seed gives the same matrix.
 */
export function embeddingMatrixFromVectors(
  kv: WordVectorSource,
  words: readonly string[],
  options: EmbeddingInitOptions = {},
): EmbeddingInit {
  const init = options.init ?? 'uniform';
  if (init !== 'uniform' && init !== 'zeros') {
    throw new EmbedkitError('BAD_OPTION', `init must be "uniform" or "zeros", not "${String(init)}"`, { field: 'init' });
  }
  const dim = kv.dim;
  const weights = new Float32Array(words.length * dim);
  const random = new Random(options.seed ?? 1);
  let found = 0;
  let missing = 0;
  for (let row = 0; row < words.length; row++) {
    const word = words[row];
    if (word === PAD_TOKEN) continue;
    const vector = lookup(kv, word, options.lowercaseFallback ?? false);
    if (vector !== null) {
      weights.set(vector, row * dim);
      found++;
      continue;
    }
    missing++;
    if (init === 'uniform') {
      for (let j = row * dim; j < (row + 1) * dim; j++) weights[j] = random.uniform(-UNIFORM_LIMIT, UNIFORM_LIMIT);
    }
  }
  return { weights, found, missing };
}

function lookup(kv: WordVectorSource, word: string, lowercaseFallback: boolean): Float32Array | null {
  const exact = kv.index(word);
  if (exact >= 0) return kv.vectors.subarray(exact * kv.dim, (exact + 1) * kv.dim);
  if (lowercaseFallback) {
    const lower = kv.index(word.toLowerCase());
    if (lower >= 0) return kv.vectors.subarray(lower * kv.dim, (lower + 1) * kv.dim);
  }
  return kv.get(word);
}
