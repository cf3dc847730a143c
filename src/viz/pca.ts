import { EmbedkitError } from '../errors.js';
import { Random } from '../util/random.js';
import { covarianceMatrix } from './covariance.js';
import { symmetricEigen } from './symmetric-eigen.js';

export interface PcaResult {
  /** rows × components, row-major: each row's coordinates on the principal axes. */
  coordinates: Float32Array;
  /** components × cols, row-major: unit principal axes, largest variance first. */
  components: Float64Array;
  /** Variance along each axis (covariance eigenvalues, divided by n − 1 as sklearn). */
  explainedVariance: Float64Array;
  /** explainedVariance / total variance. */
  explainedVarianceRatio: Float64Array;
  mean: Float64Array;
}

/** Ritz pairs count as converged when their residual is this small relative to the largest eigenvalue. */
const RESIDUAL_TOLERANCE = 1e-10;

/**
 * Principal component analysis of a row-major rows × cols matrix onto its first `components` axes
 * (1–3 is the intended use, any number up to cols works). The covariance (cols × cols) is formed once;
 * its leading eigenvectors come from Lanczos with full reorthogonalisation, run until their residuals
 * vanish (or the Krylov space is the whole space), so the axes are exact to rounding, not approximate.
 *
 * Sign convention (sklearn's `svd_flip` on the components): the entry of largest magnitude in each axis
 * is positive, so the same data always gives the same picture.
 */
export function pca(data: Float32Array, rows: number, cols: number, components = 2): PcaResult {
  if (!Number.isInteger(components) || components < 1 || components > cols) {
    throw new EmbedkitError('BAD_OPTION', `components must be an integer from 1 to ${cols}, not ${components}`, { field: 'components' });
  }
  const { mean, covariance } = covarianceMatrix(data, rows, cols);
  let totalVariance = 0;
  for (let c = 0; c < cols; c++) totalVariance += covariance[c * cols + c];
  const { values, vectors } = leadingEigenpairs(covariance, cols, components);
  for (let k = 0; k < components; k++) flipSign(vectors, k, cols);

  const coordinates = new Float32Array(rows * components);
  const centred = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) centred[c] = data[base + c] - mean[c];
    for (let k = 0; k < components; k++) {
      const axis = k * cols;
      let dot = 0;
      for (let c = 0; c < cols; c++) dot += centred[c] * vectors[axis + c];
      coordinates[r * components + k] = dot;
    }
  }
  const explainedVariance = values.map((v) => Math.max(0, v));
  const explainedVarianceRatio = explainedVariance.map((v) => (totalVariance > 0 ? v / totalVariance : 0));
  return { coordinates, components: vectors, explainedVariance, explainedVarianceRatio, mean };
}

/**
 * The `count` largest eigenpairs of a symmetric n × n matrix; eigenvectors as rows of the result.
 * Lanczos builds an orthonormal Krylov basis Q and the tridiagonal T = QᵀAQ; T's top eigenpairs
 * (Ritz pairs) converge to A's long before the basis is complete. On breakdown (an invariant subspace,
 * e.g. low-rank data) a fresh random direction orthogonal to the basis continues it.
 */
function leadingEigenpairs(matrix: Float64Array, n: number, count: number): { values: Float64Array; vectors: Float64Array } {
  const random = new Random(0x5eed);
  const basis = new Float64Array(n * n);
  const alpha = new Float64Array(n);
  const beta = new Float64Array(n);
  const w = new Float64Array(n);
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(matrix[i * n + i]));
  startDirection(basis, 0, n, random);
  let steps = 0;
  let nextCheck = Math.min(n, Math.max(count + 10, 20));
  for (;;) {
    const q = steps * n;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      const rowBase = i * n;
      for (let j = 0; j < n; j++) sum += matrix[rowBase + j] * basis[q + j];
      w[i] = sum;
    }
    let a = 0;
    for (let i = 0; i < n; i++) a += w[i] * basis[q + i];
    alpha[steps] = a;
    // Full reorthogonalisation, twice: keeps the basis orthogonal to rounding, so no ghost eigenvalues.
    for (let pass = 0; pass < 2; pass++) {
      for (let s = 0; s <= steps; s++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += w[i] * basis[s * n + i];
        for (let i = 0; i < n; i++) w[i] -= dot * basis[s * n + i];
      }
    }
    steps++;
    let b = 0;
    for (let i = 0; i < n; i++) b += w[i] * w[i];
    b = Math.sqrt(b);
    if (steps === nextCheck || steps === n) {
      const ritz = ritzPairs(alpha, beta, steps, count);
      const converged = ritz.lastComponents.every((s) => Math.abs(b * s) <= RESIDUAL_TOLERANCE * Math.max(scale, 1e-300));
      if (converged || steps === n) return toFullVectors(ritz, basis, n, steps, count);
      nextCheck = Math.min(n, Math.ceil(steps * 1.25) + 5);
    }
    if (b <= 1e-12 * Math.max(scale, 1e-300)) {
      beta[steps - 1] = 0;
      startDirection(basis, steps, n, random);
    } else {
      beta[steps - 1] = b;
      for (let i = 0; i < n; i++) basis[steps * n + i] = w[i] / b;
    }
  }
}

interface RitzPairs {
  values: Float64Array;
  /** steps × count: eigenvectors of T. */
  vectors: Float64Array;
  /** Last component of each of the top eigenvectors of T (times β = its residual). */
  lastComponents: number[];
  steps: number;
}

function ritzPairs(alpha: Float64Array, beta: Float64Array, steps: number, count: number): RitzPairs {
  const t = new Float64Array(steps * steps);
  for (let i = 0; i < steps; i++) {
    t[i * steps + i] = alpha[i];
    if (i + 1 < steps) {
      t[i * steps + i + 1] = beta[i];
      t[(i + 1) * steps + i] = beta[i];
    }
  }
  const { values, vectors } = symmetricEigen(t, steps);
  const top = Math.min(count, steps);
  const lastComponents: number[] = [];
  for (let k = 0; k < top; k++) lastComponents.push(vectors[(steps - 1) * steps + k]);
  return { values, vectors, lastComponents, steps };
}

function toFullVectors(ritz: RitzPairs, basis: Float64Array, n: number, steps: number, count: number) {
  const values = new Float64Array(count);
  const vectors = new Float64Array(count * n);
  for (let k = 0; k < count; k++) {
    values[k] = ritz.values[k];
    for (let s = 0; s < steps; s++) {
      const weight = ritz.vectors[s * steps + k];
      for (let i = 0; i < n; i++) vectors[k * n + i] += weight * basis[s * n + i];
    }
  }
  return { values, vectors };
}

/** A random unit vector orthogonal to the first `at` basis rows, written as row `at`. */
function startDirection(basis: Float64Array, at: number, n: number, random: Random): void {
  const v = basis.subarray(at * n, (at + 1) * n);
  for (;;) {
    for (let i = 0; i < n; i++) v[i] = random.normal();
    for (let pass = 0; pass < 2; pass++) {
      for (let s = 0; s < at; s++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += v[i] * basis[s * n + i];
        for (let i = 0; i < n; i++) v[i] -= dot * basis[s * n + i];
      }
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    if (norm > 1e-8) {
      for (let i = 0; i < n; i++) v[i] /= norm;
      return;
    }
  }
}

function flipSign(vectors: Float64Array, k: number, n: number): void {
  let largest = 0;
  for (let i = 0; i < n; i++) if (Math.abs(vectors[k * n + i]) > Math.abs(largest)) largest = vectors[k * n + i];
  if (largest < 0) for (let i = 0; i < n; i++) vectors[k * n + i] = -vectors[k * n + i];
}
