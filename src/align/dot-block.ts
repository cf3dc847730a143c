/**
 * Dot products of query rows [start, start + rows) with the first `targetCount` target rows,
 * written to out[r · targetCount + t]. Four query rows share each pass over a target row, so every
 * target value is loaded once per four products: this is the inner loop of all retrieval here.
 */
export function dotBlock(
  queries: Float32Array,
  start: number,
  rows: number,
  targets: Float32Array,
  targetCount: number,
  dim: number,
  out: Float32Array,
): void {
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const q0 = (start + r) * dim;
    const q1 = q0 + dim;
    const q2 = q1 + dim;
    const q3 = q2 + dim;
    const o0 = r * targetCount;
    for (let t = 0; t < targetCount; t++) {
      const tBase = t * dim;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < dim; k++) {
        const y = targets[tBase + k];
        s0 += queries[q0 + k] * y;
        s1 += queries[q1 + k] * y;
        s2 += queries[q2 + k] * y;
        s3 += queries[q3 + k] * y;
      }
      out[o0 + t] = s0;
      out[o0 + targetCount + t] = s1;
      out[o0 + 2 * targetCount + t] = s2;
      out[o0 + 3 * targetCount + t] = s3;
    }
  }
  for (; r < rows; r++) {
    const qBase = (start + r) * dim;
    const oBase = r * targetCount;
    for (let t = 0; t < targetCount; t++) {
      const tBase = t * dim;
      let sum = 0;
      for (let k = 0; k < dim; k++) sum += queries[qBase + k] * targets[tBase + k];
      out[oBase + t] = sum;
    }
  }
}

/** Query rows per block: the score buffer (rows × targets float32) stays near 16 MiB. */
export function blockRowsFor(targetCount: number): number {
  const rows = Math.floor((4 << 20) / Math.max(1, targetCount));
  return Math.max(4, Math.min(1024, rows - (rows % 4)));
}

/**
 * Inserts (score, index) into a descending top list of `k` slots at [base, base + k) if it beats
 * the last; the lists start filled with -Infinity.
 */
export function insertTop(scores: Float32Array, indices: Int32Array, base: number, k: number, score: number, index: number): void {
  let slot = base + k - 1;
  if (!(score > scores[slot])) return;
  while (slot > base && scores[slot - 1] < score) {
    scores[slot] = scores[slot - 1];
    indices[slot] = indices[slot - 1];
    slot--;
  }
  scores[slot] = score;
  indices[slot] = index;
}
