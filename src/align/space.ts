import { EmbedkitError } from '../errors.js';

/**
 * One side of an alignment: `count` rows of `dim` values, row-major. Alignment works on the
 * first rows of a store (files are frequency-ordered), so `count` may be less than the store's size.
 */
export interface Space {
  vectors: Float32Array;
  count: number;
  dim: number;
}

export interface NormalizeOptions {
  /** Subtract the mean row after unit-normalising, then normalise again (MUSE's "renorm,center,renorm"). */
  center?: boolean;
}

/** A normalised copy of the first `count` rows, and the mean removed (zeros when not centred). */
export interface NormalizedSpace extends Space {
  mean: Float32Array;
}

/**
 * Unit rows, optionally centred and unit again: cosine then equals the dot product, which every
 * retrieval here relies on. The mean is computed over the rows given, and returned so the same
 * shift can be applied to new vectors (see `normalizeWith`).
 */
export function normalizeSpace(vectors: Float32Array, count: number, dim: number, options: NormalizeOptions = {}): NormalizedSpace {
  checkSpace(vectors, count, dim);
  const out = new Float32Array(count * dim);
  out.set(vectors.subarray(0, count * dim));
  for (let row = 0; row < count; row++) scaleRowToUnit(out, row * dim, dim);
  const mean = new Float32Array(dim);
  if (options.center && count > 0) {
    const sum = new Float64Array(dim);
    for (let row = 0; row < count; row++) for (let j = 0; j < dim; j++) sum[j] += out[row * dim + j];
    for (let j = 0; j < dim; j++) mean[j] = sum[j] / count;
    for (let row = 0; row < count; row++) {
      for (let j = 0; j < dim; j++) out[row * dim + j] -= mean[j];
      scaleRowToUnit(out, row * dim, dim);
    }
  }
  return { vectors: out, count, dim, mean };
}

/** Normalises `rows` vectors in place as `normalizeSpace` did its own: unit, minus `mean`, unit. */
export function normalizeWith(vectors: Float32Array, rows: number, dim: number, mean: Float32Array): void {
  let centred = false;
  for (let j = 0; j < dim; j++) if (mean[j] !== 0) centred = true;
  for (let row = 0; row < rows; row++) {
    const base = row * dim;
    scaleRowToUnit(vectors, base, dim);
    if (!centred) continue;
    for (let j = 0; j < dim; j++) vectors[base + j] -= mean[j];
    scaleRowToUnit(vectors, base, dim);
  }
}

/** Zero rows stay zero: a word without a vector should match nothing rather than produce NaN. */
export function scaleRowToUnit(data: Float32Array, base: number, dim: number): void {
  let sum = 0;
  for (let j = 0; j < dim; j++) sum += data[base + j] * data[base + j];
  if (sum === 0) return;
  const scale = 1 / Math.sqrt(sum);
  for (let j = 0; j < dim; j++) data[base + j] *= scale;
}

export function checkSpace(vectors: Float32Array, count: number, dim: number): void {
  if (!Number.isInteger(dim) || dim < 1 || !Number.isInteger(count) || count < 0 || vectors.length < count * dim) {
    throw new EmbedkitError('BAD_SHAPE', `${count} rows × ${dim} dimensions need ${count * dim} values, got ${vectors.length}`, {
      field: 'vectors',
    });
  }
}
