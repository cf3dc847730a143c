import { instantiateWasm, type SharedWasmMemory, type WasmModule } from '../shared/wasm-api.js';
import { compileKernelFile } from '../shared/wasm-kernel.js';
import type { GloveLayout } from './layout.js';

/** What the kernel needs besides the layout. */
export interface GloveKernelSettings {
  xMax: number;
  alpha: number;
  learningRate: number;
  biasLearningRate: number;
}

/** The exports of assembly/glove.ts. */
interface GloveExports {
  configure(
    params: number, biases: number, rows: number, cols: number, values: number,
    paddedDim: number, vocabularySize: number, xMax: number, alpha: number, learningRate: number, biasLearningRate: number,
  ): void;
  train(start: number, end: number): number;
}

export interface GloveKernel {
  /** One AdaGrad step per record of [start, end), in order; returns their summed loss (each before its step). */
  train(start: number, end: number): number;
}

/** dist/wasm/glove.wasm, built by scripts/build-wasm.mjs from assembly/glove.ts. */
export function compileKernel(): Promise<WasmModule> {
  return compileKernelFile('glove', 'GloVe');
}

export function instantiateKernel(module: WasmModule, memory: SharedWasmMemory, layout: GloveLayout, settings: GloveKernelSettings): GloveKernel {
  const exports = instantiateWasm(module, { env: { memory } }) as unknown as GloveExports;
  exports.configure(
    layout.params, layout.biases, layout.rows, layout.cols, layout.values,
    layout.paddedDim, layout.vocabularySize, settings.xMax, settings.alpha, settings.learningRate, settings.biasLearningRate,
  );
  return { train: (start, end) => exports.train(start, end) };
}
