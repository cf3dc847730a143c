// Pieces common to the layouts of the trainers' shared WebAssembly.Memory: every array is placed
// once, up front, because growing a shared memory would mean rebuilding every worker's views.

/** A wasm page. */
export const PAGE_BYTES = 64 * 1024;
/** The wasm32 address space: 65,536 pages of 64 KiB. */
export const MAX_PAGES = 65536;
/** The kernels' static data sits below this; the host's arrays start here. */
export const RESERVED_BYTES = 64 * 1024;
/** A kernel configuration block: 32 i32 fields, of which each kernel uses its own first few. */
export const CONFIG_BYTES = 32 * 4;

/** Floats per padded row: dim rounded up to a multiple of 4, so f32x4 loops need no scalar tail. */
export function paddedWidth(dim: number): number {
  return Math.ceil(dim / 4) * 4;
}

/** Hands out consecutive byte ranges from `start`, each rounded up to a 64-byte cache line. */
export class ByteAllocator {
  private next: number;

  constructor(start: number) {
    this.next = start;
  }

  /** The offset of a new range of `bytes` (0 bytes: an offset all the same, taking no room). */
  take(bytes: number): number {
    const at = this.next;
    // Cache-line aligned, so rows never straddle more lines than needed.
    this.next += Math.ceil(bytes / 64) * 64;
    return at;
  }

  /** Bytes in use so far, from 0. */
  get end(): number {
    return this.next;
  }

  get pages(): number {
    return Math.ceil(this.next / PAGE_BYTES);
  }
}

/** rows × dim floats copied out of rows padded to `stride` floats at byte `offset`. */
export function copyUnpaddedRows(buffer: SharedArrayBuffer, offset: number, rows: number, dim: number, stride: number): Float32Array {
  const padded = new Float32Array(buffer, offset, rows * stride);
  const compact = new Float32Array(rows * dim);
  for (let row = 0; row < rows; row++) compact.set(padded.subarray(row * stride, row * stride + dim), row * dim);
  return compact;
}
