import { Random } from '../../util/random.js';

/** fastText's sigmoid table: 512 steps over [-8, 8]; beyond it σ is taken as 0 or 1. */
const SIGMOID_TABLE_SIZE = 512;
const MAX_SIGMOID = 8;
const SIGMOID_SCALE = SIGMOID_TABLE_SIZE / MAX_SIGMOID / 2;
const SIGMOID = new Float32Array(SIGMOID_TABLE_SIZE + 1);
/** -log σ(x) at the same points, for the loss (label 0 uses -log σ(-x) = -log σ(x) + x). */
const NEG_LOG_SIGMOID = new Float32Array(SIGMOID_TABLE_SIZE + 1);
for (let i = 0; i <= SIGMOID_TABLE_SIZE; i++) {
  const x = (i * 2 * MAX_SIGMOID) / SIGMOID_TABLE_SIZE - MAX_SIGMOID;
  SIGMOID[i] = 1 / (1 + Math.exp(-x));
  NEG_LOG_SIGMOID[i] = Math.log1p(Math.exp(-x));
}

/** The shared arrays one training run works on (views of SharedArrayBuffers in a threaded run). */
export interface KernelArrays {
  /** (words + bucket) × dim: word rows, then hashed n-gram rows. */
  input: Float32Array;
  /** words × dim: the negative-sampling output rows. */
  output: Float32Array;
  /** Subword table: word i's input rows are rows[offsets[i] .. offsets[i+1]). */
  offsets: Int32Array;
  rows: Int32Array;
  /** Per word: chance to be kept by frequent-word subsampling. */
  keep: Float32Array;
  /** Alias table of the noise distribution. */
  aliasProbability: Float32Array;
  aliasIndex: Int32Array;
  /** Word ids, -1 closing each sentence. */
  stream: Int32Array;
}

export interface KernelSettings {
  dim: number;
  skipGram: boolean;
  window: number;
  negative: number;
  maxSentenceLength: number;
}

/**
 * fastText's unsupervised update, in plain JavaScript over flat arrays. The input vector of a word
 * (skip-gram: the centre word; CBOW: all context words) is the mean of its subword rows; after the
 * predictions the whole gradient is added to every one of those rows (fastText divides it by the
 * row count only for supervised models). One instance per thread; the weights are shared, unlocked.
 */
export class FastTextKernel {
  private readonly hidden: Float32Array;
  private readonly gradient: Float32Array;
  /** Skip-gram: the gradients of all contexts of one centre word. */
  private readonly total: Float32Array;
  private readonly sentence: Int32Array;
  /** CBOW: the concatenated rows of a window's context words. */
  private bag: Int32Array;
  private readonly random: Random;
  wordsRead = 0;
  lossSum = 0;
  lossCount = 0;

  constructor(
    private readonly arrays: KernelArrays,
    private readonly settings: KernelSettings,
    seed: number,
  ) {
    this.hidden = new Float32Array(settings.dim);
    this.gradient = new Float32Array(settings.dim);
    this.total = new Float32Array(settings.dim);
    this.sentence = new Int32Array(settings.maxSentenceLength);
    this.bag = new Int32Array(256);
    this.random = new Random(seed);
  }

  resetLoss(): void {
    this.lossSum = 0;
    this.lossCount = 0;
  }

  /**
   * Trains whole sentences from `position` until `wordBudget` words were read or `end` is reached;
   * returns the next position. `wordsRead` counts words before subsampling.
   */
  train(position: number, end: number, wordBudget: number, alpha: number): number {
    const { stream, keep } = this.arrays;
    const sentence = this.sentence;
    const limit = sentence.length;
    const random = this.random;
    let words = 0;
    let p = position;
    while (p < end && words < wordBudget) {
      let length = 0;
      while (p < end) {
        const id = stream[p++];
        if (id < 0) break;
        words++;
        const keepChance = keep[id];
        if (keepChance < 1 && random.float() > keepChance) continue;
        if (length < limit) sentence[length++] = id;
      }
      if (length < 2) continue;
      if (this.settings.skipGram) this.skipGram(length, alpha);
      else this.cbow(length, alpha);
    }
    this.wordsRead = words;
    return p;
  }

  /**
   * fastText's skip-gram: the centre word's rows predict each context word in turn. fastText
   * recomputes the mean of those rows before every context and adds the gradient to every row after
   * it; since every row gets the same gradient, the mean moves by exactly that gradient. So the mean
   * is computed once per centre word and moved along, and the rows receive the summed gradient once
   * at the end: one pass over the rows instead of two per context, with the same result up to
   * rounding and thread interleaving. (A row listed twice for one word, e.g. in "aaaa", still gets
   * its gradient twice, as in fastText; the true mean then moves a little more than the tracked one.)
   */
  private skipGram(length: number, alpha: number): void {
    const { offsets, rows, input } = this.arrays;
    const sentence = this.sentence;
    const window = this.settings.window;
    const dim = this.settings.dim;
    const hidden = this.hidden;
    const gradient = this.gradient;
    const total = this.total;
    for (let i = 0; i < length; i++) {
      // fastText: a window of 1..ws words each side, drawn per position.
      const reach = 1 + this.random.int(window);
      const word = sentence[i];
      const from = offsets[word];
      const to = offsets[word + 1];
      this.meanInto(rows, from, to);
      total.fill(0);
      for (let c = i - reach; c <= i + reach; c++) {
        if (c === i || c < 0 || c >= length) continue;
        gradient.fill(0);
        this.predictTarget(sentence[c], alpha);
        for (let j = 0; j < dim; j++) {
          hidden[j] += gradient[j];
          total[j] += gradient[j];
        }
      }
      for (let k = from; k < to; k++) {
        const base = rows[k] * dim;
        for (let j = 0; j < dim; j++) input[base + j] += total[j];
      }
    }
  }

  private cbow(length: number, alpha: number): void {
    const { offsets, rows } = this.arrays;
    const sentence = this.sentence;
    const window = this.settings.window;
    for (let i = 0; i < length; i++) {
      const reach = 1 + this.random.int(window);
      let size = 0;
      for (let c = i - reach; c <= i + reach; c++) {
        if (c === i || c < 0 || c >= length) continue;
        const word = sentence[c];
        const from = offsets[word];
        const to = offsets[word + 1];
        if (size + (to - from) > this.bag.length) this.growBag(size + (to - from));
        const bag = this.bag;
        for (let k = from; k < to; k++) bag[size++] = rows[k];
      }
      if (size > 0) this.update(this.bag, 0, size, sentence[i], alpha);
    }
  }

  private growBag(size: number): void {
    const larger = new Int32Array(Math.max(size, this.bag.length * 2));
    larger.set(this.bag);
    this.bag = larger;
  }

  /** One prediction step: hidden = mean of input rows list[from..to), predict `target`, gradient to every row. */
  private update(list: Int32Array, from: number, to: number, target: number, alpha: number): void {
    const input = this.arrays.input;
    const dim = this.settings.dim;
    const gradient = this.gradient;
    this.meanInto(list, from, to);
    gradient.fill(0);
    this.predictTarget(target, alpha);
    for (let k = from; k < to; k++) {
      const base = list[k] * dim;
      for (let j = 0; j < dim; j++) input[base + j] += gradient[j];
    }
  }

  private meanInto(list: Int32Array, from: number, to: number): void {
    const input = this.arrays.input;
    const dim = this.settings.dim;
    const hidden = this.hidden;
    hidden.fill(0);
    for (let k = from; k < to; k++) {
      const base = list[k] * dim;
      for (let j = 0; j < dim; j++) hidden[j] += input[base + j];
    }
    const inverse = 1 / (to - from);
    for (let j = 0; j < dim; j++) hidden[j] *= inverse;
  }

  /** The positive `target` and `negative` noise words (never the target itself) against the hidden vector. */
  private predictTarget(target: number, alpha: number): void {
    const { aliasProbability, aliasIndex } = this.arrays;
    this.binaryLogistic(target, 1, alpha);
    const vocabulary = aliasIndex.length;
    for (let n = 0; n < this.settings.negative; n++) {
      let negative: number;
      do {
        const column = Math.floor(this.random.float() * vocabulary);
        negative = this.random.float() < aliasProbability[column] ? column : aliasIndex[column];
      } while (negative === target && vocabulary > 1);
      if (negative === target) continue;
      this.binaryLogistic(negative, 0, alpha);
    }
  }

  /** gradient += g·output[row]; output[row] += g·hidden, g = alpha (label − σ(hidden·output[row])). */
  private binaryLogistic(row: number, label: number, alpha: number): void {
    const output = this.arrays.output;
    const hidden = this.hidden;
    const gradient = this.gradient;
    const dim = this.settings.dim;
    const base = row * dim;
    // Four running sums: one sum would wait on its own previous addition every step.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let j = 0;
    for (; j + 3 < dim; j += 4) {
      s0 += hidden[j] * output[base + j];
      s1 += hidden[j + 1] * output[base + j + 1];
      s2 += hidden[j + 2] * output[base + j + 2];
      s3 += hidden[j + 3] * output[base + j + 3];
    }
    for (; j < dim; j++) s0 += hidden[j] * output[base + j];
    const f = s0 + s1 + s2 + s3;
    let score: number;
    let loss: number;
    if (f < -MAX_SIGMOID) {
      score = 0;
      loss = label === 1 ? -f : 0;
    } else if (f > MAX_SIGMOID) {
      score = 1;
      loss = label === 1 ? 0 : f;
    } else {
      const index = Math.floor((f + MAX_SIGMOID) * SIGMOID_SCALE);
      score = SIGMOID[index];
      loss = label === 1 ? NEG_LOG_SIGMOID[index] : NEG_LOG_SIGMOID[index] + f;
    }
    this.lossSum += loss;
    this.lossCount++;
    const g = alpha * (label - score);
    for (j = 0; j < dim; j++) {
      const out = output[base + j];
      gradient[j] += g * out;
      output[base + j] = out + g * hidden[j];
    }
  }
}
