import { EmbedkitError } from '../errors.js';
import { checkSpace, type Space } from './space.js';
import { svdSquare } from './svd.js';

/** Dictionary pairs as row numbers: source row `source[i]` translates to target row `target[i]`. */
export interface RowPairs {
  source: Int32Array;
  target: Int32Array;
}

/**
 * M = Xᵀ Y over the dictionary pairs (x from the source rows, y from the target rows), a d×d
 * float64 matrix: the only statistic of the pairs that orthogonal Procrustes needs.
 */
export function crossCovariance(source: Space, target: Space, pairs: RowPairs): Float64Array {
  const dim = source.dim;
  if (target.dim !== dim) {
    throw new EmbedkitError('BAD_SHAPE', `source has ${dim} dimensions, target ${target.dim}: an orthogonal map needs the same`, { field: 'dim' });
  }
  if (pairs.source.length !== pairs.target.length) {
    throw new EmbedkitError('BAD_SHAPE', `${pairs.source.length} source rows but ${pairs.target.length} target rows`, { field: 'pairs' });
  }
  checkSpace(source.vectors, source.count, dim);
  checkSpace(target.vectors, target.count, dim);
  const m = new Float64Array(dim * dim);
  const x = new Float64Array(dim);
  for (let p = 0; p < pairs.source.length; p++) {
    const sRow = pairs.source[p];
    const tRow = pairs.target[p];
    if (sRow < 0 || sRow >= source.count || tRow < 0 || tRow >= target.count) {
      throw new EmbedkitError('BAD_INDEX', `pair ${p} (${sRow}, ${tRow}) is outside the spaces (${source.count}, ${target.count} rows)`, {
        field: 'pairs',
      });
    }
    const sBase = sRow * dim;
    const tBase = tRow * dim;
    for (let a = 0; a < dim; a++) x[a] = source.vectors[sBase + a];
    for (let a = 0; a < dim; a++) {
      const xa = x[a];
      if (xa === 0) continue;
      const mBase = a * dim;
      for (let b = 0; b < dim; b++) m[mBase + b] += xa * target.vectors[tBase + b];
    }
  }
  return m;
}

/**
 * The orthogonal W minimising ‖XW − Y‖ given M = XᵀY = UΣVᵀ: W = UVᵀ (Schönemann 1966).
 * Returned row-major d×d as float32; a source row x maps to x·W.
 */
export function orthogonalFromCovariance(m: Float64Array, dim: number): Float32Array {
  const { u, v } = svdSquare(m, dim);
  const w = new Float32Array(dim * dim);
  for (let i = 0; i < dim; i++) {
    for (let j = 0; j < dim; j++) {
      let sum = 0;
      for (let k = 0; k < dim; k++) sum += u[i * dim + k] * v[j * dim + k];
      w[i * dim + j] = sum;
    }
  }
  return w;
}

/** Orthogonal Procrustes on the given pairs of (already normalised) rows. */
export function procrustes(source: Space, target: Space, pairs: RowPairs): Float32Array {
  if (pairs.source.length === 0) {
    throw new EmbedkitError('EMPTY_DICTIONARY', 'no dictionary pair has both words in the vectors', { field: 'dictionary' });
  }
  return orthogonalFromCovariance(crossCovariance(source, target, pairs), source.dim);
}

/** Maps every row: out = vectors · W (rows × d times d × d). */
export function applyMapping(vectors: Float32Array, rows: number, dim: number, w: Float32Array): Float32Array {
  if (w.length !== dim * dim) {
    throw new EmbedkitError('BAD_SHAPE', `a mapping for ${dim} dimensions needs ${dim * dim} values, got ${w.length}`, { field: 'mapping' });
  }
  checkSpace(vectors, rows, dim);
  const out = new Float32Array(rows * dim);
  const acc = new Float64Array(dim);
  for (let row = 0; row < rows; row++) {
    acc.fill(0);
    const base = row * dim;
    for (let k = 0; k < dim; k++) {
      const x = vectors[base + k];
      if (x === 0) continue;
      const wBase = k * dim;
      for (let j = 0; j < dim; j++) acc[j] += x * w[wBase + j];
    }
    for (let j = 0; j < dim; j++) out[base + j] = acc[j];
  }
  return out;
}
