import { EmbedkitError } from '../errors.js';

/** A = U · diag(s) · Vᵀ for a square n×n matrix; U, V row-major n×n, s sorted largest first. */
export interface Svd {
  n: number;
  u: Float64Array;
  s: Float64Array;
  v: Float64Array;
}

export interface SvdOptions {
  /** Stop after this many sweeps even if some pair is still not orthogonal (default 60). */
  maxSweeps?: number;
  /** Columns p, q count as orthogonal when |p·q| ≤ tolerance·|p|·|q| (default 1e-13). */
  tolerance?: number;
}

/**
 * Singular value decomposition of a square matrix by one-sided Jacobi (Hestenes) rotations in
 * float64: columns are rotated pairwise until all are mutually orthogonal, which makes them
 * U·Σ, while the same rotations applied to the identity build V. Exact to near machine precision
 * and simple; O(n³) per sweep, so meant for the d×d matrices of alignment (d ≤ a few hundred).
 * Columns are stored as contiguous rows internally so every rotation walks memory in order.
 */
export function svdSquare(a: Float64Array, n: number, options: SvdOptions = {}): Svd {
  if (!Number.isInteger(n) || n < 1 || a.length !== n * n) {
    throw new EmbedkitError('BAD_SHAPE', `svdSquare needs an n×n matrix, got ${a.length} values for n = ${n}`, { field: 'a' });
  }
  const maxSweeps = options.maxSweeps ?? 60;
  const tolerance = options.tolerance ?? 1e-13;
  const columns = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) columns[j * n + i] = a[i * n + j];
  const vColumns = new Float64Array(n * n);
  for (let j = 0; j < n; j++) vColumns[j * n + j] = 1;

  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      const pBase = p * n;
      for (let q = p + 1; q < n; q++) {
        const qBase = q * n;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < n; i++) {
          const x = columns[pBase + i];
          const y = columns[qBase + i];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= tolerance * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotate(columns, pBase, qBase, n, c, s);
        rotate(vColumns, pBase, qBase, n, c, s);
      }
    }
    if (!rotated) break;
  }

  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += columns[j * n + i] ** 2;
    norms[j] = Math.sqrt(sum);
  }
  const order = Array.from({ length: n }, (_, j) => j).sort((x, y) => norms[y] - norms[x]);
  const u = new Float64Array(n * n);
  const v = new Float64Array(n * n);
  const s = new Float64Array(n);
  // Below this a column is numerically zero: its direction is noise, so U is completed instead.
  const negligible = Math.max(norms[order[0]], 1e-300) * n * 1e-15;
  const missing: number[] = [];
  for (let k = 0; k < n; k++) {
    const j = order[k];
    s[k] = norms[j];
    for (let i = 0; i < n; i++) v[i * n + k] = vColumns[j * n + i];
    if (norms[j] <= negligible) {
      s[k] = 0;
      missing.push(k);
      continue;
    }
    for (let i = 0; i < n; i++) u[i * n + k] = columns[j * n + i] / norms[j];
  }
  if (missing.length > 0) completeOrthonormalColumns(u, n, missing);
  return { n, u, s, v };
}

function rotate(columns: Float64Array, pBase: number, qBase: number, n: number, c: number, s: number): void {
  for (let i = 0; i < n; i++) {
    const x = columns[pBase + i];
    const y = columns[qBase + i];
    columns[pBase + i] = c * x - s * y;
    columns[qBase + i] = s * x + c * y;
  }
}

/**
 * Fills the listed columns of U (rank-deficient input) with unit vectors orthogonal to all the
 * others, by Gram–Schmidt on the standard basis, so that U stays orthogonal.
 */
function completeOrthonormalColumns(u: Float64Array, n: number, missing: number[]): void {
  const filled = new Uint8Array(n).fill(1);
  for (const k of missing) filled[k] = 0;
  const candidate = new Float64Array(n);
  let basis = 0;
  for (const k of missing) {
    for (; basis < n; basis++) {
      candidate.fill(0);
      candidate[basis] = 1;
      // Twice, for numerical orthogonality (classical Gram–Schmidt loses it in one pass).
      for (let pass = 0; pass < 2; pass++) {
        for (let other = 0; other < n; other++) {
          if (!filled[other]) continue;
          let dot = 0;
          for (let i = 0; i < n; i++) dot += u[i * n + other] * candidate[i];
          for (let i = 0; i < n; i++) candidate[i] -= dot * u[i * n + other];
        }
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += candidate[i] * candidate[i];
      norm = Math.sqrt(norm);
      if (norm > 0.1) {
        for (let i = 0; i < n; i++) u[i * n + k] = candidate[i] / norm;
        filled[k] = 1;
        basis++;
        break;
      }
    }
  }
}
