// One Hogwild fastText training thread running the wasm kernel (assembly/fasttext.ts) over the
// shared memory. Started by wasm-engine.ts from the compiled dist/ file.
import { parentPort, workerData } from 'node:worker_threads';
import { instantiateWasm, type SharedWasmMemory, type WasmModule } from '../word2vec/wasm-api.js';
import { learningRate } from '../word2vec/schedule.js';
import { PROGRESS_WORDS, lossSlot, type WorkerDone } from '../word2vec/worker-protocol.js';

/** The exports of assembly/fasttext.ts. */
interface FastTextWasmKernel {
  configure(configOffset: number): void;
  train(position: number, end: number, wordBudget: number, alpha: number): number;
  wordsRead(): number;
  loss(): number;
  lossCount(): number;
  resetLoss(): void;
}

export interface FastTextWasmWorkerSetup {
  index: number;
  module: WasmModule;
  memory: SharedWasmMemory;
  configOffset: number;
  start: number;
  end: number;
  alpha: number;
  minAlpha: number;
  totalWords: number;
  progress: SharedArrayBuffer;
}

/** Words per kernel call: the learning rate is refreshed this often, and V8 can tier the kernel up between calls. */
const WORDS_PER_CALL = 10_000;

if (parentPort !== null) {
  const setup = workerData as FastTextWasmWorkerSetup;
  const kernel = instantiateWasm(setup.module, { env: { memory: setup.memory } }) as unknown as FastTextWasmKernel;
  kernel.configure(setup.configOffset);
  const wordsDone = new BigInt64Array(setup.progress, 0, 1);
  const losses = new Float64Array(setup.progress);
  const port = parentPort;
  port.on('message', () => {
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
    port.postMessage(done);
  });
}
