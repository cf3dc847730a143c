import { readFileSync } from 'node:fs';

/** The WebAssembly JS API calls of the synchronous kernels; the project's lib settings declare no WebAssembly global. */
export interface SyncWasmApi<Memory> {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum: number; shared: true }) => Memory;
}

export function syncWasmApi<Memory>(): SyncWasmApi<Memory> | undefined {
  return (globalThis as unknown as { WebAssembly?: SyncWasmApi<Memory> }).WebAssembly;
}

/**
 * The compiled module of a built .wasm file, or null when there is none: not built (a bare `tsc`), or a runtime
 * without WebAssembly SIMD. Callers then run their TypeScript loops, which do the same work.
 */
function compileWasmFileSync(url: URL): object | null {
  const api = syncWasmApi<unknown>();
  if (!api) return null;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(url);
  } catch {
    return null;
  }
  try {
    return new api.Module(bytes);
  } catch {
    return null;
  }
}

/**
 * A built kernel that can be switched off (tests and benchmarks compare it with the TypeScript loops):
 * compiled on first use, once; `module()` is null when it is off or not available.
 */
export class SwitchableKernel {
  enabled = true;
  private compiled: object | null | undefined;

  constructor(private readonly url: URL) {}

  module(): object | null {
    if (!this.enabled) return null;
    if (this.compiled === undefined) this.compiled = compileWasmFileSync(this.url);
    return this.compiled;
  }
}
