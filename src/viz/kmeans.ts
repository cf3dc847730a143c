import { EmbedkitError } from '../errors.js';
import { Random } from '../util/random.js';

export interface KMeansResult {
  /** Cluster of each row, 0 … k − 1. */
  assignments: Int32Array;
  /** k × cols, row-major. */
  centroids: Float64Array;
  iterations: number;
}

/**
 * Lloyd's k-means with k-means++ seeding (seeded, so a plot's colours are reproducible). Used to
 * colour the points of a plot by group; pass unit rows to cluster by cosine.
 */
export function kMeans(data: Float32Array, rows: number, cols: number, k: number, seed = 1, maxIterations = 100): KMeansResult {
  if (!Number.isInteger(k) || k < 1) throw new EmbedkitError('BAD_OPTION', `clusters must be a positive integer, not ${k}`, { field: 'clusters' });
  if (rows === 0) return { assignments: new Int32Array(0), centroids: new Float64Array(0), iterations: 0 };
  const clusters = Math.min(k, rows);
  const random = new Random(seed);
  const centroids = new Float64Array(clusters * cols);
  const nearest = new Float64Array(rows).fill(Infinity);
  copyRow(data, random.int(rows), cols, centroids, 0);
  for (let c = 1; c < clusters; c++) {
    let total = 0;
    for (let r = 0; r < rows; r++) {
      nearest[r] = Math.min(nearest[r], squaredDistance(data, r, centroids, c - 1, cols));
      total += nearest[r];
    }
    let pick = random.float() * total;
    let chosen = rows - 1;
    for (let r = 0; r < rows; r++) {
      pick -= nearest[r];
      if (pick < 0) {
        chosen = r;
        break;
      }
    }
    copyRow(data, chosen, cols, centroids, c);
  }
  const assignments = new Int32Array(rows).fill(-1);
  const counts = new Int32Array(clusters);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    let changed = false;
    for (let r = 0; r < rows; r++) {
      let best = 0;
      let bestDistance = Infinity;
      for (let c = 0; c < clusters; c++) {
        const distance = squaredDistance(data, r, centroids, c, cols);
        if (distance < bestDistance) {
          bestDistance = distance;
          best = c;
        }
      }
      if (assignments[r] !== best) {
        assignments[r] = best;
        changed = true;
      }
    }
    if (!changed) break;
    centroids.fill(0);
    counts.fill(0);
    for (let r = 0; r < rows; r++) {
      const c = assignments[r];
      counts[c]++;
      for (let j = 0; j < cols; j++) centroids[c * cols + j] += data[r * cols + j];
    }
    for (let c = 0; c < clusters; c++) {
      // An emptied cluster takes a random point rather than sitting at the origin.
      if (counts[c] === 0) copyRow(data, random.int(rows), cols, centroids, c);
      else for (let j = 0; j < cols; j++) centroids[c * cols + j] /= counts[c];
    }
  }
  return { assignments, centroids, iterations };
}

function squaredDistance(data: Float32Array, r: number, centroids: Float64Array, c: number, cols: number): number {
  let sum = 0;
  for (let j = 0; j < cols; j++) {
    const d = data[r * cols + j] - centroids[c * cols + j];
    sum += d * d;
  }
  return sum;
}

function copyRow(data: Float32Array, r: number, cols: number, centroids: Float64Array, c: number): void {
  for (let j = 0; j < cols; j++) centroids[c * cols + j] = data[r * cols + j];
}
