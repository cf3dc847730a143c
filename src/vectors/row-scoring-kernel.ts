import { SwitchableKernel, syncWasmApi } from '../util/wasm-sync.js';

/**
 * The host side of assembly/vectors.ts (built to dist/wasm/vectors.wasm by `npm run build`): scores
 * every row of a unit-norm matrix against a query with WebAssembly SIMD. A kernel can only read its own
 * memory, so the matrices it scores are allocated inside one (`allocateScorableRows`, called by
 * normalizeRows): each gets a memory of its own, sized once, holding the matrix, a query slot and a
 * score slot, and freed with the matrix. Every other matrix, or every matrix when the .wasm file is
 * missing or memory cannot be had, is scored by the TypeScript loop in vector-math.ts.
 */

interface VectorKernelExports {
  multiplyRowsF64(matrix: number, rows: number, dim: number, query: number, out: number): void;
  multiplyRowsF32(matrix: number, rows: number, dim: number, query: number, out: number): void;
  normalizeRowsInPlace(matrix: number, rows: number, dim: number): void;
}

interface SharedMemory {
  readonly buffer: SharedArrayBuffer;
}


/**
 * How the kernel sums. float32 (the default): the query rounded to float32, four f32x4 accumulators,
 * scores within ~1e-7 of the float64 loop and 1.5–2.5× faster than float64 sums (the widening costs
 * more than the matrix read); float64: within ~1e-15.
 */
export type KernelPrecision = 'f64' | 'f32';

const KERNEL_URL = new URL('../../wasm/vectors.wasm', import.meta.url);
const PAGE_BYTES = 65536;
/** The module declares a 4 GiB maximum for its imported memory; ours must fit inside it. */
const MAXIMUM_PAGES = 65536;

const kernel = new SwitchableKernel(KERNEL_URL);
let precision: KernelPrecision = 'f32';

/** One matrix in its own memory, with the slots a query needs beside it. */
interface ScorableRows {
  readonly kernels: VectorKernelExports;
  readonly matrixStart: number;
  readonly matrixEnd: number;
  /** The query slot: dim float64s, or dim float32s at its start in float32 precision. */
  readonly query: Float64Array;
  readonly queryF32: Float32Array;
  readonly scores: Float64Array;
}

// Keyed by the memory's buffer, so subarrays of a matrix (the first `rows` of a store) are found too.
const scorableOfBuffer = new WeakMap<SharedArrayBuffer, ScorableRows>();

/** Turns the kernel on or off for matrices allocated afterwards; tests and benchmarks compare both paths. */
export function setVectorKernelsEnabled(enabled: boolean): void {
  kernel.enabled = enabled;
}

/** Sums in float32 (default) or float64, for every matrix. */
export function setVectorKernelPrecision(value: KernelPrecision): void {
  precision = value;
}

/** Whether allocateScorableRows would now return kernel memory. */
export function vectorKernelsAvailable(): boolean {
  return kernel.module() !== null;
}

const align16 = (bytes: number): number => (bytes + 15) & ~15;

/**
 * A zero-filled rows × dim Float32Array inside a kernel's memory, which multiplyRowsWithKernel can
 * score; undefined when the kernel is missing or off, or the memory cannot be had.
 */
export function allocateScorableRows(rows: number, dim: number): Float32Array | undefined {
  if (rows <= 0 || dim <= 0) return undefined;
  const module = kernel.module();
  const api = syncWasmApi<SharedMemory>();
  if (!module || !api) return undefined;
  const matrixBytes = align16(rows * dim * 4);
  const queryBytes = align16(dim * 8);
  const totalBytes = matrixBytes + queryBytes + rows * 8;
  const pages = Math.max(1, Math.ceil(totalBytes / PAGE_BYTES));
  if (pages > MAXIMUM_PAGES) return undefined;
  try {
    // The maximum equals the initial size: the matrix never grows, and shared memories reserve their maximum.
    const memory = new api.Memory({ initial: pages, maximum: pages, shared: true });
    const instance = new api.Instance(module, { env: { memory, abort: abortFromKernel } });
    const buffer = memory.buffer;
    const queryStart = matrixBytes;
    const scoresStart = matrixBytes + queryBytes;
    scorableOfBuffer.set(buffer, {
      kernels: instance.exports as unknown as VectorKernelExports,
      matrixStart: 0,
      matrixEnd: rows * dim * 4,
      query: new Float64Array(buffer, queryStart, dim),
      queryF32: new Float32Array(buffer, queryStart, dim),
      scores: new Float64Array(buffer, scoresStart, rows),
    });
    return new Float32Array(buffer, 0, rows * dim);
  } catch {
    // Out of memory or address space for another memory: the TypeScript loop scores this matrix.
    return undefined;
  }
}

/**
 * out[row] = matrix[row] · query for row in [0, rows) on the kernel, when `matrix` lies in a memory
 * from allocateScorableRows; returns false (and does nothing) otherwise.
 */
export function multiplyRowsWithKernel(matrix: Float32Array, rows: number, dim: number, query: Float64Array, out: Float64Array): boolean {
  const buffer = matrix.buffer;
  if (!(buffer instanceof SharedArrayBuffer)) return false;
  const scorable = scorableOfBuffer.get(buffer);
  if (scorable === undefined || scorable.query.length !== dim) return false;
  const start = matrix.byteOffset;
  if (start < scorable.matrixStart || start + rows * dim * 4 > scorable.matrixEnd || (start - scorable.matrixStart) % 4 !== 0) return false;
  if (rows > scorable.scores.length || query.length < dim || out.length < rows) return false;
  if (precision === 'f64') {
    scorable.query.set(query.length === dim ? query : query.subarray(0, dim));
    scorable.kernels.multiplyRowsF64(start, rows, dim, scorable.query.byteOffset, scorable.scores.byteOffset);
  } else {
    for (let j = 0; j < dim; j++) scorable.queryF32[j] = query[j];
    scorable.kernels.multiplyRowsF32(start, rows, dim, scorable.queryF32.byteOffset, scorable.scores.byteOffset);
  }
  out.set(rows === scorable.scores.length ? scorable.scores : scorable.scores.subarray(0, rows));
  return true;
}

/**
 * Scales the rows of `matrix` to unit length in place on the kernel, when `matrix` lies in a memory
 * from allocateScorableRows; returns false (and does nothing) otherwise.
 */
export function normalizeRowsWithKernel(matrix: Float32Array, rows: number, dim: number): boolean {
  const buffer = matrix.buffer;
  if (!(buffer instanceof SharedArrayBuffer)) return false;
  const scorable = scorableOfBuffer.get(buffer);
  if (scorable === undefined || matrix.byteOffset < scorable.matrixStart || matrix.byteOffset + rows * dim * 4 > scorable.matrixEnd) return false;
  scorable.kernels.normalizeRowsInPlace(matrix.byteOffset, rows, dim);
  return true;
}

function abortFromKernel(): never {
  throw new Error('vector kernel aborted');
}
