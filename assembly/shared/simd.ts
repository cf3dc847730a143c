// f32x4 row operations shared by the training kernels. A row is `lanes` vectors of four floats:
// the hosts pad every row to a multiple of four with zeros, so there is never a scalar tail.

/** Σ a[k]·b[k], in two interleaved accumulators (independent adds pipeline better than one chain). */
@inline export function dot(a: usize, b: usize, lanes: i32): f32 {
  let s0 = f32x4.splat(0);
  let s1 = f32x4.splat(0);
  let j = 0;
  for (; j + 1 < lanes; j += 2) {
    const o = <usize>j << 4;
    s0 = f32x4.add(s0, f32x4.mul(v128.load(a + o), v128.load(b + o)));
    s1 = f32x4.add(s1, f32x4.mul(v128.load(a + o + 16), v128.load(b + o + 16)));
  }
  if (j < lanes) {
    const o = <usize>j << 4;
    s0 = f32x4.add(s0, f32x4.mul(v128.load(a + o), v128.load(b + o)));
  }
  const s = f32x4.add(s0, s1);
  return f32x4.extract_lane(s, 0) + f32x4.extract_lane(s, 1) + f32x4.extract_lane(s, 2) + f32x4.extract_lane(s, 3);
}

export function zeroRow(target: usize, lanes: i32): void {
  const zero = f32x4.splat(0);
  for (let j = 0; j < lanes; j++) v128.store(target + (<usize>j << 4), zero);
}
