import type { SharedWasmMemory, WasmModule } from './wasm-api.js';

/**
 * What the Word2Vec and fastText trainers hand each worker thread: its slice of the id stream and
 * the learning-rate schedule it follows.
 */
export interface StreamSliceSetup {
  index: number;
  /** This worker's blocks of the id stream, in tokens: [start, end) pairs, flat, on sentence boundaries. */
  ranges: number[];
  /** When set, the blocks are visited in a new order every epoch, drawn from this seed and the epoch. */
  shuffleSeed?: number;
  alpha: number;
  minAlpha: number;
  /** Epochs × words: what the learning-rate schedule counts towards. */
  totalWords: number;
  /** Shared progress: a BigInt64 word counter, then per worker (loss sum, loss count) as Float64. */
  progress: SharedArrayBuffer;
}

/** A stream slice trained by a wasm kernel whose configuration block is at `configOffset`. */
export interface WasmSliceSetup extends StreamSliceSetup {
  module: WasmModule;
  memory: SharedWasmMemory;
  configOffset: number;
}

/** A worker's answer at the end of an epoch. */
export interface WorkerDone {
  words: number;
  loss: number;
  lossCount: number;
  alpha: number;
}

export const PROGRESS_WORDS = 0;

/** Float64 index of a worker's loss sum (its count follows); slot 0 holds the word counter. */
export function lossSlot(worker: number): number {
  return 1 + 2 * worker;
}

export function progressBytes(threads: number): number {
  return 8 * (1 + 2 * threads);
}
