import type { KernelArrays, KernelSettings } from './kernel.js';

/** What train.ts hands each worker thread; the arrays are views of SharedArrayBuffers (shared, not copied). */
export interface FastTextWorkerSetup {
  index: number;
  arrays: KernelArrays;
  settings: KernelSettings;
  seed: number;
  /** This worker's slice of the id stream: [start, end), on sentence boundaries. */
  start: number;
  end: number;
  alpha: number;
  minAlpha: number;
  /** Epochs × words: what the learning-rate schedule counts towards. */
  totalWords: number;
  /** Shared progress, laid out as the Word2Vec trainer's (word counter, then loss sum/count per worker). */
  progress: SharedArrayBuffer;
}
