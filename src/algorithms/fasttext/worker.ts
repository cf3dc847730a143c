// One Hogwild fastText training thread: trains its slice of the shared id stream, writing the shared
// weights without locks. Started by train.ts from the compiled dist/ file.
import { parentPort, workerData } from 'node:worker_threads';
import { learningRate } from '../word2vec/schedule.js';
import { PROGRESS_WORDS, lossSlot, type WorkerDone } from '../word2vec/worker-protocol.js';
import { FastTextKernel } from './kernel.js';
import type { FastTextWorkerSetup } from './worker-protocol.js';

/** Words per kernel call: how often the learning rate is refreshed from the shared word count. */
const WORDS_PER_CALL = 10_000;

const setup = workerData as FastTextWorkerSetup;
const kernel = new FastTextKernel(setup.arrays, setup.settings, setup.seed);
const wordsDone = new BigInt64Array(setup.progress, 0, 1);
const losses = new Float64Array(setup.progress);

parentPort!.on('message', () => {
  kernel.resetLoss();
  let alpha = setup.alpha;
  let position = setup.start;
  let words = 0;
  while (position < setup.end) {
    const done = Number(Atomics.load(wordsDone, PROGRESS_WORDS));
    alpha = learningRate(setup.alpha, setup.minAlpha, done / setup.totalWords);
    position = kernel.train(position, setup.end, WORDS_PER_CALL, alpha);
    words += kernel.wordsRead;
    Atomics.add(wordsDone, PROGRESS_WORDS, BigInt(kernel.wordsRead));
    // Read only for progress display: a torn value there is harmless.
    losses[lossSlot(setup.index)] = kernel.lossSum;
    losses[lossSlot(setup.index) + 1] = kernel.lossCount;
  }
  const done: WorkerDone = { words, loss: kernel.lossSum, lossCount: kernel.lossCount, alpha };
  parentPort!.postMessage(done);
});
