import { SwitchableKernel, syncWasmApi } from '../util/wasm-sync.js';

/**
 * The host side of the text classifier's WebAssembly SIMD kernels (assembly/classifier.ts, built to
 * dist/wasm/classifier.wasm by `npm run build`). An Embedding that can use them keeps its table, the
 * optimizer keeps that table's moments, and both keep their batch buffers in one KernelArena: a
 * WebAssembly memory owned by that layer alone, freed with it. Every array handed out is an ordinary
 * Float32Array/Int32Array view, so the rest of the library reads and writes them as usual.
 *
 * The kernels give the same floats as the TypeScript code beside them, which stays the reference and
 * the fallback when the .wasm file is missing (e.g. after a bare `tsc`) or the kernels are switched off.
 */

interface KernelExports {
  gatherMean(ids: number, batch: number, steps: number, maskZero: number, table: number, d: number, out: number, inverseCounts: number): void;
  scatterMean(
    ids: number,
    batch: number,
    steps: number,
    maskZero: number,
    d: number,
    gradMeans: number,
    inverseCounts: number,
    tokenGrad: number,
    slotOfRow: number,
    rows: number,
    grads: number,
  ): number;
  adamRows(
    w: number,
    m: number,
    v: number,
    grads: number,
    rows: number,
    count: number,
    d: number,
    alpha: number,
    oneMinusBeta1: number,
    oneMinusBeta2: number,
    epsilon: number,
    slowFromRow: number,
    slowAlpha: number,
  ): void;
}

interface GrowableMemory {
  readonly buffer: SharedArrayBuffer;
  grow(pages: number): number;
}


const KERNEL_URL = new URL('../../wasm/classifier.wasm', import.meta.url);
const PAGE_BYTES = 65536;
/** The module declares a 4 GiB maximum for its imported memory; ours must fit inside it. */
const MAXIMUM_PAGES = 65536;

const kernel = new SwitchableKernel(KERNEL_URL);

/**
 * Turns the kernels on or off for layers built afterwards (on by default when the .wasm file exists).
 * Tests use it to check that both paths give the same numbers; benchmarks to measure each.
 */
export function setClassifierKernelsEnabled(enabled: boolean): void {
  kernel.enabled = enabled;
}

/** Whether a layer built now would run on the kernels. */
export function classifierKernelsAvailable(): boolean {
  return kernel.module() !== null;
}

const arenaOfValue = new WeakMap<Float32Array, KernelArena>();

/** The arena a parameter's values live in, if its layer runs on the kernels. */
export function arenaHolding(value: Float32Array): KernelArena | undefined {
  return arenaOfValue.get(value);
}

/** A bump allocator over one growable memory; nothing is freed before the whole arena is. */
export class KernelArena {
  readonly kernels: KernelExports;
  private readonly memory: GrowableMemory;
  private top = 0;
  /**
   * A shared memory hands out a new SharedArrayBuffer object after each grow; views made before stay
   * valid. Remembering each lets `holds` tell our views from anyone else's.
   */
  private readonly buffers = new WeakSet<SharedArrayBuffer>();

  private constructor(memory: GrowableMemory, kernels: KernelExports) {
    this.memory = memory;
    this.kernels = kernels;
    this.buffers.add(memory.buffer);
  }

  /** A new arena of at least `bytes`, or undefined when the kernels are unavailable or off. */
  static create(bytes: number): KernelArena | undefined {
    const module = kernel.module();
    const api = syncWasmApi<GrowableMemory>();
    if (!module || !api) return undefined;
    const pages = Math.ceil(bytes / PAGE_BYTES) + 1;
    // Leaves room to grow for batch buffers.
    if (pages > MAXIMUM_PAGES / 2) return undefined;
    try {
      const memory = new api.Memory({ initial: pages, maximum: MAXIMUM_PAGES, shared: true });
      const instance = new api.Instance(module, { env: { memory, abort: abortFromKernel } });
      return new KernelArena(memory, instance.exports as unknown as KernelExports);
    } catch {
      // Out of address space for another memory: this layer runs the TypeScript path.
      return undefined;
    }
  }

  /** Zero-filled, 16-byte aligned. */
  allocFloat32(length: number): Float32Array {
    const buffer = this.reserve(length * 4);
    return new Float32Array(buffer, this.top - length * 4, length);
  }

  /** Zero-filled, 16-byte aligned. */
  allocInt32(length: number): Int32Array {
    const buffer = this.reserve(length * 4);
    return new Int32Array(buffer, this.top - length * 4, length);
  }

  /** Whether a view points into this arena (its byteOffset is then its address for the kernels). */
  holds(view: Float32Array | Int32Array): boolean {
    return view.buffer instanceof SharedArrayBuffer && this.buffers.has(view.buffer);
  }

  /** Marks a parameter's values as living here, for the optimizer to find. */
  registerParameterValue(value: Float32Array): void {
    arenaOfValue.set(value, this);
  }

  private reserve(bytes: number): SharedArrayBuffer {
    const start = (this.top + 15) & ~15;
    const end = start + bytes;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      const pages = Math.ceil((end - have) / PAGE_BYTES);
      this.memory.grow(pages);
    }
    this.top = end;
    const buffer = this.memory.buffer;
    this.buffers.add(buffer);
    return buffer;
  }
}

function abortFromKernel(): never {
  throw new Error('classifier kernel aborted');
}
