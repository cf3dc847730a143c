// One Hogwild training thread of the Word2Vec or fastText trainer: trains its slice of the shared id
// stream with the wasm kernel whose module it is handed, writing the shared weights without locks.
// Started by word2vec/train.ts and fasttext/train.ts from the compiled dist/ file.
import { workerData } from 'node:worker_threads';
import { serveStreamSlices } from './stream-slices.js';
import { instantiateStreamKernel } from './wasm-kernel.js';
import type { WasmSliceSetup } from './worker-protocol.js';

const setup = workerData as WasmSliceSetup;
const kernel = instantiateStreamKernel(setup.module, setup.memory);
kernel.configure(setup.configOffset);
serveStreamSlices(setup, kernel);
