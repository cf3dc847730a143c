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
  return dealInTurn(sentenceBlocks(ids, blockTokens), identityOrder(0), threads);
}

/**
 * The same blocks visited in an order drawn from `seed` (one order for the whole run), dealt in turn.
 * Reading a corpus in its own order ends every epoch, at the lowest learning rates, on its last part; for
 * subword vectors on en7m that part (the Bible) cost 6–14 WS-353 points against a mixed order.
 */
export function shuffledBlocks(ids: Int32Array, threads: number, seed: number, blockTokens = BLOCK_TOKENS): number[][] {
  const blocks = sentenceBlocks(ids, blockTokens);
  const count = blocks.length / 2;
  const order = identityOrder(count);
  const random = new Random(seed);
  for (let i = count - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const swap = order[i];
    order[i] = order[j];
    order[j] = swap;
  }
  return dealInTurn(blocks, order, threads);
}

function identityOrder(count: number): Int32Array {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  return order;
}

/** Blocks to workers 0, 1, …, 0, 1, … in `order` (stream order when `order` is empty). */
function dealInTurn(blocks: number[], order: Int32Array, threads: number): number[][] {
  const ranges: number[][] = Array.from({ length: threads }, () => []);
  const count = blocks.length / 2;
  for (let n = 0; n < count; n++) {
    const block = order.length === 0 ? n : order[n];
    ranges[n % threads].push(blocks[2 * block], blocks[2 * block + 1]);
  }
  return ranges;
}
