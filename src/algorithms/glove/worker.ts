// One Hogwild GloVe thread: reshuffles its own records each epoch, then trains them with the wasm
// kernel, writing the shared parameters without locks. Started by train.ts from the compiled dist/ file.
import { parentPort, workerData } from 'node:worker_threads';
import { Random } from '../../util/random.js';
import { viewsOf } from './glove-memory.js';
import { shuffleRecords } from './kernel.js';
import { instantiateKernel } from './wasm-kernel.js';
import { shuffleSeed, type GloveEpochDone, type GloveEpochRequest, type GloveWorkerSetup } from './worker-protocol.js';

/**
 * Records per kernel call: progress is published this often, and short calls let V8 move the kernel
 * to its optimizing tier (wasm has no on-stack replacement).
 */
const RECORDS_PER_CALL = 1 << 15;

const setup = workerData as GloveWorkerSetup;
const { start, end, progress, index } = setup;
const kernel = instantiateKernel(setup.module, setup.memory, setup.layout, setup.settings);
const { rows, cols, values } = viewsOf(setup.memory, setup.layout);

parentPort!.on('message', ({ epoch }: GloveEpochRequest) => {
  const random = new Random(shuffleSeed(setup.seed, epoch, index));
  shuffleRecords(rows, cols, values, start, end, () => random.nextUint32());
  let cost = 0;
  Atomics.store(progress, index, 0);
  for (let from = start; from < end; from += RECORDS_PER_CALL) {
    const to = Math.min(end, from + RECORDS_PER_CALL);
    cost += kernel.train(from, to);
    Atomics.store(progress, index, to - start);
  }
  const done: GloveEpochDone = { cost };
  parentPort!.postMessage(done);
});
