/**
 * The few WebAssembly JS-API calls used here, typed locally: the project's lib settings (ES2023,
 * no DOM) declare no global WebAssembly namespace, and declaring one globally could clash with others.
 */

/** A compiled module; opaque, and cloneable to worker threads. */
export type WasmModule = { readonly __wasmModule: unique symbol };

export interface SharedWasmMemory {
  readonly buffer: SharedArrayBuffer;
}

interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  Memory: new (descriptor: { initial: number; maximum: number; shared: true }) => SharedWasmMemory;
  Instance: new (module: WasmModule, imports: object) => { exports: Record<string, unknown> };
}

const api = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

export function compileWasm(bytes: Uint8Array): Promise<WasmModule> {
  return api.compile(bytes);
}

/** Fixed-size shared memory: growing it would mean rebuilding every worker's views. */
export function createSharedMemory(pages: number): SharedWasmMemory {
  return new api.Memory({ initial: pages, maximum: pages, shared: true });
}

export function instantiateWasm(module: WasmModule, imports: object): Record<string, unknown> {
  return new api.Instance(module, imports).exports;
}
