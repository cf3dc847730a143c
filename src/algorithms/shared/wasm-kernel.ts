import { readFile } from 'node:fs/promises';
import { EmbedkitError } from '../../errors.js';
import { compileWasm, instantiateWasm, type SharedWasmMemory, type WasmModule } from './wasm-api.js';

/** The exports of the stream kernels assembly/word2vec.ts and assembly/fasttext.ts. */
export interface StreamKernelExports {
  configure(configOffset: number): void;
  /** Trains whole sentences from `position` until `wordBudget` words were read or `end`; returns the next position. */
  train(position: number, end: number, wordBudget: number, alpha: number): number;
  wordsRead(): number;
  loss(): number;
  lossCount(): number;
  resetLoss(): void;
}

/** The bytes of dist/wasm/<name>.wasm, built by scripts/build-wasm.mjs from assembly/<name>.ts; null when missing. */
export async function readKernelFile(name: string): Promise<Buffer | null> {
  try {
    return await readFile(new URL(`../../../wasm/${name}.wasm`, import.meta.url));
  } catch {
    return null;
  }
}

/** Compiles dist/wasm/<name>.wasm; `title` names the kernel in the error when it was not built. */
export async function compileKernelFile(name: string, title: string): Promise<WasmModule> {
  const bytes = await readKernelFile(name);
  if (bytes === null) throw kernelMissing(name, title);
  return compileWasm(bytes);
}

export function kernelMissing(name: string, title: string): EmbedkitError {
  return new EmbedkitError('WASM_MISSING', `the ${title} kernel dist/wasm/${name}.wasm is missing: run \`npm run build\``, {
    file: `dist/wasm/${name}.wasm`,
  });
}

export function instantiateStreamKernel(module: WasmModule, memory: SharedWasmMemory): StreamKernelExports {
  return instantiateWasm(module, { env: { memory } }) as unknown as StreamKernelExports;
}
