// The worker side of the Word2Vec and fastText trainers: train this worker's slice of the id stream
// once per 'epoch' message, in short kernel calls between which the learning rate follows the shared
// word count, then answer with the epoch's words and loss.
import { parentPort } from 'node:worker_threads';
import { learningRate } from '../word2vec/schedule.js';
import { blocksInEpochOrder } from './corpus-blocks.js';
import { PROGRESS_WORDS, lossSlot, type StreamSliceSetup, type WorkerDone } from './worker-protocol.js';

/** What the loop needs of a kernel, wasm or JavaScript. */
export interface StreamKernel {
  /** Trains whole sentences from `position` until `wordBudget` words were read or `end`; returns the next position. */
  train(position: number, end: number, wordBudget: number, alpha: number): number;
  /** Words read (before subsampling) by the last `train` call. */
  wordsRead(): number;
  loss(): number;
  lossCount(): number;
  resetLoss(): void;
}

/**
 * Words per kernel call: the learning rate is refreshed this often (the C tool: every 10,000 words),
 * and short calls let V8 move a wasm kernel to its optimizing tier (wasm has no on-stack replacement).
 */
const WORDS_PER_CALL = 10_000;

export function serveStreamSlices(setup: StreamSliceSetup, kernel: StreamKernel): void {
  const port = parentPort!;
  const wordsDone = new BigInt64Array(setup.progress, 0, 1);
  const losses = new Float64Array(setup.progress);
  let epoch = 0;
  port.on('message', () => {
    kernel.resetLoss();
    const ranges = setup.shuffleSeed === undefined ? setup.ranges : blocksInEpochOrder(setup.ranges, setup.shuffleSeed, epoch);
    epoch++;
    let alpha = setup.alpha;
    let words = 0;
    for (let r = 0; r < ranges.length; r += 2) {
      let position = ranges[r];
      const end = ranges[r + 1];
      while (position < end) {
        const done = Number(Atomics.load(wordsDone, PROGRESS_WORDS));
        alpha = learningRate(setup.alpha, setup.minAlpha, done / setup.totalWords);
        position = kernel.train(position, end, WORDS_PER_CALL, alpha);
        const read = kernel.wordsRead();
        words += read;
        Atomics.add(wordsDone, PROGRESS_WORDS, BigInt(read));
        // Read only for progress display: a torn value there is harmless.
        losses[lossSlot(setup.index)] = kernel.loss();
        losses[lossSlot(setup.index) + 1] = kernel.lossCount();
      }
    }
    const done: WorkerDone = { words, loss: kernel.loss(), lossCount: kernel.lossCount(), alpha };
    port.postMessage(done);
  });
}
