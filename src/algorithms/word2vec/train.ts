import { EmbedkitError } from '../../errors.js';
import { Random } from '../../util/random.js';
import { KeyedVectors } from '../../vectors/keyed-vectors.js';
import { NoiseTable, huffman, subsampleKeepProbabilities } from '../../vocab/sampling.js';
import type { Vocabulary } from '../../vocab/vocabulary.js';
import { MAX_PAGES, PAGE_BYTES, copyUnpaddedRows } from '../shared/memory-layout.js';
import { trainStreamEpochs } from '../shared/stream-training.js';
import type { SharedWasmMemory } from '../shared/wasm-api.js';
import { compileKernelFile } from '../shared/wasm-kernel.js';
import { blocksAtSentences } from '../shared/corpus-blocks.js';
import { startWorker } from '../shared/worker-pool.js';
import { writeWordTables } from '../shared/word-tables.js';
import { progressBytes, type WasmSliceSetup } from '../shared/worker-protocol.js';
import { encodeTrainingCorpus, type EncodedCorpus, type Word2VecCorpus } from './encode.js';
import { CONFIG_FIELDS, MAX_EXP, SIGMOID_TABLE_SIZE, planLayout, type MemoryLayout } from './layout.js';
import { resolveOptions, type ResolvedWord2VecOptions, type Word2VecEpoch, type Word2VecOptions } from './options.js';

export interface Word2VecResult {
  vectors: KeyedVectors;
  vocabulary: Vocabulary;
  history: Word2VecEpoch[];
  /** In-vocabulary words of the corpus: the words of one epoch. */
  corpusWords: number;
  /** Reading, counting and encoding the corpus; then the epochs themselves (workers running). */
  seconds: { encode: number; train: number };
}

/**
 * Trains word vectors with skip-gram or CBOW, negative sampling and/or hierarchical softmax.
 *
 * Two passes: the corpus is read and tokenized once, counted, and kept as a compact id stream
 * (ids only, -1 between sentences; never the text), then `threads` workers train on slices of
 * that stream for every epoch, sharing the weights in one shared WebAssembly.Memory without locks
 * (Hogwild, as the C tool does). With threads = 1 a seed gives the same vectors bit for bit;
 * with several threads the interleaving of their updates, and so the result, varies run to run.
 */
export async function trainWord2Vec(corpus: Word2VecCorpus, options: Word2VecOptions = {}): Promise<Word2VecResult> {
  const settings = resolveOptions(options);
  const started = performance.now();
  const encoded = await encodeTrainingCorpus(corpus, settings, options.vocabulary);
  const encodeSeconds = (performance.now() - started) / 1000;
  const { memory, layout } = buildSharedMemory(encoded, settings);
  const { history, trainSeconds } = await runWorkers(memory, layout, encoded, settings, options);

  const { vocabulary } = encoded;
  const dim = settings.dim;
  const vectors = copyUnpaddedRows(memory.buffer, layout.syn0, vocabulary.size, dim, layout.stride);
  return {
    vectors: new KeyedVectors(vocabulary.words.slice(), vectors, dim, vocabulary.counts),
    vocabulary,
    history,
    corpusWords: encoded.words,
    seconds: { encode: encodeSeconds, train: trainSeconds },
  };
}

function buildSharedMemory(encoded: EncodedCorpus, settings: ResolvedWord2VecOptions): { memory: SharedWasmMemory; layout: MemoryLayout } {
  const { vocabulary } = encoded;
  const counts = vocabulary.counts;
  const tree = settings.hs ? huffman(counts) : undefined;
  const layout = planLayout({
    vocabSize: vocabulary.size,
    dim: settings.dim,
    threads: settings.threads,
    window: settings.window,
    negative: settings.negative,
    hs: settings.hs === 1,
    maxCodeLength: tree?.maxCodeLength ?? 0,
    maxSentenceLength: settings.maxSentenceLength,
    streamLength: encoded.length,
  });
  if (layout.pages > MAX_PAGES) {
    throw new EmbedkitError('TOO_LARGE', `the weights and corpus need ${(layout.pages / 16384).toFixed(1)} GiB, more than WebAssembly's 4 GiB`, {
      field: 'dim',
    });
  }
  const memory = encoded.memory;
  const pagesNow = memory.buffer.byteLength / PAGE_BYTES;
  if (layout.pages > pagesNow) memory.grow(layout.pages - pagesNow);
  const buffer = memory.buffer;
  const v = vocabulary.size;

  writeWordTables(buffer, layout, {
    sigmoidSize: SIGMOID_TABLE_SIZE,
    maxSigmoid: MAX_EXP,
    keep: settings.sample > 0 ? subsampleKeepProbabilities(counts, settings.sample) : new Float32Array(v).fill(1),
    noise: settings.negative > 0 ? new NoiseTable(counts, 0.75) : undefined,
  });
  if (tree) {
    new Uint8Array(buffer, layout.codes, v * tree.maxCodeLength).set(tree.codes);
    new Int32Array(buffer, layout.points, v * tree.maxCodeLength).set(tree.points);
    new Uint8Array(buffer, layout.codeLengths, v).set(tree.lengths);
  }
  // Inputs uniform in ±0.5/dim, outputs zero: the C tool's and gensim's initialisation.
  const syn0 = new Float32Array(buffer, layout.syn0, v * layout.stride);
  const random = new Random(settings.seed);
  for (let row = 0; row < v; row++) {
    const base = row * layout.stride;
    for (let j = 0; j < settings.dim; j++) syn0[base + j] = (random.float() - 0.5) / settings.dim;
  }

  for (let worker = 0; worker < settings.threads; worker++) {
    const config = new Int32Array(buffer, layout.configs[worker], 32);
    config[CONFIG_FIELDS.syn0] = layout.syn0;
    config[CONFIG_FIELDS.syn1neg] = layout.syn1neg;
    config[CONFIG_FIELDS.syn1] = layout.syn1;
    config[CONFIG_FIELDS.stride] = layout.stride;
    config[CONFIG_FIELDS.vocabSize] = v;
    config[CONFIG_FIELDS.keepProbability] = layout.keepProbability;
    config[CONFIG_FIELDS.aliasProbability] = layout.aliasProbability;
    config[CONFIG_FIELDS.aliasIndex] = layout.aliasIndex;
    config[CONFIG_FIELDS.codes] = layout.codes;
    config[CONFIG_FIELDS.points] = layout.points;
    config[CONFIG_FIELDS.codeLengths] = layout.codeLengths;
    config[CONFIG_FIELDS.maxCodeLength] = tree?.maxCodeLength ?? 0;
    config[CONFIG_FIELDS.sigmoid] = layout.sigmoid;
    config[CONFIG_FIELDS.negLogSigmoid] = layout.negLogSigmoid;
    config[CONFIG_FIELDS.scratch] = layout.scratch[worker];
    config[CONFIG_FIELDS.window] = settings.window;
    config[CONFIG_FIELDS.negative] = settings.negative;
    config[CONFIG_FIELDS.hs] = settings.hs;
    config[CONFIG_FIELDS.sg] = settings.sg;
    config[CONFIG_FIELDS.cbowMean] = settings.cbowMean;
    config[CONFIG_FIELDS.maxSentence] = settings.maxSentenceLength;
    config[CONFIG_FIELDS.stream] = layout.stream;
    // Distinct, seed-determined random streams per worker.
    const seeds = new Random(settings.seed * 7919 + worker + 1);
    config[CONFIG_FIELDS.seedLow] = seeds.nextUint32() | 0;
    config[CONFIG_FIELDS.seedHigh] = seeds.nextUint32() | 0;
  }
  return { memory, layout };
}

async function runWorkers(
  memory: SharedWasmMemory,
  layout: MemoryLayout,
  encoded: EncodedCorpus,
  settings: ResolvedWord2VecOptions,
  options: Word2VecOptions,
): Promise<{ history: Word2VecEpoch[]; trainSeconds: number }> {
  const module = await compileKernelFile('word2vec', 'Word2Vec');
  const progress = new SharedArrayBuffer(progressBytes(settings.threads));
  const totalWords = encoded.words * settings.epochs;
  const blocks = blocksAtSentences(encoded.ids(), settings.threads);
  const workers = blocks.map((ranges, index) => {
    const setup: WasmSliceSetup = {
      index, module, memory, configOffset: layout.configs[index], ranges,
      alpha: settings.alpha, minAlpha: settings.minAlpha, totalWords, progress,
    };
    return startWorker(new URL('../shared/wasm-stream-worker.js', import.meta.url), setup);
  });
  return trainStreamEpochs(workers, progress, totalWords, settings, options);
}
