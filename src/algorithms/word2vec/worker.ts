// One Hogwild training thread: trains its slice of the shared id stream with the wasm kernel,
// writing the shared weights without locks. Started by train.ts from the compiled dist/ file.
import { parentPort, workerData } from 'node:worker_threads';
import { instantiateKernel } from './kernel.js';
import { learningRate } from './schedule.js';
import { PROGRESS_WORDS, lossSlot, type WorkerDone, type WorkerSetup } from './worker-protocol.js';

/**
 * Words per kernel call: the learning rate is refreshed this often (the C tool: every 10,000 words),
 * and short calls let V8 move the kernel to its optimizing tier (wasm has no on-stack replacement).
 */
const WORDS_PER_CALL = 10_000;

const setup = workerData as WorkerSetup;
const kernel = instantiateKernel(setup.module, setup.memory);
kernel.configure(setup.configOffset);
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
    const read = kernel.wordsRead();
    words += read;
    Atomics.add(wordsDone, PROGRESS_WORDS, BigInt(read));
    // Read only for progress display: a torn value there is harmless.
    losses[lossSlot(setup.index)] = kernel.loss();
    losses[lossSlot(setup.index) + 1] = kernel.lossCount();
  }
  const done: WorkerDone = { words, loss: kernel.loss(), lossCount: kernel.lossCount(), alpha };
  parentPort!.postMessage(done);
});
