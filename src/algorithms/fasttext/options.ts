import { EmbedkitError } from '../../errors.js';
import type { TokenizeOptions } from '../../text/tokenize.js';
import type { Vocabulary } from '../../vocab/vocabulary.js';
import { pickBoolean, pickInteger, pickNumber } from '../shared/option-checks.js';
import type { Word2VecEpoch, Word2VecProgress } from '../word2vec/options.js';

export type FastTextProgress = Word2VecProgress;
export type FastTextEpoch = Word2VecEpoch;

export interface FastTextOptions {
  /** Skip-gram (the default, as `fasttext skipgram`); `sg: false` or `cbow: true` trains CBOW. */
  sg?: boolean | 0 | 1;
  cbow?: boolean;
  dim?: number;
  /** Largest distance to a context word; each position draws 1..window, as fastText does. */
  window?: number;
  /** Negatives per positive. */
  negative?: number;
  /** Negatives are drawn with probability count^noisePower: fastText 0.5 (the default), word2vec 0.75. */
  noisePower?: number;
  minCount?: number;
  /** Shortest and longest character n-gram (fastText 3..6; for Chinese 1..2 works best, see index.ts). maxn 0: no n-grams. */
  minn?: number;
  maxn?: number;
  /** Hashed n-gram rows (fastText's -bucket). */
  bucket?: number;
  epochs?: number;
  /** Starting learning rate, decaying linearly to minAlpha (fastText: 0.05 → 0). */
  alpha?: number;
  minAlpha?: number;
  /** Subsampling threshold of frequent words (fastText's -t); 0 turns it off. */
  sample?: number;
  maxVocabSize?: number;
  seed?: number;
  /** Hogwild worker threads; only 1 thread is deterministic. */
  threads?: number;
  /**
   * true (default): every epoch visits blocks of whole lines (≈50,000 tokens) in a new order drawn from
   * the seed, so no epoch ends on one part of the corpus; false: in corpus order, one slice per thread, as fastText.
   */
  shuffle?: boolean;
  tokenizer?: TokenizeOptions;
  maxSentenceLength?: number;
  /**
   * 'auto' (default): the SIMD WebAssembly kernel (dist/wasm/fasttext.wasm) when built, else the
   * JavaScript one; 'wasm' requires the former; 'js' forces the latter (slower, same algorithm).
   */
  kernel?: 'auto' | 'wasm' | 'js';
  /** Train with this vocabulary instead of counting one (unknown tokens skipped). */
  vocabulary?: Vocabulary;
  onProgress?: (progress: FastTextProgress) => void;
  onEpochEnd?: (epoch: FastTextEpoch) => void;
}

export interface ResolvedFastTextOptions {
  skipGram: boolean;
  dim: number;
  window: number;
  negative: number;
  noisePower: number;
  minCount: number;
  minn: number;
  maxn: number;
  bucket: number;
  epochs: number;
  alpha: number;
  minAlpha: number;
  sample: number;
  maxVocabSize: number | undefined;
  seed: number;
  threads: number;
  shuffle: boolean;
  tokenizer: TokenizeOptions;
  maxSentenceLength: number;
}

/** `fasttext skipgram`'s defaults (lr 0.05, t 1e-4, n-grams 3..6 in 2M buckets), one thread; unlike fastText, lines in shuffled blocks. */
export const FASTTEXT_DEFAULTS: ResolvedFastTextOptions = {
  skipGram: true,
  dim: 100,
  window: 5,
  negative: 5,
  noisePower: 0.5,
  minCount: 5,
  minn: 3,
  maxn: 6,
  bucket: 2_000_000,
  epochs: 5,
  alpha: 0.05,
  minAlpha: 0,
  sample: 1e-4,
  maxVocabSize: undefined,
  seed: 1,
  threads: 1,
  shuffle: true,
  tokenizer: {},
  maxSentenceLength: 10_000,
};

export function resolveFastTextOptions(options: FastTextOptions = {}): ResolvedFastTextOptions {
  const d = FASTTEXT_DEFAULTS;
  const sg = options.sg === undefined ? undefined : Boolean(options.sg);
  const cbow = options.cbow === undefined ? undefined : Boolean(options.cbow);
  if (sg !== undefined && cbow !== undefined && sg === cbow) {
    throw new EmbedkitError('BAD_OPTION', `sg = ${sg} contradicts cbow = ${cbow}: choose one model`, { field: 'sg' });
  }
  const alpha = pickNumber(options.alpha, d.alpha, 'alpha', 0, 10, false);
  const resolved: ResolvedFastTextOptions = {
    skipGram: sg ?? (cbow === undefined ? d.skipGram : !cbow),
    dim: pickInteger(options.dim, d.dim, 'dim', 1, 100_000),
    window: pickInteger(options.window, d.window, 'window', 1, 1000),
    negative: pickInteger(options.negative, d.negative, 'negative', 1, 1000),
    noisePower: pickNumber(options.noisePower, d.noisePower, 'noisePower', 0, 2, false),
    minCount: pickInteger(options.minCount, d.minCount, 'minCount', 1, Number.MAX_SAFE_INTEGER),
    minn: pickInteger(options.minn, d.minn, 'minn', 0, 100),
    maxn: pickInteger(options.maxn, d.maxn, 'maxn', 0, 100),
    bucket: pickInteger(options.bucket, d.bucket, 'bucket', 0, 100_000_000),
    epochs: pickInteger(options.epochs, d.epochs, 'epochs', 1, 1_000_000),
    alpha,
    minAlpha: pickNumber(options.minAlpha, d.minAlpha, 'minAlpha', 0, alpha, true),
    sample: pickNumber(options.sample, d.sample, 'sample', 0, 1, true),
    maxVocabSize: options.maxVocabSize === undefined ? undefined : pickInteger(options.maxVocabSize, 0, 'maxVocabSize', 1, Number.MAX_SAFE_INTEGER),
    seed: pickInteger(options.seed, d.seed, 'seed', 0, 0xffffffff),
    threads: pickInteger(options.threads, d.threads, 'threads', 1, 256),
    shuffle: pickBoolean(options.shuffle, d.shuffle, 'shuffle'),
    tokenizer: options.tokenizer ?? {},
    maxSentenceLength: pickInteger(options.maxSentenceLength, d.maxSentenceLength, 'maxSentenceLength', 2, 1_000_000),
  };
  if (resolved.maxn > 0 && (resolved.minn < 1 || resolved.minn > resolved.maxn)) {
    throw new EmbedkitError('BAD_OPTION', `need 1 <= minn <= maxn, got minn ${resolved.minn}, maxn ${resolved.maxn}`, { field: 'minn' });
  }
  if (resolved.maxn > 0 && resolved.bucket === 0) {
    throw new EmbedkitError('BAD_OPTION', 'n-grams (maxn > 0) need bucket > 0', { field: 'bucket' });
  }
  // As fastText: without n-grams no bucket rows are kept.
  if (resolved.maxn === 0) resolved.bucket = 0;
  return resolved;
}
