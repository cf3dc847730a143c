// Kernels of the text classifier's hot path (src/layers/kernel-arena.ts is the host side): the fused
// Embedding gather + mean, its sparse gradient, and the lazy Adam row update.
//
// Each Embedding owns one memory holding its table, the Adam moments of that table and the batch
// buffers; every argument is a byte offset into it. The results must be bit-identical to the plain
// TypeScript path (src/layers/embedding.ts, src/models/optimizers.ts). The embedding loops there compute
// in float64 and round to float32 on store: additions of two float32 values run here as f32x4 (the
// float64 sum, rounded once, is the same number) and scaling by 1/count as f64x2 on promoted values.
// Adam is float32 throughout on both sides.

// sum rows of the table into [batch, d] means; inverseCounts[b] = 1/real tokens (float32, as stored by TS)
export function gatherMean(
  ids: usize, batch: i32, steps: i32, maskZero: bool,
  table: usize, d: i32, out: usize, inverseCounts: usize,
): void {
  const rowBytes = <usize>d << 2;
  for (let b = 0; b < batch; b++) {
    const outRow = out + <usize>b * rowBytes;
    zeroRow(outRow, rowBytes);
    let count = 0;
    const idRow = ids + ((<usize>b * <usize>steps) << 2);
    // Rows are added four at a time: one load and store of the running sum per four rows, and the
    // cache misses of the four table rows outstanding together. The additions keep the token order.
    let first: usize = 0;
    let second: usize = 0;
    let third: usize = 0;
    let pending = 0;
    for (let t = 0; t < steps; t++) {
      const id = load<i32>(idRow + (<usize>t << 2));
      if (maskZero && id == 0) continue;
      count++;
      const source = table + <usize>id * rowBytes;
      if (pending == 0) {
        first = source;
        pending = 1;
      } else if (pending == 1) {
        second = source;
        pending = 2;
      } else if (pending == 2) {
        third = source;
        pending = 3;
      } else {
        addFourRows(outRow, first, second, third, source, rowBytes);
        pending = 0;
      }
    }
    if (pending > 0) addRow(outRow, first, rowBytes);
    if (pending > 1) addRow(outRow, second, rowBytes);
    if (pending > 2) addRow(outRow, third, rowBytes);
    const inverse: f64 = count > 0 ? 1.0 / <f64>count : 0.0;
    store<f32>(inverseCounts + (<usize>b << 2), <f32>inverse);
    scaleRow(outRow, outRow, rowBytes, inverse);
  }
}

@inline
function addRow(target: usize, source: usize, rowBytes: usize): void {
  const vectorBytes = rowBytes & ~(<usize>15);
  let j: usize = 0;
  for (; j < vectorBytes; j += 16) v128.store(target + j, f32x4.add(v128.load(target + j), v128.load(source + j)));
  for (; j < rowBytes; j += 4) store<f32>(target + j, load<f32>(target + j) + load<f32>(source + j));
}

// target += a, then b, then c, then d: the same roundings as four addRow calls in turn.
@inline
function addFourRows(target: usize, a: usize, b: usize, c: usize, d: usize, rowBytes: usize): void {
  const vectorBytes = rowBytes & ~(<usize>15);
  let j: usize = 0;
  for (; j < vectorBytes; j += 16) {
    const sum = f32x4.add(f32x4.add(f32x4.add(f32x4.add(v128.load(target + j), v128.load(a + j)), v128.load(b + j)), v128.load(c + j)), v128.load(d + j));
    v128.store(target + j, sum);
  }
  for (; j < rowBytes; j += 4) {
    store<f32>(target + j, load<f32>(target + j) + load<f32>(a + j) + load<f32>(b + j) + load<f32>(c + j) + load<f32>(d + j));
  }
}

// memory.fill calls out of the module (and on shared memory takes the slow path): for a row of a few
// hundred bytes, inline vector stores are faster.
@inline
function zeroRow(target: usize, rowBytes: usize): void {
  const vectorBytes = rowBytes & ~(<usize>15);
  const zero = i32x4.splat(0);
  let j: usize = 0;
  for (; j < vectorBytes; j += 16) v128.store(target + j, zero);
  for (; j < rowBytes; j += 4) store<f32>(target + j, 0);
}

// target[j] = f32(source[j] * scale), the product taken in float64
@inline
function scaleRow(target: usize, source: usize, rowBytes: usize, scale: f64): void {
  const factor = f64x2.splat(scale);
  const vectorBytes = rowBytes & ~(<usize>15);
  let j: usize = 0;
  for (; j < vectorBytes; j += 16) {
    const x = v128.load(source + j);
    const low = f64x2.mul(f64x2.promote_low_f32x4(x), factor);
    const high = f64x2.mul(f64x2.promote_low_f32x4(i32x4.shuffle(x, x, 2, 3, 0, 1)), factor);
    v128.store(target + j, i64x2.shuffle(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 2));
  }
  for (; j < rowBytes; j += 4) store<f32>(target + j, <f32>(<f64>load<f32>(source + j) * scale));
}

// Sparse gradient of gatherMean: each distinct row once, in order of first appearance. slotOfRow holds
// -1 for every row on entry and on exit. Returns the number of distinct rows.
export function scatterMean(
  ids: usize, batch: i32, steps: i32, maskZero: bool, d: i32,
  gradMeans: usize, inverseCounts: usize, tokenGrad: usize,
  slotOfRow: usize, rows: usize, grads: usize,
): i32 {
  const rowBytes = <usize>d << 2;
  const vectorBytes = rowBytes & ~(<usize>15);
  let count = 0;
  for (let b = 0; b < batch; b++) {
    scaleRow(tokenGrad, gradMeans + <usize>b * rowBytes, rowBytes, <f64>load<f32>(inverseCounts + (<usize>b << 2)));
    const idRow = ids + ((<usize>b * <usize>steps) << 2);
    for (let t = 0; t < steps; t++) {
      const id = load<i32>(idRow + (<usize>t << 2));
      if (maskZero && id == 0) continue;
      const slotAddress = slotOfRow + (<usize>id << 2);
      let slot = load<i32>(slotAddress);
      if (slot < 0) {
        slot = count++;
        store<i32>(slotAddress, slot);
        store<i32>(rows + (<usize>slot << 2), id);
        memory.copy(grads + <usize>slot * rowBytes, tokenGrad, rowBytes);
      } else {
        const target = grads + <usize>slot * rowBytes;
        let j: usize = 0;
        for (; j < vectorBytes; j += 16) v128.store(target + j, f32x4.add(v128.load(target + j), v128.load(tokenGrad + j)));
        for (; j < rowBytes; j += 4) store<f32>(target + j, load<f32>(target + j) + load<f32>(tokenGrad + j));
      }
    }
  }
  for (let s = 0; s < count; s++) store<i32>(slotOfRow + (<usize>load<i32>(rows + (<usize>s << 2)) << 2), -1);
  return count;
}

// Lazy Adam on the listed rows (Keras' form; see Adam in src/models/optimizers.ts), in float32 as
// TensorFlow computes it for float32 variables: m ← m + (1−β1)(g − m); v ← v + (1−β2)(g² − v);
// w ← w − α·m / (sqrt(v) + ε). Each f32x4 operation rounds as the TypeScript path's Math.fround does.
// Rows from slowFromRow on step with slowAlpha instead of alpha (Parameter.slowRows).
export function adamRows(
  w: usize, m: usize, v: usize, grads: usize, rows: usize, count: i32, d: i32,
  alpha: f32, oneMinusBeta1: f32, oneMinusBeta2: f32, epsilon: f32, slowFromRow: i32, slowAlpha: f32,
): void {
  const rowBytes = <usize>d << 2;
  const vectorBytes = rowBytes & ~(<usize>15);
  const c1 = f32x4.splat(oneMinusBeta1);
  const c2 = f32x4.splat(oneMinusBeta2);
  const eps = f32x4.splat(epsilon);
  // Two rows at a time: their moments are seldom in cache, and interleaving the rows lets the misses of
  // both be outstanding together. The rows of the list are distinct, so the order of updates is free.
  let s = 0;
  for (; s + 1 < count; s += 2) {
    const rowA = load<i32>(rows + (<usize>s << 2));
    const rowB = load<i32>(rows + (<usize>(s + 1) << 2));
    const alphaA = rowA >= slowFromRow ? slowAlpha : alpha;
    const alphaB = rowB >= slowFromRow ? slowAlpha : alpha;
    const stepA = f32x4.splat(alphaA);
    const stepB = f32x4.splat(alphaB);
    const offsetA = <usize>rowA * rowBytes;
    const offsetB = <usize>rowB * rowBytes;
    const gA = grads + <usize>s * rowBytes;
    const gB = gA + rowBytes;
    let j: usize = 0;
    for (; j < vectorBytes; j += 16) {
      adamVector(w + offsetA + j, m + offsetA + j, v + offsetA + j, gA + j, stepA, c1, c2, eps);
      adamVector(w + offsetB + j, m + offsetB + j, v + offsetB + j, gB + j, stepB, c1, c2, eps);
    }
    for (; j < rowBytes; j += 4) {
      adamScalar(w + offsetA + j, m + offsetA + j, v + offsetA + j, gA + j, alphaA, oneMinusBeta1, oneMinusBeta2, epsilon);
      adamScalar(w + offsetB + j, m + offsetB + j, v + offsetB + j, gB + j, alphaB, oneMinusBeta1, oneMinusBeta2, epsilon);
    }
  }
  if (s < count) {
    const row = load<i32>(rows + (<usize>s << 2));
    const rowAlpha = row >= slowFromRow ? slowAlpha : alpha;
    const step = f32x4.splat(rowAlpha);
    const offset = <usize>row * rowBytes;
    const gRow = grads + <usize>s * rowBytes;
    let j: usize = 0;
    for (; j < vectorBytes; j += 16) adamVector(w + offset + j, m + offset + j, v + offset + j, gRow + j, step, c1, c2, eps);
    for (; j < rowBytes; j += 4) adamScalar(w + offset + j, m + offset + j, v + offset + j, gRow + j, rowAlpha, oneMinusBeta1, oneMinusBeta2, epsilon);
  }
}

@inline
function adamVector(wAt: usize, mAt: usize, vAt: usize, gAt: usize, stepSize: v128, c1: v128, c2: v128, eps: v128): void {
  const g4 = v128.load(gAt);
  const m4 = v128.load(mAt);
  const v4 = v128.load(vAt);
  const mNew = f32x4.add(m4, f32x4.mul(c1, f32x4.sub(g4, m4)));
  const vNew = f32x4.add(v4, f32x4.mul(c2, f32x4.sub(f32x4.mul(g4, g4), v4)));
  v128.store(mAt, mNew);
  v128.store(vAt, vNew);
  const step = f32x4.div(f32x4.mul(stepSize, mNew), f32x4.add(f32x4.sqrt(vNew), eps));
  v128.store(wAt, f32x4.sub(v128.load(wAt), step));
}

@inline
function adamScalar(
  wAt: usize, mAt: usize, vAt: usize, gAt: usize, rowAlpha: f32, oneMinusBeta1: f32, oneMinusBeta2: f32, epsilon: f32,
): void {
  const g = load<f32>(gAt);
  const mOld = load<f32>(mAt);
  const vOld = load<f32>(vAt);
  const mNew = mOld + oneMinusBeta1 * (g - mOld);
  const vNew = vOld + oneMinusBeta2 * (g * g - vOld);
  store<f32>(mAt, mNew);
  store<f32>(vAt, vNew);
  store<f32>(wAt, load<f32>(wAt) - (rowAlpha * mNew) / (Mathf.sqrt(vNew) + epsilon));
}
