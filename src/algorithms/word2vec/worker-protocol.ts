import type { SharedWasmMemory, WasmModule } from './wasm-api.js';

/** What train.ts hands each worker thread. */
export interface WorkerSetup {
  index: number;
  module: WasmModule;
  memory: SharedWasmMemory;
  configOffset: number;
  /** This worker's slice of the id stream, in tokens: [start, end), on sentence boundaries. */
  start: number;
  end: number;
  alpha: number;
  minAlpha: number;
  /** Epochs × words: what the learning-rate schedule counts towards. */
  totalWords: number;
  /** Shared progress: a BigInt64 word counter, then per worker (loss sum, loss count) as Float64. */
  progress: SharedArrayBuffer;
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
