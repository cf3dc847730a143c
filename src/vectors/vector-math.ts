import { allocateScorableRows, multiplyRowsWithKernel, normalizeRowsWithKernel } from './row-scoring-kernel.js';

/**
 * The few dense kernels the vector store needs, on flat row-major arrays. Sums are accumulated in
 * float64 (JS numbers) over float32 storage, so cosines are as exact as the stored values allow;
 * only multiplyRows on the SIMD kernel sums in float32 (see row-scoring-kernel.ts).
 */

/** Euclidean norm of values[offset, offset + length). */
export function norm(values: ArrayLike<number>, offset = 0, length = values.length - offset): number {
  let sum = 0;
  for (let i = offset; i < offset + length; i++) sum += values[i] * values[i];
  return Math.sqrt(sum);
}

/** A float64 copy of `values` scaled to unit length; a zero vector stays zero. */
export function unitCopy(values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(values as ArrayLike<number>);
  scaleToUnit(out);
  return out;
}

/** Scales in place to unit length; a zero vector stays zero. */
export function scaleToUnit(values: Float64Array): void {
  const length = norm(values);
  if (length === 0) return;
  for (let i = 0; i < values.length; i++) values[i] /= length;
}

/**
 * Below this many values a matrix stays an ordinary Float32Array: a query on it takes microseconds
 * either way, and a WebAssembly memory of its own would cost more than it saves.
 */
const KERNEL_MIN_VALUES = 16384;

/**
 * Every row scaled to unit length (zero rows stay zero), as a new array. Large matrices are allocated
 * inside a WebAssembly memory, so that multiplyRows scores them with the SIMD kernel, and scaled there
 * by the kernel too (within one float32 ulp of the loop below).
 */
export function normalizeRows(vectors: Float32Array, rows: number, dim: number): Float32Array {
  const out = (rows * dim >= KERNEL_MIN_VALUES ? allocateScorableRows(rows, dim) : undefined) ?? new Float32Array(rows * dim);
  if (out.buffer instanceof SharedArrayBuffer) {
    out.set(vectors.length === rows * dim ? vectors : vectors.subarray(0, rows * dim));
    if (normalizeRowsWithKernel(out, rows, dim)) return out;
  }
  for (let row = 0, offset = 0; row < rows; row++, offset += dim) {
    const length = norm(vectors, offset, dim);
    if (length === 0) continue;
    const inverse = 1 / length;
    for (let j = offset; j < offset + dim; j++) out[j] = vectors[j] * inverse;
  }
  return out;
}

/**
 * out[row] = matrix[row] · query for row in [0, rows): the one matrix-vector product of a query. A
 * matrix from normalizeRows is scored by the WebAssembly SIMD kernel (float32
 * sums, within ~1e-7 of the float64 loop, 3–6× faster); any
 * other by the loop below.
 */
export function multiplyRows(matrix: Float32Array, rows: number, dim: number, query: Float64Array, out: Float64Array): void {
  if (multiplyRowsWithKernel(matrix, rows, dim, query, out)) return;
  multiplyRowsInJs(matrix, rows, dim, query, out);
}

/** multiplyRows without the kernel: the reference the kernel is tested against, and its fallback. */
export function multiplyRowsInJs(matrix: Float32Array, rows: number, dim: number, query: Float64Array, out: Float64Array): void {
  // Four independent sums let the CPU overlap the multiply-adds (one chain of dependent adds is ~2× slower).
  const tail = dim - (dim % 4);
  for (let row = 0, offset = 0; row < rows; row++, offset += dim) {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let j = 0;
    for (; j < tail; j += 4) {
      s0 += matrix[offset + j] * query[j];
      s1 += matrix[offset + j + 1] * query[j + 1];
      s2 += matrix[offset + j + 2] * query[j + 2];
      s3 += matrix[offset + j + 3] * query[j + 3];
    }
    for (; j < dim; j++) s0 += matrix[offset + j] * query[j];
    out[row] = s0 + s1 + (s2 + s3);
  }
}

/** Cosine of two vectors; 0 when either is zero. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    normA += a[i] * a[i];
    normB += b[i] * b[i];
  }
  if (normA === 0 || normB === 0) return 0;
  return dot / Math.sqrt(normA * normB);
}
