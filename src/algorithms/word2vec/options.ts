import { EmbedkitError } from '../../errors.js';
import type { TokenizeOptions } from '../../text/tokenize.js';
import type { Vocabulary } from '../../vocab/vocabulary.js';
import { pickFlag, pickInteger, pickNumber } from '../shared/option-checks.js';
import type { StreamEpoch, StreamProgress } from '../shared/stream-training.js';

/** Reported while training, at most a few times a second. */
export type Word2VecProgress = StreamProgress;

export type Word2VecEpoch = StreamEpoch;

export interface Word2VecOptions {
  /** 'c': the C tool's defaults (alpha 0.05 for CBOW) before the explicit options are applied. */
  preset?: 'gensim' | 'c';
  /** 1 skip-gram, 0 CBOW. */
  sg?: 0 | 1;
  /** CBOW hidden layer: 1 mean of the context rows, 0 their sum. */
  cbowMean?: 0 | 1;
  dim?: number;
  /** Largest distance to a context word; each position shrinks it by a random b, as the C tool does. */
  window?: number;
  /** Negatives per positive (0: none). */
  negative?: number;
  /** 1: hierarchical softmax on the Huffman tree (alone or with negative sampling). */
  hs?: 0 | 1;
  /** Subsampling threshold of frequent words (0: off), the C tool's formula. */
  sample?: number;
  alpha?: number;
  minAlpha?: number;
  epochs?: number;
  minCount?: number;
  /** Keep at most this many words, the most frequent. */
  maxVocabSize?: number;
  seed?: number;
  /** Worker threads sharing the weights without locks (Hogwild); only 1 thread is deterministic. */
  threads?: number;
  tokenizer?: TokenizeOptions;
  /** Longer lines are cut into sentences of at most this many tokens. */
  maxSentenceLength?: number;
  /** Train with this vocabulary instead of counting one (out-of-vocabulary tokens are skipped). */
  vocabulary?: Vocabulary;
  onProgress?: (progress: Word2VecProgress) => void;
  onEpochEnd?: (epoch: Word2VecEpoch) => void;
}

export interface ResolvedWord2VecOptions {
  sg: 0 | 1;
  cbowMean: 0 | 1;
  dim: number;
  window: number;
  negative: number;
  hs: 0 | 1;
  sample: number;
  alpha: number;
  minAlpha: number;
  epochs: number;
  minCount: number;
  maxVocabSize: number | undefined;
  seed: number;
  threads: number;
  tokenizer: TokenizeOptions;
  maxSentenceLength: number;
}

/** gensim's Word2Vec defaults, except for a sentence limit of 10,000 words (gensim's batch size). */
export const GENSIM_DEFAULTS: ResolvedWord2VecOptions = {
  sg: 0,
  cbowMean: 1,
  dim: 100,
  window: 5,
  negative: 5,
  hs: 0,
  sample: 1e-3,
  alpha: 0.025,
  minAlpha: 1e-4,
  epochs: 5,
  minCount: 5,
  maxVocabSize: undefined,
  seed: 1,
  threads: 1,
  tokenizer: {},
  maxSentenceLength: 10_000,
};

export function resolveOptions(options: Word2VecOptions = {}): ResolvedWord2VecOptions {
  const preset = options.preset ?? 'gensim';
  if (preset !== 'gensim' && preset !== 'c') {
    throw new EmbedkitError('BAD_OPTION', `preset must be "gensim" or "c", got ${JSON.stringify(preset)}`, { field: 'preset' });
  }
  const sg = pickFlag(options.sg, GENSIM_DEFAULTS.sg, 'sg');
  // The C tool: alpha 0.05 for CBOW, 0.025 for skip-gram, decaying to alpha × 1e-4.
  const presetAlpha = preset === 'c' ? (sg === 1 ? 0.025 : 0.05) : GENSIM_DEFAULTS.alpha;
  const alpha = pickNumber(options.alpha, presetAlpha, 'alpha', 0, Infinity, false);
  const presetMinAlpha = preset === 'c' ? alpha * 1e-4 : GENSIM_DEFAULTS.minAlpha;
  const resolved: ResolvedWord2VecOptions = {
    sg,
    cbowMean: pickFlag(options.cbowMean, GENSIM_DEFAULTS.cbowMean, 'cbowMean'),
    dim: pickInteger(options.dim, GENSIM_DEFAULTS.dim, 'dim', 1, 100_000),
    window: pickInteger(options.window, GENSIM_DEFAULTS.window, 'window', 1, 1000),
    negative: pickInteger(options.negative, GENSIM_DEFAULTS.negative, 'negative', 0, 1000),
    hs: pickFlag(options.hs, GENSIM_DEFAULTS.hs, 'hs'),
    sample: pickNumber(options.sample, GENSIM_DEFAULTS.sample, 'sample', 0, 1, true),
    alpha,
    minAlpha: pickNumber(options.minAlpha, presetMinAlpha, 'minAlpha', 0, alpha, true),
    epochs: pickInteger(options.epochs, GENSIM_DEFAULTS.epochs, 'epochs', 1, 1_000_000),
    minCount: pickInteger(options.minCount, GENSIM_DEFAULTS.minCount, 'minCount', 1, Number.MAX_SAFE_INTEGER),
    maxVocabSize:
      options.maxVocabSize === undefined
        ? undefined
        : pickInteger(options.maxVocabSize, 0, 'maxVocabSize', 1, Number.MAX_SAFE_INTEGER),
    seed: pickInteger(options.seed, GENSIM_DEFAULTS.seed, 'seed', 0, 0xffffffff),
    threads: pickInteger(options.threads, GENSIM_DEFAULTS.threads, 'threads', 1, 256),
    tokenizer: options.tokenizer ?? {},
    maxSentenceLength: pickInteger(options.maxSentenceLength, GENSIM_DEFAULTS.maxSentenceLength, 'maxSentenceLength', 1, 1_000_000),
  };
  if (resolved.negative === 0 && resolved.hs === 0) {
    throw new EmbedkitError('BAD_OPTION', 'nothing to train: set negative > 0, hs = 1, or both', { field: 'negative' });
  }
  return resolved;
}
