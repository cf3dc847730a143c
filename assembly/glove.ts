// GloVe training kernel: weighted least squares on log X with AdaGrad, f32x4 SIMD.
//
// All arrays live in one WebAssembly.Memory shared by the worker threads; the host lays it out
// (src/algorithms/glove/layout.ts) and passes the byte offsets to `configure`. Module globals are per
// instance, i.e. per worker. A parameter row is [vector | AdaGrad accumulators], each half padded to a
// multiple of four floats (padding 0: its steps stay 0). Biases sit apart as (bias, accumulator) pairs.
// Rows 0..V-1 are words, V..2V-1 context words.
//
// The C tool's accumulators start at 1 and sum the squared scaled steps (learningRate × gradient); in
// f32, 1 + 1e-8 is 1, so the small steps of rare pairs would be lost. An accumulator here holds that
// sum minus its starting 1, and the step divides by sqrt(1 + accumulator): the same rule, in f32 without
// the loss of precision (the C tool works in f64).

import { dot } from './shared/simd';

const GRADIENT_CLIP: f32 = 100;

let params: usize = 0;
let biases: usize = 0;
let rows: usize = 0;
let cols: usize = 0;
let values: usize = 0;
let halfBytes: usize = 0;
let rowBytes: usize = 0;
let vectorsPerHalf: i32 = 0;
let vocabularySize: usize = 0;
let xMax: f64 = 100;
let alpha: f64 = 0.75;
let learningRate: f32 = 0.05;
let biasLearningRate: f32 = 1;

export function configure(
  paramsOffset: usize,
  biasesOffset: usize,
  rowsOffset: usize,
  colsOffset: usize,
  valuesOffset: usize,
  paddedDim: i32,
  vocabulary: i32,
  weightCap: f64,
  weightExponent: f64,
  step: f64,
  biasStep: f64,
): void {
  params = paramsOffset;
  biases = biasesOffset;
  rows = rowsOffset;
  cols = colsOffset;
  values = valuesOffset;
  halfBytes = <usize>paddedDim << 2;
  rowBytes = halfBytes << 1;
  vectorsPerHalf = paddedDim >> 2;
  vocabularySize = <usize>vocabulary;
  xMax = weightCap;
  alpha = weightExponent;
  learningRate = <f32>step;
  biasLearningRate = <f32>biasStep;
}

// One update per record of [start, end) in order; returns the summed loss ½ f(x) diff², each
// measured before its own update. Writes the shared rows without locks (Hogwild).
export function train(start: i32, end: i32): f64 {
  let cost: f64 = 0;
  const eta = f32x4.splat(learningRate);
  const clipHigh = f32x4.splat(GRADIENT_CLIP);
  const clipLow = f32x4.splat(-GRADIENT_CLIP);
  const one = f32x4.splat(1);
  for (let r = start; r < end; r++) {
    const at = <usize>r << 2;
    const x = <f64>load<f32>(values + at);
    const row = <usize>load<i32>(rows + at);
    const col = vocabularySize + <usize>load<i32>(cols + at);
    const word = params + row * rowBytes;
    const context = params + col * rowBytes;
    const wordBias = biases + (row << 3);
    const contextBias = biases + (col << 3);

    const diff = <f64>dot(word, context, vectorsPerHalf) + <f64>load<f32>(wordBias) + <f64>load<f32>(contextBias) - Math.log(x);
    const weighted = (x >= xMax ? 1.0 : Math.pow(x / xMax, alpha)) * diff;
    // A diverged record (inf/NaN) would poison both rows: skip it, as the C tool does.
    if (!isFinite(weighted)) continue;
    cost += 0.5 * weighted * diff;

    const scale = f32x4.splat(<f32>weighted);
    for (let k = 0; k < vectorsPerHalf; k++) {
      const o = <usize>k << 4;
      const wordValue = v128.load(word + o);
      const contextValue = v128.load(context + o);
      const wordSum = v128.load(word + halfBytes + o);
      const contextSum = v128.load(context + halfBytes + o);
      const wordStep = f32x4.mul(eta, f32x4.max(clipLow, f32x4.min(clipHigh, f32x4.mul(scale, contextValue))));
      const contextStep = f32x4.mul(eta, f32x4.max(clipLow, f32x4.min(clipHigh, f32x4.mul(scale, wordValue))));
      v128.store(word + o, f32x4.sub(wordValue, f32x4.div(wordStep, f32x4.sqrt(f32x4.add(one, wordSum)))));
      v128.store(context + o, f32x4.sub(contextValue, f32x4.div(contextStep, f32x4.sqrt(f32x4.add(one, contextSum)))));
      v128.store(word + halfBytes + o, f32x4.add(wordSum, f32x4.mul(wordStep, wordStep)));
      v128.store(context + halfBytes + o, f32x4.add(contextSum, f32x4.mul(contextStep, contextStep)));
    }
    const biasStep = biasLearningRate * <f32>weighted;
    store<f32>(wordBias, load<f32>(wordBias) - biasStep / Mathf.sqrt(1 + load<f32>(wordBias, 4)));
    store<f32>(contextBias, load<f32>(contextBias) - biasStep / Mathf.sqrt(1 + load<f32>(contextBias, 4)));
    store<f32>(wordBias, load<f32>(wordBias, 4) + biasStep * biasStep, 4);
    store<f32>(contextBias, load<f32>(contextBias, 4) + biasStep * biasStep, 4);
  }
  return cost;
}
