/**
 * The few WebAssembly JS-API calls used here, typed locally: the project's lib settings (ES2023,
 * no DOM) declare no global WebAssembly namespace, and declaring one globally could clash with others.
 */

/** A compiled module; opaque, and cloneable to worker threads. */
export type WasmModule = { readonly __wasmModule: unique symbol };

export interface SharedWasmMemory {
  /** A new SharedArrayBuffer object after each grow: views must be made again. */
  readonly buffer: SharedArrayBuffer;
  grow(pages: number): number;
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

/** Shared memory: only address space is reserved up to `maximumPages`; pages cost RAM once touched. */
export function createSharedMemory(initialPages: number, maximumPages: number): SharedWasmMemory {
  return new api.Memory({ initial: initialPages, maximum: maximumPages, shared: true });
}

export function instantiateWasm(module: WasmModule, imports: object): Record<string, unknown> {
  return new api.Instance(module, imports).exports;
}
