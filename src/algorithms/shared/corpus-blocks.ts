import { Random } from '../../util/random.js';
import { SENTENCE_END } from '../word2vec/id-stream.js';

/** Tokens per block of the id stream handed to the worker threads (about 2 kernel calls). */
export const BLOCK_TOKENS = 20_000;

/**
 * The stream cut into blocks of about `blockTokens` tokens, each extended to end after a sentence:
 * flat [start, end) pairs, in stream order.
 */
export function sentenceBlocks(ids: Int32Array, blockTokens = BLOCK_TOKENS): number[] {
  const blocks: number[] = [];
  let start = 0;
  while (start < ids.length) {
    let end = Math.min(ids.length, start + blockTokens);
    while (end < ids.length && ids[end - 1] !== SENTENCE_END) end++;
    blocks.push(start, end);
    start = end;
  }
  return blocks;
}

/**
 * Cuts the stream into blocks (see sentenceBlocks) and deals them to the `threads` workers in turn
 * (flat [start, end) pairs per worker). At any moment the workers then train neighbouring text, as one
 * thread reading the corpus in order would: with one contiguous half each, a corpus made of parts from
 * different sources (en7m: Brown, speeches, Gutenberg, the Bible) had every thread on its own source
 * for a whole epoch, and CBOW lost 1.5–3 WS-353 points at 2 threads.
 */
export function blocksAtSentences(ids: Int32Array, threads: number, blockTokens = BLOCK_TOKENS): number[][] {
  const blocks = sentenceBlocks(ids, blockTokens);
  const ranges: number[][] = Array.from({ length: threads }, () => []);
  for (let n = 0; n < blocks.length / 2; n++) ranges[n % threads].push(blocks[2 * n], blocks[2 * n + 1]);
  return ranges;
}

/**
 * A worker's blocks (flat [start, end) pairs) in the order it visits them in `epoch`: a permutation
 * drawn from `seed` and the epoch, so every epoch is ordered anew and a seed repeats the run. Reading a
 * corpus in its own order ends every epoch, at the lowest learning rates, on its last part; for subword
 * vectors on en7m that part (the Bible) cost 6–14 WS-353 points against a shuffled order.
 */
export function blocksInEpochOrder(ranges: readonly number[], seed: number, epoch: number): number[] {
  const count = ranges.length / 2;
  const order = identityOrder(count);
  const random = new Random((seed ^ Math.imul(epoch + 1, 0x9e3779b1)) >>> 0);
  for (let i = count - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  const shuffled = new Array<number>(ranges.length);
  for (let n = 0; n < count; n++) {
    shuffled[2 * n] = ranges[2 * order[n]];
    shuffled[2 * n + 1] = ranges[2 * order[n] + 1];
  }
  return shuffled;
}

function identityOrder(count: number): Int32Array {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  return order;
}
