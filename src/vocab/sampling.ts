import { EmbedkitError } from '../errors.js';

export { NoiseTable } from './noise-table.js';
export { huffman, type HuffmanTree } from './huffman.js';

/**
 * word2vec's sub-sampling of frequent words: a word of count f among T tokens is kept with probability
 * (sqrt(f / (sample·T)) + 1) · sample·T / f, capped at 1. `sample` <= 0 keeps everything.
 */
export function subsampleKeepProbabilities(counts: ArrayLike<number>, sample: number): Float32Array {
  const keep = new Float32Array(counts.length).fill(1);
  if (!(sample > 0)) return keep;
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i];
    if (!(count >= 0) || !Number.isFinite(count)) {
      throw new EmbedkitError('BAD_COUNT', `count must be a finite number >= 0, got ${count}`, { field: `counts[${i}]` });
    }
    total += count;
  }
  const threshold = sample * total;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i];
    if (count > 0) keep[i] = Math.min(1, (Math.sqrt(count / threshold) + 1) * (threshold / count));
  }
  return keep;
}
