import { readFile } from 'node:fs/promises';
import { EmbedkitError } from '../../errors.js';
import { compileWasm, instantiateWasm, type SharedWasmMemory, type WasmModule } from '../word2vec/wasm-api.js';
import type { GloveLayout } from './layout.js';

/** What the kernel needs besides the layout. */
export interface GloveKernelSettings {
  xMax: number;
  alpha: number;
  learningRate: number;
}

/** The exports of assembly/glove.ts. */
interface GloveExports {
  configure(
    params: number, biases: number, rows: number, cols: number, values: number,
    paddedDim: number, vocabularySize: number, xMax: number, alpha: number, learningRate: number,
  ): void;
  train(start: number, end: number): number;
}

export interface GloveKernel {
  /** One AdaGrad step per record of [start, end), in order; returns their summed loss (each before its step). */
  train(start: number, end: number): number;
}

/** Built by scripts/build-wasm.mjs next to the compiled sources: dist/wasm/glove.wasm. */
const KERNEL_URL = new URL('../../../wasm/glove.wasm', import.meta.url);

export async function compileKernel(): Promise<WasmModule> {
  let bytes: Buffer;
  try {
    bytes = await readFile(KERNEL_URL);
  } catch {
    throw new EmbedkitError('WASM_MISSING', 'the GloVe kernel dist/wasm/glove.wasm is missing: run `npm run build`', {
      file: 'dist/wasm/glove.wasm',
    });
  }
  return compileWasm(bytes);
}

export function instantiateKernel(module: WasmModule, memory: SharedWasmMemory, layout: GloveLayout, settings: GloveKernelSettings): GloveKernel {
  const exports = instantiateWasm(module, { env: { memory } }) as unknown as GloveExports;
  exports.configure(
    layout.params, layout.biases, layout.rows, layout.cols, layout.values,
    layout.paddedDim, layout.vocabularySize, settings.xMax, settings.alpha, settings.learningRate,
  );
  return { train: (start, end) => exports.train(start, end) };
}
