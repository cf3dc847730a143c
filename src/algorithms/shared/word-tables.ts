// The per-word tables both stream kernels (assembly/word2vec.ts, assembly/fasttext.ts) read from the
// shared memory: σ and −log σ lookup tables, keep probabilities for subsampling, and the Walker alias
// table of the noise distribution that negatives are drawn from.
import type { NoiseTable } from '../../vocab/sampling.js';
import type { ByteAllocator } from './memory-layout.js';

/** Byte offsets of the tables in the shared memory. */
export interface WordTableOffsets {
  sigmoid: number;
  negLogSigmoid: number;
  keepProbability: number;
  aliasProbability: number;
  aliasIndex: number;
}

/** Places the tables for `vocabSize` words and a sigmoid table of `sigmoidSize` + 1 points. */
export function takeWordTables(allocator: ByteAllocator, vocabSize: number, sigmoidSize: number): WordTableOffsets {
  return {
    sigmoid: allocator.take(4 * (sigmoidSize + 1)),
    negLogSigmoid: allocator.take(4 * (sigmoidSize + 1)),
    keepProbability: allocator.take(4 * vocabSize),
    aliasProbability: allocator.take(4 * vocabSize),
    aliasIndex: allocator.take(4 * vocabSize),
  };
}

export interface WordTables {
  /** σ sampled at sigmoidSize + 1 points over [−maxSigmoid, maxSigmoid]. */
  sigmoidSize: number;
  maxSigmoid: number;
  /** Per word: the probability of keeping an occurrence. */
  keep: Float32Array;
  /** Left unwritten (no negatives drawn) when absent. */
  noise: NoiseTable | undefined;
}

/**
 * σ(x) and −log σ(x) sampled at size + 1 points evenly over [−max, max], as the kernels look them up
 * (word2vec's table: 1000 points over ±6; fastText's: 512 over ±8).
 */
export function fillSigmoidTables(sigmoid: Float32Array, negLogSigmoid: Float32Array, size: number, max: number): void {
  for (let i = 0; i <= size; i++) {
    const x = ((i / size) * 2 - 1) * max;
    sigmoid[i] = 1 / (1 + Math.exp(-x));
    negLogSigmoid[i] = Math.log1p(Math.exp(-x));
  }
}

export function writeWordTables(buffer: SharedArrayBuffer, at: WordTableOffsets, tables: WordTables): void {
  const { sigmoidSize } = tables;
  fillSigmoidTables(
    new Float32Array(buffer, at.sigmoid, sigmoidSize + 1),
    new Float32Array(buffer, at.negLogSigmoid, sigmoidSize + 1),
    sigmoidSize,
    tables.maxSigmoid,
  );
  const words = tables.keep.length;
  new Float32Array(buffer, at.keepProbability, words).set(tables.keep);
  if (tables.noise) {
    new Float32Array(buffer, at.aliasProbability, words).set(tables.noise.prob);
    new Int32Array(buffer, at.aliasIndex, words).set(tables.noise.alias);
  }
}
