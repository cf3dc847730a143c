// The GloVe objective for one co-occurrence record, the reference for the wasm kernel
// (assembly/glove.ts), and the seeded shuffle of the records.

/** f(x) = min(1, (x / xMax)^alpha): rare pairs count less, frequent ones no more than 1. */
export function pairWeight(x: number, xMax: number, alpha: number): number {
  return x >= xMax ? 1 : Math.pow(x / xMax, alpha);
}

/** ½ f(x) (w · w̃ + b + b̃ − log x)²: the loss of one record. */
export function recordLoss(
  word: ArrayLike<number>,
  context: ArrayLike<number>,
  wordBias: number,
  contextBias: number,
  x: number,
  xMax: number,
  alpha: number,
): number {
  let dot = 0;
  for (let k = 0; k < word.length; k++) dot += word[k] * context[k];
  const diff = dot + wordBias + contextBias - Math.log(x);
  return 0.5 * pairWeight(x, xMax, alpha) * diff * diff;
}

/** Fisher–Yates over the records [start, end), the three arrays moved together. */
export function shuffleRecords(
  rows: Int32Array,
  cols: Int32Array,
  values: Float32Array,
  start: number,
  end: number,
  nextUint32: () => number,
): void {
  for (let i = end - 1; i > start; i--) {
    const j = start + Math.floor((nextUint32() / 4294967296) * (i - start + 1));
    const row = rows[i];
    rows[i] = rows[j];
    rows[j] = row;
    const col = cols[i];
    cols[i] = cols[j];
    cols[j] = col;
    const value = values[i];
    values[i] = values[j];
    values[j] = value;
  }
}
