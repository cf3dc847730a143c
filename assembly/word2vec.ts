// Word2Vec training kernel (skip-gram / CBOW, negative sampling / hierarchical softmax), f32x4 SIMD.
//
// Every array lives in one WebAssembly.Memory shared by all worker threads; the host lays it out and
// passes byte offsets through a configuration block (see src/algorithms/word2vec/layout.ts). Module
// globals are per instance, i.e. per worker: the random state, the counters and this worker's scratch.
// Weight rows are padded to a multiple of four floats (zeros that stay zero), so no scalar tails.
//
// Speed comes from memory-level parallelism, not arithmetic: the negatives of a whole window are drawn
// first and their rows touched, so the cache misses overlap instead of happening one after another.

import { dot, zeroRow } from './shared/simd';
import { drawAlias, nextRandom, seedRandom } from './shared/random';
import { addLoss, field, trainStream } from './shared/stream';

export { wordsRead, loss, lossCount, resetLoss } from './shared/stream';

const EXP_TABLE_SIZE: i32 = 1000;
const MAX_EXP: f32 = 6;
const EXP_SCALE: f32 = <f32>EXP_TABLE_SIZE / MAX_EXP / 2;

// Configuration block field indices (i32 each); must match CONFIG_FIELDS in layout.ts.
const C_SYN0 = 0;
const C_SYN1NEG = 1;
const C_SYN1 = 2;
const C_STRIDE = 3;
const C_VOCAB = 4;
const C_KEEP = 5;
const C_ALIAS_PROB = 6;
const C_ALIAS_INDEX = 7;
const C_CODES = 8;
const C_POINTS = 9;
const C_CODE_LENGTHS = 10;
const C_MAX_CODE_LENGTH = 11;
const C_SIGMOID = 12;
const C_NEG_LOG_SIGMOID = 13;
const C_SCRATCH = 14;
const C_WINDOW = 15;
const C_NEGATIVE = 16;
const C_HS = 17;
const C_SG = 18;
const C_CBOW_MEAN = 19;
const C_MAX_SENTENCE = 20;
const C_STREAM = 21;
const C_SEED_LO = 22;
const C_SEED_HI = 23;

let syn0: usize = 0;
let syn1neg: usize = 0;
let syn1: usize = 0;
let strideFloats: i32 = 0;
let rowBytes: usize = 0;
let vectorsPerRow: i32 = 0;
let vocabSize: u64 = 0;
let keepProbability: usize = 0;
let aliasProbability: usize = 0;
let aliasIndex: usize = 0;
let codes: usize = 0;
let points: usize = 0;
let codeLengths: usize = 0;
let maxCodeLength: i32 = 0;
let sigmoidTable: usize = 0;
let negLogSigmoidTable: usize = 0;
let window: i32 = 5;
let negative: i32 = 5;
let useHs: bool = false;
let skipGram: bool = true;
let cbowMean: bool = true;
let maxSentence: i32 = 0;
let stream: usize = 0;

// Scratch of this worker: neu1 | neu1e | sentence ids | negatives of one window.
let neu1: usize = 0;
let neu1e: usize = 0;
let sentence: usize = 0;
let negatives: usize = 0;

let touchSink: f32 = 0;

export function configure(config: usize): void {
  syn0 = <usize>field(config, C_SYN0);
  syn1neg = <usize>field(config, C_SYN1NEG);
  syn1 = <usize>field(config, C_SYN1);
  strideFloats = field(config, C_STRIDE);
  rowBytes = <usize>strideFloats << 2;
  vectorsPerRow = strideFloats >> 2;
  vocabSize = <u64>field(config, C_VOCAB);
  keepProbability = <usize>field(config, C_KEEP);
  aliasProbability = <usize>field(config, C_ALIAS_PROB);
  aliasIndex = <usize>field(config, C_ALIAS_INDEX);
  codes = <usize>field(config, C_CODES);
  points = <usize>field(config, C_POINTS);
  codeLengths = <usize>field(config, C_CODE_LENGTHS);
  maxCodeLength = field(config, C_MAX_CODE_LENGTH);
  sigmoidTable = <usize>field(config, C_SIGMOID);
  negLogSigmoidTable = <usize>field(config, C_NEG_LOG_SIGMOID);
  window = field(config, C_WINDOW);
  negative = field(config, C_NEGATIVE);
  useHs = field(config, C_HS) != 0;
  skipGram = field(config, C_SG) != 0;
  cbowMean = field(config, C_CBOW_MEAN) != 0;
  maxSentence = field(config, C_MAX_SENTENCE);
  stream = <usize>field(config, C_STREAM);
  const scratch = <usize>field(config, C_SCRATCH);
  neu1 = scratch;
  neu1e = neu1 + rowBytes;
  sentence = neu1e + rowBytes;
  negatives = sentence + (<usize>maxSentence << 2);
  seedRandom(field(config, C_SEED_LO), field(config, C_SEED_HI));
}

@inline function drawNegative(): i32 {
  return drawAlias(vocabSize, aliasProbability, aliasIndex);
}

@inline function row(base: usize, id: i32): usize {
  return base + <usize>id * rowBytes;
}


/** target += scale * source */
@inline function axpy(target: usize, source: usize, scale: f32): void {
  const g = f32x4.splat(scale);
  for (let j = 0; j < vectorsPerRow; j++) {
    const o = <usize>j << 4;
    v128.store(target + o, f32x4.add(v128.load(target + o), f32x4.mul(g, v128.load(source + o))));
  }
}

/**
 * One binary prediction of `label` from hidden `hidden` against output row `output`:
 * error += g·output, then output += g·hidden, fused (each lane reads output before writing it,
 * which is the C tool's order). Adds -log σ(±x) to the running loss, saturated terms included.
 */
@inline function predict(hidden: usize, output: usize, label: f32, alpha: f32, skipSaturated: bool): void {
  const f = dot(hidden, output, vectorsPerRow);
  let g: f32;
  if (f >= MAX_EXP) {
    addLoss(label > 0 ? 0 : <f64>f);
    if (skipSaturated) return;
    g = (label - 1) * alpha;
  } else if (f <= -MAX_EXP) {
    addLoss(label > 0 ? <f64>-f : 0);
    if (skipSaturated) return;
    g = label * alpha;
  } else {
    const index = <usize>(<i32>((f + MAX_EXP) * EXP_SCALE)) << 2;
    g = (label - load<f32>(sigmoidTable + index)) * alpha;
    const negLogSigmoid = load<f32>(negLogSigmoidTable + index);
    addLoss(<f64>(label > 0 ? negLogSigmoid : negLogSigmoid + f));
  }
  const gv = f32x4.splat(g);
  for (let j = 0; j < vectorsPerRow; j++) {
    const o = <usize>j << 4;
    const out = v128.load(output + o);
    v128.store(neu1e + o, f32x4.add(v128.load(neu1e + o), f32x4.mul(gv, out)));
    v128.store(output + o, f32x4.add(out, f32x4.mul(gv, v128.load(hidden + o))));
  }
}

/** Hierarchical softmax along `word`'s Huffman path; like the C tool, saturated nodes are skipped. */
@inline function hierarchical(hidden: usize, word: i32, alpha: f32): void {
  const length = <i32>load<u8>(codeLengths + <usize>word);
  const base = <usize>word * <usize>maxCodeLength;
  for (let d = 0; d < length; d++) {
    const node = load<i32>(points + ((base + <usize>d) << 2));
    const code = <f32>load<u8>(codes + base + <usize>d);
    // Label 1 - code: the C tool's convention (code 0 means "predict 1").
    predict(hidden, row(syn1, node), 1 - code, alpha, true);
  }
}

/** Draws `count` negatives into the window buffer and touches each row so the misses overlap. */
function drawWindowNegatives(count: i32): void {
  let sink: f32 = 0;
  for (let n = 0; n < count; n++) {
    const target = drawNegative();
    store<i32>(negatives + (<usize>n << 2), target);
    sink += load<f32>(row(syn1neg, target));
  }
  touchSink += sink;
}

function trainSkipGram(length: i32, alpha: f32): void {
  for (let i = 0; i < length; i++) {
    const word = load<i32>(sentence + (<usize>i << 2));
    const reach = window - <i32>(((nextRandom() >> 32) * <u64>window) >> 32);
    const from = i - reach < 0 ? 0 : i - reach;
    const to = i + reach >= length ? length - 1 : i + reach;
    const contexts = to - from;
    if (contexts <= 0) continue;
    if (negative > 0) drawWindowNegatives(contexts * negative);
    const center = row(syn1neg, word);
    let n = 0;
    for (let c = from; c <= to; c++) {
      if (c == i) continue;
      const input = row(syn0, load<i32>(sentence + (<usize>c << 2)));
      zeroRow(neu1e, vectorsPerRow);
      if (useHs) hierarchical(input, word, alpha);
      if (negative > 0) {
        predict(input, center, 1, alpha, false);
        for (let d = 0; d < negative; d++) {
          const target = load<i32>(negatives + (<usize>n << 2));
          n++;
          if (target == word) continue;
          predict(input, row(syn1neg, target), 0, alpha, false);
        }
      }
      axpy(input, neu1e, 1);
    }
  }
}

function trainCbow(length: i32, alpha: f32): void {
  for (let i = 0; i < length; i++) {
    const word = load<i32>(sentence + (<usize>i << 2));
    const reach = window - <i32>(((nextRandom() >> 32) * <u64>window) >> 32);
    const from = i - reach < 0 ? 0 : i - reach;
    const to = i + reach >= length ? length - 1 : i + reach;
    const contexts = to - from;
    if (contexts <= 0) continue;
    if (negative > 0) drawWindowNegatives(negative);
    zeroRow(neu1, vectorsPerRow);
    for (let c = from; c <= to; c++) {
      if (c == i) continue;
      axpy(neu1, row(syn0, load<i32>(sentence + (<usize>c << 2))), 1);
    }
    if (cbowMean) {
      const inverse = f32x4.splat(<f32>1 / <f32>contexts);
      for (let j = 0; j < vectorsPerRow; j++) {
        const o = <usize>j << 4;
        v128.store(neu1 + o, f32x4.mul(v128.load(neu1 + o), inverse));
      }
    }
    zeroRow(neu1e, vectorsPerRow);
    if (useHs) hierarchical(neu1, word, alpha);
    if (negative > 0) {
      predict(neu1, row(syn1neg, word), 1, alpha, false);
      for (let d = 0; d < negative; d++) {
        const target = load<i32>(negatives + (<usize>d << 2));
        if (target == word) continue;
        predict(neu1, row(syn1neg, target), 0, alpha, false);
      }
    }
    // Like the C tool and gensim, the whole error goes to every context row, mean or sum.
    for (let c = from; c <= to; c++) {
      if (c == i) continue;
      axpy(row(syn0, load<i32>(sentence + (<usize>c << 2))), neu1e, 1);
    }
  }
}

function trainSentence(length: i32, alpha: f32): void {
  if (skipGram) trainSkipGram(length, alpha);
  else trainCbow(length, alpha);
}

/** Trains whole sentences from `position` until `wordBudget` words were read or `end`; returns the next position. */
export function train(position: i32, end: i32, wordBudget: i32, alpha: f32): i32 {
  return trainStream(position, end, wordBudget, alpha, stream, keepProbability, sentence, maxSentence, trainSentence);
}

/** Keeps the touched rows observable so the early loads are not optimised away. */
export function touched(): f32 {
  return touchSink;
}
