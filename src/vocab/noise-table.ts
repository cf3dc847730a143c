import { EmbedkitError } from '../errors.js';

const TWO_TO_32 = 4294967296;

/**
 * Draws word ids with probability proportional to count^power (word2vec's negative-sampling noise,
 * power 0.75), by Walker's alias method in Vose's stable form: O(V) memory and two random numbers per
 * draw, where word2vec fills a table of 10^8 ids.
 */
export class NoiseTable {
  readonly size: number;
  /** Per column: the chance that a draw landing there keeps the column's own id. */
  readonly prob: Float32Array;
  /** Per column: the id returned otherwise. */
  readonly alias: Int32Array;

  constructor(counts: ArrayLike<number>, power = 0.75) {
    const size = counts.length;
    if (size === 0) throw new EmbedkitError('EMPTY_VOCABULARY', 'the noise distribution needs at least one word');
    if (!Number.isFinite(power) || power <= 0) {
      throw new EmbedkitError('BAD_OPTION', `power must be a finite number > 0, got ${power}`, { field: 'power' });
    }
    const scaled = new Float64Array(size);
    let total = 0;
    for (let i = 0; i < size; i++) {
      const count = counts[i];
      if (!(count >= 0) || !Number.isFinite(count)) {
        throw new EmbedkitError('BAD_COUNT', `count must be a finite number >= 0, got ${count}`, { field: `counts[${i}]` });
      }
      scaled[i] = count === 0 ? 0 : Math.pow(count, power);
      total += scaled[i];
    }
    if (total === 0) throw new EmbedkitError('BAD_COUNT', 'every count is 0: there is nothing to sample');
    for (let i = 0; i < size; i++) scaled[i] = (scaled[i] * size) / total;

    // Vose: pair each under-full column with an over-full one that tops it up.
    const prob = new Float32Array(size);
    const alias = new Int32Array(size);
    const small = new Int32Array(size);
    const large = new Int32Array(size);
    let smallTop = 0;
    let largeTop = 0;
    for (let i = 0; i < size; i++) {
      alias[i] = i;
      if (scaled[i] < 1) small[smallTop++] = i;
      else large[largeTop++] = i;
    }
    while (smallTop > 0 && largeTop > 0) {
      const under = small[--smallTop];
      const over = large[--largeTop];
      prob[under] = scaled[under];
      alias[under] = over;
      scaled[over] = scaled[over] + scaled[under] - 1;
      if (scaled[over] < 1) small[smallTop++] = over;
      else large[largeTop++] = over;
    }
    // What is left is full up to rounding error.
    while (largeTop > 0) prob[large[--largeTop]] = 1;
    while (smallTop > 0) prob[small[--smallTop]] = 1;

    this.size = size;
    this.prob = prob;
    this.alias = alias;
  }

  /** An id from two uniform 32-bit integers: u1 picks the column, u2 decides between it and its alias. */
  sample(u1: number, u2: number): number {
    const column = Math.floor((u1 * this.size) / TWO_TO_32);
    return u2 < this.prob[column] * TWO_TO_32 ? column : this.alias[column];
  }
}
