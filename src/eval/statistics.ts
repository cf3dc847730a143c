import { EmbedkitError } from '../errors.js';

/**
 * Correlation coefficients as scipy.stats computes them (pearsonr, spearmanr), in float64.
 * Fewer than two points, or a constant series, leave the coefficient undefined: NaN, where scipy
 * raises or warns.
 */

/** Pearson's r: centred dot product over the product of norms, clipped to [-1, 1] (rounding can overshoot). */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = checkedLength(x, y);
  if (n < 2) return NaN;
  const meanX = mean(x);
  const meanY = mean(y);
  let dot = 0;
  let sumSquaresX = 0;
  let sumSquaresY = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - meanX;
    const dy = y[i] - meanY;
    dot += dx * dy;
    sumSquaresX += dx * dx;
    sumSquaresY += dy * dy;
  }
  if (sumSquaresX === 0 || sumSquaresY === 0) return NaN;
  const r = dot / Math.sqrt(sumSquaresX * sumSquaresY);
  return Math.max(-1, Math.min(1, r));
}

/** Spearman's rho: Pearson's r of the ranks, tied values sharing their average rank (scipy's default). */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  checkedLength(x, y);
  return pearson(averageRanks(x), averageRanks(y));
}

/**
 * 1-based ranks in ascending order; a run of equal values gets the mean of the ranks it spans
 * (scipy.stats.rankdata, method 'average'). NaN is not a rankable value and is rejected.
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(values[i])) throw new EmbedkitError('BAD_VALUE', `cannot rank NaN (position ${i})`, { field: 'values' });
    order[i] = i;
  }
  order.sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    // Positions start…end-1 hold ranks start+1…end; their mean is (start + 1 + end) / 2.
    const shared = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = shared;
    start = end;
  }
  return ranks;
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

function checkedLength(x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) {
    throw new EmbedkitError('BAD_SHAPE', `correlation of ${x.length} values with ${y.length} values`, { field: 'y' });
  }
  return x.length;
}
