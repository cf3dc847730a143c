import { Random } from '../../src/util/random.js';

/** n×n random orthogonal matrix (Gram–Schmidt on Gaussian columns), row-major. */
export function randomOrthogonal(n: number, random: Random): Float64Array {
  const q = new Float64Array(n * n);
  for (let col = 0; col < n; col++) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = random.normal();
    for (let pass = 0; pass < 2; pass++) {
      for (let other = 0; other < col; other++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += v[i] * q[i * n + other];
        for (let i = 0; i < n; i++) v[i] -= dot * q[i * n + other];
      }
    }
    const norm = Math.hypot(...v);
    for (let i = 0; i < n; i++) q[i * n + col] = v[i] / norm;
  }
  return q;
}

export function randomRows(rows: number, dim: number, random: Random): Float32Array {
  const out = new Float32Array(rows * dim);
  for (let i = 0; i < out.length; i++) out[i] = random.normal();
  return out;
}

/** rows · M for a row-major float32 matrix and a float64 d×d matrix. */
export function multiply(rows: Float32Array, count: number, dim: number, m: Float64Array | Float32Array): Float32Array {
  const out = new Float32Array(count * dim);
  for (let r = 0; r < count; r++) {
    for (let j = 0; j < dim; j++) {
      let sum = 0;
      for (let k = 0; k < dim; k++) sum += rows[r * dim + k] * m[k * dim + j];
      out[r * dim + j] = sum;
    }
  }
  return out;
}

export function unitRows(rows: Float32Array, count: number, dim: number): Float32Array {
  const out = rows.slice();
  for (let r = 0; r < count; r++) {
    let sum = 0;
    for (let j = 0; j < dim; j++) sum += out[r * dim + j] ** 2;
    const scale = 1 / Math.sqrt(sum);
    for (let j = 0; j < dim; j++) out[r * dim + j] *= scale;
  }
  return out;
}

export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}
