import { EmbedkitError } from '../errors.js';

/** Rows copied (centred, transposed) per block: long enough to amortise the pair loop, small enough for L1/L2. */
const BLOCK_ROWS = 64;

/**
 * The column means and the sample covariance (divided by n − 1) of a row-major rows × cols matrix, in
 * Float64. Rows are taken in blocks, centred and transposed so that every (a, b) pair is one dot
 * product over contiguous memory, four b columns at a time: this halves the memory traffic of the
 * naive row-by-row rank-1 update, which dominates PCA on 100k × 300.
 */
export function covarianceMatrix(data: Float32Array, rows: number, cols: number): { mean: Float64Array; covariance: Float64Array } {
  if (rows < 1 || cols < 1 || data.length !== rows * cols) {
    throw new EmbedkitError('BAD_SHAPE', `expected ${rows} × ${cols} = ${rows * cols} values, got ${data.length}`, { field: 'data' });
  }
  const mean = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    const base = r * cols;
    for (let c = 0; c < cols; c++) mean[c] += data[base + c];
  }
  for (let c = 0; c < cols; c++) mean[c] /= rows;

  const sums = new Float64Array(cols * cols);
  const block = new Float64Array(cols * BLOCK_ROWS);
  for (let start = 0; start < rows; start += BLOCK_ROWS) {
    const count = Math.min(BLOCK_ROWS, rows - start);
    if (count < BLOCK_ROWS) block.fill(0);
    for (let r = 0; r < count; r++) {
      const base = (start + r) * cols;
      for (let c = 0; c < cols; c++) block[c * BLOCK_ROWS + r] = data[base + c] - mean[c];
    }
    accumulateUpperGram(block, cols, sums);
  }
  const scale = rows > 1 ? 1 / (rows - 1) : 0;
  for (let a = 0; a < cols; a++) {
    for (let b = a; b < cols; b++) {
      const value = sums[a * cols + b] * scale;
      sums[a * cols + b] = value;
      sums[b * cols + a] = value;
    }
  }
  return { mean, covariance: sums };
}

/**
 * sums[a][b] += Σ_r block[a][r]·block[b][r] for b ≥ a (block is cols × BLOCK_ROWS), in 2 × 4 tiles:
 * six loads feed eight multiply-adds, where a plain dot product needs two loads per multiply-add.
 */
function accumulateUpperGram(block: Float64Array, cols: number, sums: Float64Array): void {
  let a = 0;
  for (; a + 1 < cols; a += 2) {
    const a0 = a * BLOCK_ROWS;
    const a1 = a0 + BLOCK_ROWS;
    // (a, a) and (a, a + 1), (a + 1, a + 1) first, then tiles from b = a + 2 on.
    let d00 = 0;
    let d01 = 0;
    let d11 = 0;
    for (let r = 0; r < BLOCK_ROWS; r++) {
      const x0 = block[a0 + r];
      const x1 = block[a1 + r];
      d00 += x0 * x0;
      d01 += x0 * x1;
      d11 += x1 * x1;
    }
    sums[a * cols + a] += d00;
    sums[a * cols + a + 1] += d01;
    sums[(a + 1) * cols + a + 1] += d11;
    let b = a + 2;
    for (; b + 3 < cols; b += 4) {
      const b0 = b * BLOCK_ROWS;
      const b1 = b0 + BLOCK_ROWS;
      const b2 = b1 + BLOCK_ROWS;
      const b3 = b2 + BLOCK_ROWS;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let r = 0; r < BLOCK_ROWS; r++) {
        const x0 = block[a0 + r];
        const x1 = block[a1 + r];
        const y0 = block[b0 + r];
        const y1 = block[b1 + r];
        const y2 = block[b2 + r];
        const y3 = block[b3 + r];
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
      }
      const out0 = a * cols + b;
      const out1 = out0 + cols;
      sums[out0] += s00;
      sums[out0 + 1] += s01;
      sums[out0 + 2] += s02;
      sums[out0 + 3] += s03;
      sums[out1] += s10;
      sums[out1 + 1] += s11;
      sums[out1 + 2] += s12;
      sums[out1 + 3] += s13;
    }
    for (; b < cols; b++) {
      sums[a * cols + b] += dot(block, a0, b * BLOCK_ROWS);
      sums[(a + 1) * cols + b] += dot(block, a1, b * BLOCK_ROWS);
    }
  }
  if (a < cols) sums[a * cols + a] += dot(block, a * BLOCK_ROWS, a * BLOCK_ROWS);
}

function dot(block: Float64Array, x: number, y: number): number {
  let s = 0;
  for (let r = 0; r < BLOCK_ROWS; r++) s += block[x + r] * block[y + r];
  return s;
}
