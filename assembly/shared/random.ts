// The kernels' random numbers: xorshift64*, one state per instance (module globals are per instance,
// i.e. per worker thread). Its high bits are good, the lowest few weak; only high bits are used.

let state: u64 = 1;

/** Seeds from two i32 halves; a zero state would stay zero, so it is replaced. */
export function seedRandom(low: i32, high: i32): void {
  state = ((<u64>(<u32>high)) << 32) | <u64>(<u32>low);
  if (state == 0) state = 0x9e3779b97f4a7c15;
}

@inline export function nextRandom(): u64 {
  let x = state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  state = x;
  return x * 0x2545f4914f6cdd1d;
}

/** A float in [0, 1) from the top 24 bits of `r`. */
@inline export function unitFloat(r: u64): f32 {
  return <f32>(<u32>(r >> 40)) * (1.0 / 16777216.0);
}

/** Uniform integer in [0, n), from the high 32 bits. */
@inline export function below(n: i32): i32 {
  return <i32>(((nextRandom() >> 32) * <u64>n) >> 32);
}

/**
 * A draw from a Walker alias table of `size` columns (f32 probabilities, i32 aliases): the column
 * from the high 32 bits, the coin from bits 8..31.
 */
@inline export function drawAlias(size: u64, probabilities: usize, aliases: usize): i32 {
  const r = nextRandom();
  const column = <usize>(((r >> 32) * size) >> 32);
  const coin = <f32>(<u32>((r >> 8) & 0xffffff)) * (1.0 / 16777216.0);
  if (coin < load<f32>(probabilities + (column << 2))) return <i32>column;
  return load<i32>(aliases + (column << 2));
}
