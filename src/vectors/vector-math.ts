/**
 * The few dense kernels the vector store needs, on flat row-major arrays. Sums are accumulated in
 * float64 (JS numbers) over float32 storage, so cosines are as exact as the stored values allow.
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

/** Every row scaled to unit length (zero rows stay zero), as a new array. */
export function normalizeRows(vectors: Float32Array, rows: number, dim: number): Float32Array {
  const out = new Float32Array(rows * dim);
  for (let row = 0, offset = 0; row < rows; row++, offset += dim) {
    const length = norm(vectors, offset, dim);
    if (length === 0) continue;
    const inverse = 1 / length;
    for (let j = offset; j < offset + dim; j++) out[j] = vectors[j] * inverse;
  }
  return out;
}

/** out[row] = matrix[row] · query for row in [0, rows): the one matrix-vector product of a query. */
export function multiplyRows(matrix: Float32Array, rows: number, dim: number, query: Float64Array, out: Float64Array): void {
  for (let row = 0, offset = 0; row < rows; row++, offset += dim) {
    let sum = 0;
    for (let j = 0; j < dim; j++) sum += matrix[offset + j] * query[j];
    out[row] = sum;
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
