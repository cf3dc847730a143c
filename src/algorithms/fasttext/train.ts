import type { Worker } from 'node:worker_threads';
import { EmbedkitError } from '../../errors.js';
import { FASTTEXT_LOSS, FASTTEXT_MODEL } from '../../io/fasttext-args.js';
import { Random } from '../../util/random.js';
import { SubwordVectors } from '../../vectors/subword-vectors.js';
import { NoiseTable, subsampleKeepProbabilities } from '../../vocab/sampling.js';
import type { Vocabulary } from '../../vocab/vocabulary.js';
import { encodeTrainingCorpus, type Word2VecCorpus } from '../word2vec/encode.js';
import { MAX_PAGES, copyUnpaddedRows } from '../shared/memory-layout.js';
import { trainStreamEpochs } from '../shared/stream-training.js';
import { compileWasm, createSharedMemory, type WasmModule } from '../shared/wasm-api.js';
import { kernelMissing, readKernelFile } from '../shared/wasm-kernel.js';
import { blocksAtSentences } from '../shared/corpus-blocks.js';
import { startWorker } from '../shared/worker-pool.js';
import { writeWordTables } from '../shared/word-tables.js';
import { progressBytes, type WasmSliceSetup } from '../shared/worker-protocol.js';
import { withEndOfLineWord, type TrainingStream } from './end-of-line.js';
import type { KernelArrays, KernelSettings } from './kernel.js';
import { resolveFastTextOptions, type FastTextEpoch, type FastTextOptions, type ResolvedFastTextOptions } from './options.js';
import { buildSubwordTable, type SubwordTable } from './subwords.js';
import { FASTTEXT_CONFIG, MAX_SIGMOID, SIGMOID_TABLE_SIZE, planFastTextLayout } from './wasm-layout.js';
import type { FastTextWorkerSetup } from './worker-protocol.js';

export interface FastTextResult {
  vectors: SubwordVectors;
  vocabulary: Vocabulary;
  history: FastTextEpoch[];
  /** In-vocabulary words of the corpus, the `</s>` closing each line not counted (as fastText's own word count). */
  corpusWords: number;
  seconds: { encode: number; train: number };
  /** Which kernel trained: the SIMD WebAssembly one, or the plain JavaScript one (no dist/wasm/fasttext.wasm, or asked for). */
  kernel: 'wasm' | 'js';
}

/**
 * Trains fastText-style subword vectors: skip-gram (default) or CBOW with negative sampling, where
 * the input side of a word is the mean of its own row and its character n-gram rows.
 *
 * The corpus is read once and kept as an id stream (the Word2Vec trainer's encoder), each line closed
 * by fastText's `</s>` word (see end-of-line.ts), then `threads`
 * workers train slices of it every epoch, sharing the weights in shared memory without locks
 * (Hogwild, as fastText does), with the SIMD wasm kernel (assembly/fasttext.ts) or its JavaScript twin. With threads = 1 a seed gives the same vectors bit for bit.
 */
export async function trainFastText(corpus: Word2VecCorpus, options: FastTextOptions = {}): Promise<FastTextResult> {
  const settings = resolveFastTextOptions(options);
  const started = performance.now();
  const encoded = await encodeTrainingCorpus(corpus, settings, options.vocabulary);
  const stream = withEndOfLineWord(encoded, options.vocabulary !== undefined);
  const encodeSeconds = (performance.now() - started) / 1000;
  const table = buildSubwordTable(stream.vocabulary.words, {
    nwords: stream.vocabulary.size,
    bucket: settings.bucket,
    minn: settings.minn,
    maxn: settings.maxn,
  });
  const module = await loadKernel(options.kernel ?? 'auto');
  const progress = new SharedArrayBuffer(progressBytes(settings.threads));
  const totalWords = stream.tokens * settings.epochs;
  const run = module === null
    ? startJsWorkers({ stream, settings, table, progress, totalWords })
    : startWasmWorkers(module, { stream, settings, table, progress, totalWords });
  const { history, trainSeconds } = await trainStreamEpochs(run.workers, progress, totalWords, settings, options);
  const { input, output } = run.weights();

  const { vocabulary } = stream;
  const vectors = new SubwordVectors({
    words: vocabulary.words.slice(),
    dim: settings.dim,
    input,
    bucket: settings.bucket,
    minn: settings.minn,
    maxn: settings.maxn,
    counts: vocabulary.counts,
    output,
    args: {
      ws: settings.window,
      epoch: settings.epochs,
      minCount: settings.minCount,
      neg: settings.negative,
      wordNgrams: 1,
      loss: FASTTEXT_LOSS.ns,
      model: settings.skipGram ? FASTTEXT_MODEL.skipgram : FASTTEXT_MODEL.cbow,
      t: settings.sample,
    },
  });
  const kernel = module === null ? 'js' : 'wasm';
  return { vectors, vocabulary, history, corpusWords: encoded.words, seconds: { encode: encodeSeconds, train: trainSeconds }, kernel };
}

function shared<T extends Float32Array | Int32Array>(Type: new (buffer: SharedArrayBuffer) => T, length: number): T {
  return new Type(new SharedArrayBuffer(Math.max(1, length) * 4));
}

/** The compiled wasm kernel, or null to run the JavaScript one. */
async function loadKernel(choice: 'auto' | 'wasm' | 'js'): Promise<WasmModule | null> {
  if (choice === 'js') return null;
  const bytes = await readKernelFile('fasttext');
  if (bytes === null) {
    if (choice === 'auto') return null;
    throw kernelMissing('fasttext', 'fastText');
  }
  return compileWasm(bytes);
}

interface StartedRun {
  workers: Worker[];
  /** The trained matrices, row length = dim, once the workers are done. */
  weights(): { input: Float32Array; output: Float32Array };
}

/** fastText's initialisation: inputs uniform in ±1/dim (drawn row by row), outputs zero. */
function initialiseInput(input: Float32Array, rows: number, dim: number, stride: number, seed: number): void {
  const random = new Random(seed);
  const bound = 1 / dim;
  for (let row = 0; row < rows; row++) {
    const base = row * stride;
    for (let j = 0; j < dim; j++) input[base + j] = (random.float() * 2 - 1) * bound;
  }
}

function kernelSettings(settings: ResolvedFastTextOptions): KernelSettings {
  return {
    dim: settings.dim,
    skipGram: settings.skipGram,
    window: settings.window,
    negative: settings.negative,
    maxSentenceLength: settings.maxSentenceLength,
  };
}

/** What a run starts from, with either kernel. */
interface RunInput {
  stream: TrainingStream;
  settings: ResolvedFastTextOptions;
  table: SubwordTable;
  progress: SharedArrayBuffer;
  /** Epochs × tokens (`</s>` included): what the learning-rate schedule counts towards. */
  totalWords: number;
}

function startJsWorkers({ stream, settings, table, progress, totalWords }: RunInput): StartedRun {
  const arrays = buildArrays(stream, settings, table);
  const seeds = new Random(settings.seed * 7919 + 17);
  const workers = workerRanges(arrays.stream, settings).map((ranges, index) => {
    const setup: FastTextWorkerSetup = {
      index, arrays, settings: kernelSettings(settings), seed: seeds.nextUint32(), ranges, shuffleSeed: shuffleSeed(settings, index),
      alpha: settings.alpha, minAlpha: settings.minAlpha, totalWords, progress,
    };
    return startWorker(new URL('./worker.js', import.meta.url), setup);
  });
  return { workers, weights: () => ({ input: arrays.input, output: arrays.output }) };
}

function buildArrays(training: TrainingStream, settings: ResolvedFastTextOptions, table: SubwordTable): KernelArrays {
  const { vocabulary } = training;
  const words = vocabulary.size;
  const { dim } = settings;
  const inputValues = (words + settings.bucket) * dim;
  if (inputValues * 4 > 2 ** 33) {
    throw new EmbedkitError('TOO_LARGE', `the input matrix (${words} words + ${settings.bucket} buckets) × ${dim} is over 8 GiB`, {
      field: 'bucket',
    });
  }
  const input = shared(Float32Array, inputValues).subarray(0, inputValues);
  initialiseInput(input, words + settings.bucket, dim, dim, settings.seed);
  const output = shared(Float32Array, words * dim).subarray(0, words * dim);
  const offsets = shared(Int32Array, table.offsets.length);
  offsets.set(table.offsets);
  const rows = shared(Int32Array, table.rows.length);
  rows.set(table.rows);
  const keep = shared(Float32Array, words);
  keep.set(subsampleKeepProbabilities(vocabulary.counts, settings.sample));
  const noise = new NoiseTable(vocabulary.counts, settings.noisePower);
  const aliasProbability = shared(Float32Array, words);
  aliasProbability.set(noise.prob);
  const aliasIndex = shared(Int32Array, words);
  aliasIndex.set(noise.alias);
  const stream = shared(Int32Array, training.ids.length).subarray(0, training.ids.length);
  stream.set(training.ids);
  return { input, output, offsets, rows, keep, aliasProbability, aliasIndex, stream };
}

function startWasmWorkers(module: WasmModule, { stream: training, settings, table, progress, totalWords }: RunInput): StartedRun {
  const { vocabulary } = training;
  const v = vocabulary.size;
  const { dim } = settings;
  let maxRowsPerWord = 1;
  for (let id = 0; id < v; id++) maxRowsPerWord = Math.max(maxRowsPerWord, table.offsets[id + 1] - table.offsets[id]);
  const layout = planFastTextLayout({
    vocabSize: v,
    bucket: settings.bucket,
    dim,
    threads: settings.threads,
    maxSentenceLength: settings.maxSentenceLength,
    tableRows: table.rows.length,
    maxRowsPerWord,
    window: settings.window,
    negative: settings.negative,
    streamLength: training.ids.length,
  });
  if (layout.pages > MAX_PAGES) {
    throw new EmbedkitError('TOO_LARGE', `the weights and corpus need ${(layout.bytes / 2 ** 30).toFixed(1)} GiB, more than WebAssembly's 4 GiB`, {
      field: 'bucket',
    });
  }
  const memory = createSharedMemory(layout.pages, layout.pages);
  const buffer = memory.buffer;
  writeWordTables(buffer, layout, {
    sigmoidSize: SIGMOID_TABLE_SIZE,
    maxSigmoid: MAX_SIGMOID,
    keep: subsampleKeepProbabilities(vocabulary.counts, settings.sample),
    noise: new NoiseTable(vocabulary.counts, settings.noisePower),
  });
  new Int32Array(buffer, layout.offsets, v + 1).set(table.offsets);
  new Int32Array(buffer, layout.rows, table.rows.length).set(table.rows);
  const rowCount = v + settings.bucket;
  initialiseInput(new Float32Array(buffer, layout.input, rowCount * layout.stride), rowCount, dim, layout.stride, settings.seed);
  const stream = new Int32Array(buffer, layout.stream, training.ids.length);
  stream.set(training.ids);

  const seeds = new Random(settings.seed * 7919 + 17);
  const workers = workerRanges(stream, settings).map((ranges, index) => {
    const config = new Int32Array(buffer, layout.configs[index], 32);
    const C = FASTTEXT_CONFIG;
    config[C.input] = layout.input;
    config[C.output] = layout.output;
    config[C.stride] = layout.stride;
    config[C.vocabSize] = v;
    config[C.offsets] = layout.offsets;
    config[C.rows] = layout.rows;
    config[C.keepProbability] = layout.keepProbability;
    config[C.aliasProbability] = layout.aliasProbability;
    config[C.aliasIndex] = layout.aliasIndex;
    config[C.sigmoid] = layout.sigmoid;
    config[C.negLogSigmoid] = layout.negLogSigmoid;
    config[C.scratch] = layout.scratch[index];
    config[C.window] = settings.window;
    config[C.negative] = settings.negative;
    config[C.sg] = settings.skipGram ? 1 : 0;
    config[C.maxSentence] = settings.maxSentenceLength;
    config[C.stream] = layout.stream;
    config[C.seedLow] = seeds.nextUint32() | 0;
    config[C.seedHigh] = seeds.nextUint32() | 0;
    config[C.bagCapacity] = layout.bagCapacity;
    const setup: WasmSliceSetup = {
      index, module, memory, configOffset: layout.configs[index], ranges, shuffleSeed: shuffleSeed(settings, index),
      alpha: settings.alpha, minAlpha: settings.minAlpha, totalWords, progress,
    };
    return startWorker(new URL('../shared/wasm-stream-worker.js', import.meta.url), setup);
  });
  return {
    workers,
    weights: () => ({
      input: unpadded(buffer, layout.input, rowCount, dim, layout.stride),
      output: unpadded(buffer, layout.output, v, dim, layout.stride),
    }),
  };
}

/** rows × dim floats at `offset`: a view when rows are not padded (the input matrix can be large), else a compact copy. */
function unpadded(buffer: SharedArrayBuffer, offset: number, rows: number, dim: number, stride: number): Float32Array {
  if (stride === dim) return new Float32Array(buffer, offset, rows * dim);
  return copyUnpaddedRows(buffer, offset, rows, dim, stride);
}

/**
 * What each worker trains every epoch: by default blocks of whole lines dealt in turn, which each worker
 * visits in a new seeded order every epoch (see blocksInEpochOrder); with `shuffle: false` one contiguous
 * slice each, in corpus order, as fastText's threads read the file.
 */
function workerRanges(stream: Int32Array, settings: ResolvedFastTextOptions): number[][] {
  if (!settings.shuffle) return blocksAtSentences(stream, settings.threads, Math.ceil(stream.length / settings.threads));
  return blocksAtSentences(stream, settings.threads, SHUFFLED_BLOCK_TOKENS);
}

/**
 * Tokens per shuffled block. On en7m, 3 seeds each (WS-353 / MEN / analogies): 20,000 → 0.473 / 0.592 /
 * 55.2 %, 50,000 → 0.483 / 0.590 / 55.8 %, 100,000 → 0.487 / 0.581 / 55.4 % (corpus order: 0.40 / 0.54 / 54.9 %).
 */
const SHUFFLED_BLOCK_TOKENS = 50_000;

/** The seed of a worker's block order, or none when lines are read in corpus order. */
function shuffleSeed(settings: ResolvedFastTextOptions, worker: number): number | undefined {
  return settings.shuffle ? (Math.imul(settings.seed, 7919) + 101 * (worker + 1)) >>> 0 : undefined;
}
