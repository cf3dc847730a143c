// Scores every row of a row-major float32 matrix against one query: the matrix-vector product behind
// every nearest-neighbour query of the vector store. Rows are not padded (dim may be odd), so each row
// ends in a scalar tail; v128 loads need no alignment.

/**
 * out[row] = Σ matrix[row][j]·query[j] with the float32 matrix widened to float64 and the query in
 * float64, summed in four f64x2 accumulators: the same products as the host's float64 loop, only
 * summed in another order, so the scores agree with it to ~1e-15.
 */
export function multiplyRowsF64(matrix: usize, rows: i32, dim: i32, query: usize, out: usize): void {
  const blocks = dim & ~7;
  const rowBytes = <usize>dim << 2;
  let rowStart = matrix;
  for (let row = 0; row < rows; row++, rowStart += rowBytes) {
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    let s2 = f64x2.splat(0);
    let s3 = f64x2.splat(0);
    let j = 0;
    for (; j < blocks; j += 8) {
      // Two floats at a time, widened straight from an 8-byte load: no lane shuffle.
      const m = rowStart + (<usize>j << 2);
      const q = query + (<usize>j << 3);
      s0 = f64x2.add(s0, f64x2.mul(f64x2.promote_low_f32x4(v128.load64_zero(m)), v128.load(q)));
      s1 = f64x2.add(s1, f64x2.mul(f64x2.promote_low_f32x4(v128.load64_zero(m + 8)), v128.load(q + 16)));
      s2 = f64x2.add(s2, f64x2.mul(f64x2.promote_low_f32x4(v128.load64_zero(m + 16)), v128.load(q + 32)));
      s3 = f64x2.add(s3, f64x2.mul(f64x2.promote_low_f32x4(v128.load64_zero(m + 24)), v128.load(q + 48)));
    }
    const s = f64x2.add(f64x2.add(s0, s1), f64x2.add(s2, s3));
    let sum = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
    for (; j < dim; j++) sum += <f64>load<f32>(rowStart + (<usize>j << 2)) * load<f64>(query + (<usize>j << 3));
    store<f64>(out + (<usize>row << 3), sum);
  }
}

/**
 * The same product in float32: the query rounded to float32 and four f32x4 accumulators. Kept to
 * measure against multiplyRowsF64; its scores differ from the float64 ones by up to ~1e-7.
 */
export function multiplyRowsF32(matrix: usize, rows: i32, dim: i32, query: usize, out: usize): void {
  const blocks = dim & ~15;
  const rowBytes = <usize>dim << 2;
  let rowStart = matrix;
  for (let row = 0; row < rows; row++, rowStart += rowBytes) {
    let s0 = f32x4.splat(0);
    let s1 = f32x4.splat(0);
    let s2 = f32x4.splat(0);
    let s3 = f32x4.splat(0);
    let j = 0;
    for (; j < blocks; j += 16) {
      const m = rowStart + (<usize>j << 2);
      const q = query + (<usize>j << 2);
      s0 = f32x4.add(s0, f32x4.mul(v128.load(m), v128.load(q)));
      s1 = f32x4.add(s1, f32x4.mul(v128.load(m + 16), v128.load(q + 16)));
      s2 = f32x4.add(s2, f32x4.mul(v128.load(m + 32), v128.load(q + 32)));
      s3 = f32x4.add(s3, f32x4.mul(v128.load(m + 48), v128.load(q + 48)));
    }
    for (; j + 4 <= dim; j += 4) {
      s0 = f32x4.add(s0, f32x4.mul(v128.load(rowStart + (<usize>j << 2)), v128.load(query + (<usize>j << 2))));
    }
    const s = f32x4.add(f32x4.add(s0, s1), f32x4.add(s2, s3));
    let sum = <f64>f32x4.extract_lane(s, 0) + <f64>f32x4.extract_lane(s, 1) + <f64>f32x4.extract_lane(s, 2) + <f64>f32x4.extract_lane(s, 3);
    for (; j < dim; j++) sum += <f64>(load<f32>(rowStart + (<usize>j << 2)) * load<f32>(query + (<usize>j << 2)));
    store<f64>(out + (<usize>row << 3), sum);
  }
}

/**
 * Scales every row of the matrix, in place, to unit length: the norm from float64 sums of squares (as
 * the host's loop), the scaling in float32 by the rounded inverse (within one ulp of the host's float64
 * product). Zero rows stay zero.
 */
export function normalizeRowsInPlace(matrix: usize, rows: i32, dim: i32): void {
  const blocks = dim & ~3;
  const rowBytes = <usize>dim << 2;
  let rowStart = matrix;
  for (let row = 0; row < rows; row++, rowStart += rowBytes) {
    let s0 = f64x2.splat(0);
    let s1 = f64x2.splat(0);
    let j = 0;
    for (; j < blocks; j += 4) {
      const m = rowStart + (<usize>j << 2);
      const low = f64x2.promote_low_f32x4(v128.load64_zero(m));
      const high = f64x2.promote_low_f32x4(v128.load64_zero(m + 8));
      s0 = f64x2.add(s0, f64x2.mul(low, low));
      s1 = f64x2.add(s1, f64x2.mul(high, high));
    }
    const s = f64x2.add(s0, s1);
    let sum = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
    for (let k = j; k < dim; k++) {
      const value = <f64>load<f32>(rowStart + (<usize>k << 2));
      sum += value * value;
    }
    if (sum == 0) continue;
    const inverse = <f32>(1 / Math.sqrt(sum));
    const scale = f32x4.splat(inverse);
    let i = 0;
    for (; i < blocks; i += 4) {
      const m = rowStart + (<usize>i << 2);
      v128.store(m, f32x4.mul(v128.load(m), scale));
    }
    for (; i < dim; i++) {
      const m = rowStart + (<usize>i << 2);
      store<f32>(m, load<f32>(m) * inverse);
    }
  }
}
