import { EmbedkitError } from '../../errors.js';
import type { TokenizeOptions } from '../../text/tokenize.js';
import type { Vocabulary } from '../../vocab/vocabulary.js';
import { pickBoolean, pickInteger, pickNumber } from '../shared/option-checks.js';

/** Reported while counting, at most a few times a second. */
export interface CooccurrenceProgress {
  phase: 'vocabulary' | 'count' | 'merge';
  /** Tokens read in this phase (vocabulary, count) or records merged (merge). */
  done: number;
  /** Sorted runs written to the temporary directory so far. */
  spilledRuns: number;
}

export interface CooccurrenceOptions {
  /** 'c': the C tools' built-in defaults (vocab_count -min-count 1, cooccur -window-size 15) before the explicit options. */
  preset?: 'c';
  /** Largest distance between two co-occurring words. */
  window?: number;
  /** Count the context on both sides (X symmetric); false: only words to the left, X[left][right]. */
  symmetric?: boolean;
  /** A pair d words apart adds 1/d instead of 1. */
  distanceWeighting?: boolean;
  minCount?: number;
  /** Keep at most this many words, the most frequent. */
  maxVocab?: number;
  /** Memory for the pair table while counting; beyond it sorted runs are spilled to `tmpDir` and merged. */
  memoryGB?: number;
  /** Where the spilled runs go (a fresh directory inside it, removed afterwards). Default: the OS temp dir. */
  tmpDir?: string;
  tokenizer?: TokenizeOptions;
  /** Count with this vocabulary (it must have no specials) instead of building one. */
  vocabulary?: Vocabulary;
  onProgress?: (progress: CooccurrenceProgress) => void;
}

export interface ResolvedCooccurrenceOptions {
  window: number;
  symmetric: boolean;
  distanceWeighting: boolean;
  minCount: number;
  maxVocab: number | undefined;
  memoryBytes: number;
  tmpDir: string | undefined;
  tokenizer: TokenizeOptions;
}

export interface GloveProgress {
  /** Fraction of all epochs × records done, 0..1. */
  progress: number;
  recordsPerSec: number;
  etaSeconds: number;
}

export interface GloveEpoch {
  epoch: number;
  /** The C tool's cost: mean of ½ f(X_ij) (w_i·w̃_j + b_i + b̃_j − log X_ij)² over the records, before each update. */
  cost: number;
  seconds: number;
}

/** Counting options apply when training from a corpus; `onCountProgress` then reports the counting. */
export interface GloveOptions extends Omit<CooccurrenceOptions, 'onProgress'> {
  /** 'c': the C tools' built-in defaults (vector-size 50, iter 25, window 15, min-count 1) before the explicit options. */
  preset?: 'c';
  dim?: number;
  /** Co-occurrence count at which the weight f(x) = min(1, (x / xMax)^alpha) reaches 1. */
  xMax?: number;
  alpha?: number;
  epochs?: number;
  /** AdaGrad's initial step (the C tool's eta). */
  learningRate?: number;
  /**
   * AdaGrad's initial step for the biases. 1 (default), as the GloVe tool's current glove.c, whose bias
   * updates carry no eta (its 2014 release scaled them by eta: set `learningRate` here for that). On en7m
   * the difference is WS-353 0.200 → 0.229.
   */
  biasLearningRate?: number;
  /** Worker threads sharing the weights without locks (Hogwild); only 1 thread is deterministic. */
  threads?: number;
  seed?: number;
  /** 'sum': W + W̃, as the GloVe paper and the C tool's -model 2; 'word': W only. */
  output?: 'sum' | 'word';
  onProgress?: (progress: GloveProgress) => void;
  onCountProgress?: (progress: CooccurrenceProgress) => void;
  onEpochEnd?: (epoch: GloveEpoch) => void;
}

export interface ResolvedGloveOptions {
  dim: number;
  xMax: number;
  alpha: number;
  epochs: number;
  learningRate: number;
  biasLearningRate: number;
  threads: number;
  seed: number;
  output: 'sum' | 'word';
}

export const DEFAULT_COOCCURRENCE: ResolvedCooccurrenceOptions = {
  window: 10,
  symmetric: true,
  distanceWeighting: true,
  minCount: 5,
  maxVocab: undefined,
  memoryBytes: 2 * 2 ** 30,
  tmpDir: undefined,
  tokenizer: {},
};

export const DEFAULT_GLOVE: ResolvedGloveOptions = {
  dim: 100,
  xMax: 100,
  alpha: 0.75,
  epochs: 15,
  learningRate: 0.05,
  biasLearningRate: 1,
  threads: 2,
  seed: 1,
  output: 'sum',
};

/** The built-in defaults of the GloVe C tools (vocab_count, cooccur, glove), not those of its demo.sh. */
const C_COOCCURRENCE: Partial<ResolvedCooccurrenceOptions> = { window: 15, minCount: 1 };
const C_GLOVE: Partial<ResolvedGloveOptions> = { dim: 50, epochs: 25, xMax: 100, alpha: 0.75, learningRate: 0.05, biasLearningRate: 1, output: 'sum' };

export function resolveCooccurrenceOptions(options: CooccurrenceOptions = {}): ResolvedCooccurrenceOptions {
  const base = { ...DEFAULT_COOCCURRENCE, ...(checkPreset(options.preset) ? C_COOCCURRENCE : {}) };
  return {
    window: pickInteger(options.window, base.window, 'window', 1, 10_000),
    symmetric: pickBoolean(options.symmetric, base.symmetric, 'symmetric'),
    distanceWeighting: pickBoolean(options.distanceWeighting, base.distanceWeighting, 'distanceWeighting'),
    minCount: pickInteger(options.minCount, base.minCount, 'minCount', 1, Number.MAX_SAFE_INTEGER),
    maxVocab: options.maxVocab === undefined ? undefined : pickInteger(options.maxVocab, 0, 'maxVocab', 1, Number.MAX_SAFE_INTEGER),
    memoryBytes: pickNumber(options.memoryGB, base.memoryBytes / 2 ** 30, 'memoryGB', 0, 1024, false) * 2 ** 30,
    tmpDir: options.tmpDir,
    tokenizer: options.tokenizer ?? {},
  };
}

export function resolveGloveOptions(options: GloveOptions = {}): ResolvedGloveOptions {
  const base = { ...DEFAULT_GLOVE, ...(checkPreset(options.preset) ? C_GLOVE : {}) };
  const output = options.output ?? base.output;
  if (output !== 'sum' && output !== 'word') {
    throw new EmbedkitError('BAD_OPTION', `output must be "sum" or "word", got ${JSON.stringify(output)}`, { field: 'output' });
  }
  return {
    dim: pickInteger(options.dim, base.dim, 'dim', 1, 100_000),
    xMax: pickNumber(options.xMax, base.xMax, 'xMax', 0, Infinity, false),
    alpha: pickNumber(options.alpha, base.alpha, 'alpha', 0, 100, false),
    epochs: pickInteger(options.epochs, base.epochs, 'epochs', 1, 1_000_000),
    learningRate: pickNumber(options.learningRate, base.learningRate, 'learningRate', 0, Infinity, false),
    biasLearningRate: pickNumber(options.biasLearningRate, base.biasLearningRate, 'biasLearningRate', 0, Infinity, false),
    threads: pickInteger(options.threads, base.threads, 'threads', 1, 256),
    seed: pickInteger(options.seed, base.seed, 'seed', 0, 0xffffffff),
    output,
  };
}

function checkPreset(preset: unknown): boolean {
  if (preset === undefined) return false;
  if (preset === 'c') return true;
  throw new EmbedkitError('BAD_OPTION', `preset must be "c" or left out, got ${JSON.stringify(preset)}`, { field: 'preset' });
}
