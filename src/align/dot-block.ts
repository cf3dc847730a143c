/**
 * Dot products of query rows [start, start + rows) with the first `targetCount` target rows,
 * written to out[r · targetCount + t]. Blocks of four query rows and two target rows share each
 * pass, so values are loaded once for several products: this is the inner loop of all retrieval here.
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
    const o1 = o0 + targetCount;
    const o2 = o1 + targetCount;
    const o3 = o2 + targetCount;
    let t = 0;
    // Four queries × two targets: eight running sums per pass, six loads per eight products.
    for (; t + 2 <= targetCount; t += 2) {
      const a = t * dim;
      const b = a + dim;
      let s0a = 0;
      let s0b = 0;
      let s1a = 0;
      let s1b = 0;
      let s2a = 0;
      let s2b = 0;
      let s3a = 0;
      let s3b = 0;
      for (let k = 0; k < dim; k++) {
        const ya = targets[a + k];
        const yb = targets[b + k];
        const x0 = queries[q0 + k];
        const x1 = queries[q1 + k];
        const x2 = queries[q2 + k];
        const x3 = queries[q3 + k];
        s0a += x0 * ya;
        s0b += x0 * yb;
        s1a += x1 * ya;
        s1b += x1 * yb;
        s2a += x2 * ya;
        s2b += x2 * yb;
        s3a += x3 * ya;
        s3b += x3 * yb;
      }
      out[o0 + t] = s0a;
      out[o0 + t + 1] = s0b;
      out[o1 + t] = s1a;
      out[o1 + t + 1] = s1b;
      out[o2 + t] = s2a;
      out[o2 + t + 1] = s2b;
      out[o3 + t] = s3a;
      out[o3 + t + 1] = s3b;
    }
    if (t < targetCount) {
      const a = t * dim;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < dim; k++) {
        const y = targets[a + k];
        s0 += queries[q0 + k] * y;
        s1 += queries[q1 + k] * y;
        s2 += queries[q2 + k] * y;
        s3 += queries[q3 + k] * y;
      }
      out[o0 + t] = s0;
      out[o1 + t] = s1;
      out[o2 + t] = s2;
      out[o3 + t] = s3;
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
