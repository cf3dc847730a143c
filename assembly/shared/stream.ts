// What the Word2Vec and fastText kernels share around their training of one sentence: reading the
// configuration block, cutting the id stream into subsampled sentences, and the counters the host
// reads (words read, running loss). Re-exported by each kernel as its own exports.
import { nextRandom, unitFloat } from './random';

let words: i32 = 0;
let lossSum: f64 = 0;
let lossTerms: f64 = 0;

/** Field `index` (an i32) of the configuration block at `config`. */
@inline export function field(config: usize, index: i32): i32 {
  return load<i32>(config + (<usize>index << 2));
}

/** One binary prediction's loss term, −log σ(±x). */
@inline export function addLoss(value: f64): void {
  lossTerms += 1;
  lossSum += value;
}

/**
 * Trains whole sentences of the id stream from `position` (sentences end with -1) until at least
 * `wordBudget` words were read or `end` is reached; returns the next position. A word is kept with
 * its keep probability (subsampling); sentences are cut at `maxSentence` kept words, and those of
 * fewer than two go untrained. Kept short per call because V8 cannot tier up a wasm function that is
 * already running (no on-stack replacement).
 */
@inline export function trainStream(
  position: i32,
  end: i32,
  wordBudget: i32,
  alpha: f32,
  stream: usize,
  keepProbability: usize,
  sentence: usize,
  maxSentence: i32,
  trainSentence: (length: i32, alpha: f32) => void,
): i32 {
  words = 0;
  let p = position;
  while (p < end && words < wordBudget) {
    let length = 0;
    while (p < end) {
      const id = load<i32>(stream + (<usize>p << 2));
      p++;
      if (id < 0) break;
      words++;
      const keep = load<f32>(keepProbability + (<usize>id << 2));
      if (keep < 1 && keep < unitFloat(nextRandom())) continue;
      if (length < maxSentence) {
        store<i32>(sentence + (<usize>length << 2), id);
        length++;
      }
    }
    if (length < 2) continue;
    trainSentence(length, alpha);
  }
  return p;
}

/** Words read (before subsampling) by the last `train` call. */
export function wordsRead(): i32 {
  return words;
}

export function loss(): f64 {
  return lossSum;
}

export function lossCount(): f64 {
  return lossTerms;
}

export function resetLoss(): void {
  lossSum = 0;
  lossTerms = 0;
}
