// fastText subword training kernel (skip-gram / CBOW with negative sampling), f32x4 SIMD.
//
// The host (src/algorithms/fasttext/wasm-layout.ts) lays every array out in one shared
// WebAssembly.Memory and passes byte offsets through a configuration block. Module globals are per
// instance, i.e. per worker thread: the random state, counters and this worker's scratch.
// Rows are padded to a multiple of four floats; the padding starts at zero and stays zero.
//
// The input vector of a word is the mean of its subword rows (its own row + hashed n-gram rows,
// listed in a CSR table); the gradient of a prediction goes, whole, to every one of those rows.

import { dot, zeroRow } from './shared/simd';
import { below, drawAlias, seedRandom } from './shared/random';
import { addLoss, field, trainStream } from './shared/stream';

export { wordsRead, loss, lossCount, resetLoss } from './shared/stream';

const SIGMOID_TABLE_SIZE: i32 = 512;
const MAX_SIGMOID: f32 = 8;
const SIGMOID_SCALE: f32 = <f32>SIGMOID_TABLE_SIZE / MAX_SIGMOID / 2;

// Configuration block fields (i32 each); must match FASTTEXT_CONFIG in wasm-layout.ts.
const C_INPUT = 0;
const C_OUTPUT = 1;
const C_STRIDE = 2;
const C_VOCAB = 3;
const C_OFFSETS = 4;
const C_ROWS = 5;
const C_KEEP = 6;
const C_ALIAS_PROB = 7;
const C_ALIAS_INDEX = 8;
const C_SIGMOID = 9;
const C_NEG_LOG_SIGMOID = 10;
const C_SCRATCH = 11;
const C_WINDOW = 12;
const C_NEGATIVE = 13;
const C_SG = 14;
const C_MAX_SENTENCE = 15;
const C_STREAM = 16;
const C_SEED_LO = 17;
const C_SEED_HI = 18;
const C_BAG_CAPACITY = 19;

let input: usize = 0;
let output: usize = 0;
let rowBytes: usize = 0;
let lanes: i32 = 0;
let vocabSize: u64 = 0;
let offsets: usize = 0;
let rows: usize = 0;
let keepProbability: usize = 0;
let aliasProbability: usize = 0;
let aliasIndex: usize = 0;
let sigmoidTable: usize = 0;
let negLogSigmoidTable: usize = 0;
let window: i32 = 5;
let negative: i32 = 5;
let skipGram: bool = true;
let maxSentence: i32 = 0;
let stream: usize = 0;
let bagCapacity: i32 = 0;

// Scratch of this worker: hidden | gradient | total | sentence ids | CBOW bag of rows | skip-gram negatives.
let hidden: usize = 0;
let gradient: usize = 0;
let total: usize = 0;
let sentence: usize = 0;
let bag: usize = 0;
let drawn: usize = 0;

// Loads of rows that are about to be needed, summed here so that the optimiser keeps them.
let touched: f32 = 0;


export function configure(config: usize): void {
  input = <usize>field(config, C_INPUT);
  output = <usize>field(config, C_OUTPUT);
  const stride = field(config, C_STRIDE);
  rowBytes = <usize>stride << 2;
  lanes = stride >> 2;
  vocabSize = <u64>field(config, C_VOCAB);
  offsets = <usize>field(config, C_OFFSETS);
  rows = <usize>field(config, C_ROWS);
  keepProbability = <usize>field(config, C_KEEP);
  aliasProbability = <usize>field(config, C_ALIAS_PROB);
  aliasIndex = <usize>field(config, C_ALIAS_INDEX);
  sigmoidTable = <usize>field(config, C_SIGMOID);
  negLogSigmoidTable = <usize>field(config, C_NEG_LOG_SIGMOID);
  window = field(config, C_WINDOW);
  negative = field(config, C_NEGATIVE);
  skipGram = field(config, C_SG) != 0;
  maxSentence = field(config, C_MAX_SENTENCE);
  stream = <usize>field(config, C_STREAM);
  bagCapacity = field(config, C_BAG_CAPACITY);
  const scratch = <usize>field(config, C_SCRATCH);
  hidden = scratch;
  gradient = hidden + rowBytes;
  total = gradient + rowBytes;
  sentence = total + rowBytes;
  bag = sentence + (<usize>maxSentence << 2);
  drawn = bag + (<usize>bagCapacity << 2);
  seedRandom(field(config, C_SEED_LO), field(config, C_SEED_HI));
}

@inline function drawNoise(): i32 {
  return drawAlias(vocabSize, aliasProbability, aliasIndex);
}

@inline function inputRow(row: i32): usize {
  return input + <usize>row * rowBytes;
}

@inline function outputRow(row: i32): usize {
  return output + <usize>row * rowBytes;
}


/** hidden = mean of the input rows list[from..to) (a list of i32 row numbers). */
function meanOf(list: usize, from: i32, to: i32): void {
  zeroRow(hidden, lanes);
  for (let k = from; k < to; k++) {
    const source = inputRow(load<i32>(list + (<usize>k << 2)));
    for (let j = 0; j < lanes; j++) {
      const o = <usize>j << 4;
      v128.store(hidden + o, f32x4.add(v128.load(hidden + o), v128.load(source + o)));
    }
  }
  const scale = f32x4.splat(<f32>1 / <f32>(to - from));
  for (let j = 0; j < lanes; j++) {
    const o = <usize>j << 4;
    v128.store(hidden + o, f32x4.mul(v128.load(hidden + o), scale));
  }
}

/** Adds `delta` to every input row of list[from..to). */
function addToRows(list: usize, from: i32, to: i32, delta: usize): void {
  for (let k = from; k < to; k++) {
    const target = inputRow(load<i32>(list + (<usize>k << 2)));
    for (let j = 0; j < lanes; j++) {
      const o = <usize>j << 4;
      v128.store(target + o, f32x4.add(v128.load(target + o), v128.load(delta + o)));
    }
  }
}

/** gradient += g·output[row]; output[row] += g·hidden, with g = alpha (label − σ(hidden·output[row])). */
function binaryLogistic(row: i32, label: f32, alpha: f32): void {
  const out = outputRow(row);
  const f = dot(hidden, out, lanes);
  let score: f32;
  if (f < -MAX_SIGMOID) {
    score = 0;
    addLoss(label > 0 ? <f64>-f : 0);
  } else if (f > MAX_SIGMOID) {
    score = 1;
    addLoss(label > 0 ? 0 : <f64>f);
  } else {
    const index = <usize>(<i32>((f + MAX_SIGMOID) * SIGMOID_SCALE)) << 2;
    score = load<f32>(sigmoidTable + index);
    const negLog = load<f32>(negLogSigmoidTable + index);
    addLoss(<f64>(label > 0 ? negLog : negLog + f));
  }
  const g = f32x4.splat(alpha * (label - score));
  for (let j = 0; j < lanes; j++) {
    const o = <usize>j << 4;
    const w = v128.load(out + o);
    v128.store(gradient + o, f32x4.add(v128.load(gradient + o), f32x4.mul(g, w)));
    v128.store(out + o, f32x4.add(w, f32x4.mul(g, v128.load(hidden + o))));
  }
}

/**
 * Draws the negatives of every context of one centre word, context by context (a draw equal to that
 * context's word is drawn again, as fastText does; -1 after 16 equal draws), and reads one float of
 * each 64-byte line of their output rows: the rows are then in cache, their misses overlapped, by the
 * time the predictions need them.
 */
function drawWindowNegatives(first: i32, last: i32, centre: i32): void {
  let at: usize = drawn;
  let sum: f32 = 0;
  for (let c = first; c <= last; c++) {
    if (c == centre) continue;
    const target = load<i32>(sentence + (<usize>c << 2));
    for (let n = 0; n < negative; n++) {
      const noise = drawNoiseOtherThan(target);
      if (noise >= 0) {
        const row = outputRow(noise);
        for (let o: usize = 0; o < rowBytes; o += 64) sum += load<f32>(row + o);
      }
      store<i32>(at, noise);
      at += 4;
    }
  }
  touched += sum;
}

/** The target (label 1), then the noise words listed at `negatives` (label 0; -1 skipped), against hidden. */
function predictWithDrawn(target: i32, negatives: usize, alpha: f32): void {
  binaryLogistic(target, 1, alpha);
  for (let n = 0; n < negative; n++) {
    const noise = load<i32>(negatives + (<usize>n << 2));
    if (noise >= 0) binaryLogistic(noise, 0, alpha);
  }
}

/** The target (label 1) and `negative` noise words other than it (label 0), against hidden. */
function predict(target: i32, alpha: f32): void {
  binaryLogistic(target, 1, alpha);
  for (let n = 0; n < negative; n++) {
    const noise = drawNoiseOtherThan(target);
    if (noise >= 0) binaryLogistic(noise, 0, alpha);
  }
}

/** A noise word other than `target` (redrawn up to 16 times, as fastText redraws), or -1. */
@inline
function drawNoiseOtherThan(target: i32): i32 {
  let noise = drawNoise();
  for (let tries = 0; noise == target && tries < 16; tries++) noise = drawNoise();
  return noise == target ? -1 : noise;
}

/**
 * Reads one float of every 64-byte line of the input rows of `word`: a word's n-gram rows lie
 * anywhere in the (large) bucket matrix, so each is a cache and TLB miss. Touched one centre word
 * ahead, those misses overlap the current word's predictions instead of stalling its mean.
 */
function touchRowsOf(word: i32): void {
  const from = load<i32>(offsets + (<usize>word << 2));
  const to = load<i32>(offsets + (<usize>(word + 1) << 2));
  let sum: f32 = 0;
  for (let k = from; k < to; k++) {
    const row = inputRow(load<i32>(rows + (<usize>k << 2)));
    for (let o: usize = 0; o < rowBytes; o += 64) sum += load<f32>(row + o);
  }
  touched += sum;
}

// Skip-gram as fastText, with one saving: every row of the centre word receives the same gradient,
// so their mean moves by exactly that gradient. The mean is computed once per centre word and moved
// along, and the rows get the summed gradient once, instead of a mean and an update per context.
function trainSkipGram(length: i32, alpha: f32): void {
  for (let i = 0; i < length; i++) {
    const reach = 1 + below(window);
    const word = load<i32>(sentence + (<usize>i << 2));
    const from = load<i32>(offsets + (<usize>word << 2));
    const to = load<i32>(offsets + (<usize>(word + 1) << 2));
    meanOf(rows, from, to);
    if (i + 1 < length) touchRowsOf(load<i32>(sentence + (<usize>(i + 1) << 2)));
    zeroRow(total, lanes);
    const first = i - reach < 0 ? 0 : i - reach;
    const last = i + reach >= length ? length - 1 : i + reach;
    drawWindowNegatives(first, last, i);
    let negatives = drawn;
    for (let c = first; c <= last; c++) {
      if (c == i) continue;
      zeroRow(gradient, lanes);
      predictWithDrawn(load<i32>(sentence + (<usize>c << 2)), negatives, alpha);
      negatives += <usize>negative << 2;
      for (let j = 0; j < lanes; j++) {
        const o = <usize>j << 4;
        const d = v128.load(gradient + o);
        v128.store(hidden + o, f32x4.add(v128.load(hidden + o), d));
        v128.store(total + o, f32x4.add(v128.load(total + o), d));
      }
    }
    addToRows(rows, from, to, total);
  }
}

// CBOW as fastText: the rows of all context words form one bag; its mean predicts the centre word.
function trainCbow(length: i32, alpha: f32): void {
  for (let i = 0; i < length; i++) {
    const reach = 1 + below(window);
    const first = i - reach < 0 ? 0 : i - reach;
    const last = i + reach >= length ? length - 1 : i + reach;
    let size = 0;
    for (let c = first; c <= last; c++) {
      if (c == i) continue;
      const word = load<i32>(sentence + (<usize>c << 2));
      const from = load<i32>(offsets + (<usize>word << 2));
      const to = load<i32>(offsets + (<usize>(word + 1) << 2));
      for (let k = from; k < to && size < bagCapacity; k++) {
        store<i32>(bag + (<usize>size << 2), load<i32>(rows + (<usize>k << 2)));
        size++;
      }
    }
    if (size == 0) continue;
    meanOf(bag, 0, size);
    zeroRow(gradient, lanes);
    predict(load<i32>(sentence + (<usize>i << 2)), alpha);
    addToRows(bag, 0, size, gradient);
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
