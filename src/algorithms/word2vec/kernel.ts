import { readFile } from 'node:fs/promises';
import { EmbedkitError } from '../../errors.js';
import { compileWasm, instantiateWasm, type SharedWasmMemory, type WasmModule } from './wasm-api.js';

/** The exports of assembly/word2vec.ts. */
export interface Word2VecKernel {
  configure(configOffset: number): void;
  /** Trains whole sentences from `position` until `wordBudget` words were read or `end`; returns the next position. */
  train(position: number, end: number, wordBudget: number, alpha: number): number;
  wordsRead(): number;
  loss(): number;
  lossCount(): number;
  resetLoss(): void;
}

/** Built by scripts/build-wasm.mjs next to the compiled sources: dist/wasm/word2vec.wasm. */
const KERNEL_URL = new URL('../../../wasm/word2vec.wasm', import.meta.url);

export async function compileKernel(): Promise<WasmModule> {
  let bytes: Buffer;
  try {
    bytes = await readFile(KERNEL_URL);
  } catch {
    throw new EmbedkitError('WASM_MISSING', 'the Word2Vec kernel dist/wasm/word2vec.wasm is missing: run `npm run build`', {
      file: 'dist/wasm/word2vec.wasm',
    });
  }
  return compileWasm(bytes);
}

export function instantiateKernel(module: WasmModule, memory: SharedWasmMemory): Word2VecKernel {
  return instantiateWasm(module, { env: { memory } }) as unknown as Word2VecKernel;
}
