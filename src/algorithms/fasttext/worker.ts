// One Hogwild fastText training thread with the JavaScript kernel: trains its slice of the shared id
// stream, writing the shared weights without locks. Started by train.ts from the compiled dist/ file.
import { workerData } from 'node:worker_threads';
import { serveStreamSlices } from '../shared/stream-slices.js';
import { FastTextKernel } from './kernel.js';
import type { FastTextWorkerSetup } from './worker-protocol.js';

const setup = workerData as FastTextWorkerSetup;
const kernel = new FastTextKernel(setup.arrays, setup.settings, setup.seed);
serveStreamSlices(setup, {
  train: (position, end, wordBudget, alpha) => kernel.train(position, end, wordBudget, alpha),
  wordsRead: () => kernel.wordsRead,
  loss: () => kernel.lossSum,
  lossCount: () => kernel.lossCount,
  resetLoss: () => kernel.resetLoss(),
});
