import { UMAP } from 'umap-js';
import { EmbedkitError } from '../errors.js';
import { Random } from '../util/random.js';

export interface UmapOptions {
  /** 2 or 3 output dimensions (default 2). */
  dims?: number;
  /** Seeds umap-js's random source: the same seed and input give the same layout. Default 1. */
  seed?: number;
  /** Neighbours per point in the fuzzy graph (default 15, capped at rows − 1). */
  nNeighbors?: number;
  /** Default 0.1 (umap-js's default). */
  minDist?: number;
  /** Default: umap-js's choice (500 for small inputs, 200 for large). */
  nEpochs?: number;
}

/**
 * UMAP (umap-js) of a row-major rows × cols matrix, seeded. Returns rows × dims, row-major. umap-js
 * takes number[][], so the rows are copied once at this boundary; it is meant for the few thousand
 * points a plot shows, not for a whole vocabulary. Euclidean distance, as umap-js: pass unit rows for
 * cosine-like neighbourhoods.
 */
export function umapProject(data: Float32Array, rows: number, cols: number, options: UmapOptions = {}): Float32Array {
  const dims = options.dims ?? 2;
  if (dims !== 2 && dims !== 3) throw new EmbedkitError('BAD_OPTION', `dims must be 2 or 3, not ${dims}`, { field: 'dims' });
  if (data.length !== rows * cols) {
    throw new EmbedkitError('BAD_SHAPE', `expected ${rows} × ${cols} values, got ${data.length}`, { field: 'data' });
  }
  const out = new Float32Array(rows * dims);
  // umap-js needs at least a couple of neighbours; for tiny inputs a line or a point is the honest answer.
  if (rows < 4) {
    for (let r = 0; r < rows; r++) out[r * dims] = r;
    return out;
  }
  const random = new Random(options.seed ?? 1);
  const umap = new UMAP({
    nComponents: dims,
    nNeighbors: Math.max(2, Math.min(options.nNeighbors ?? 15, rows - 1)),
    minDist: options.minDist ?? 0.1,
    nEpochs: options.nEpochs,
    random: () => random.float(),
  });
  const input: number[][] = [];
  for (let r = 0; r < rows; r++) input.push(Array.from(data.subarray(r * cols, (r + 1) * cols)));
  const embedding = umap.fit(input);
  for (let r = 0; r < rows; r++) for (let k = 0; k < dims; k++) out[r * dims + k] = embedding[r][k];
  return out;
}
