import type { SharedWasmMemory, WasmModule } from '../shared/wasm-api.js';
import type { GloveLayout } from './layout.js';
import type { GloveKernelSettings } from './wasm-kernel.js';

/** What train.ts hands each worker thread. */
export interface GloveWorkerSetup {
  index: number;
  module: WasmModule;
  memory: SharedWasmMemory;
  layout: GloveLayout;
  settings: GloveKernelSettings;
  /** This worker's records: [start, end). */
  start: number;
  end: number;
  seed: number;
  /** Shared progress: one Int32 per worker, its records done in the current epoch. */
  progress: Int32Array;
}

/** Sent to a worker: run this epoch (1-based) over its records. */
export interface GloveEpochRequest {
  epoch: number;
}

export interface GloveEpochDone {
  cost: number;
}

/** The shuffle seed of one worker in one epoch: distinct per (seed, epoch, worker), fixed by them. */
export function shuffleSeed(seed: number, epoch: number, worker: number): number {
  return (Math.imul(seed, 0x9e3779b1) ^ Math.imul(epoch, 0x85ebca77) ^ Math.imul(worker + 1, 0xc2b2ae3d)) >>> 0;
}
