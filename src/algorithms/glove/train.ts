import { EmbedkitError } from '../../errors.js';
import { KeyedVectors } from '../../vectors/keyed-vectors.js';
import type { Vocabulary } from '../../vocab/vocabulary.js';
import { runEpochs, startWorker } from '../shared/worker-pool.js';
import { validateMatrix, type CooccurrenceMatrix, type CooccurrenceStats } from './cooccurrence-matrix.js';
import { countCooccurrences, type GloveCorpus } from './count.js';
import { GloveMemory } from './glove-memory.js';
import { compileKernel } from './wasm-kernel.js';
import { resolveGloveOptions, type GloveEpoch, type GloveOptions, type ResolvedGloveOptions } from './options.js';
import type { GloveEpochDone, GloveEpochRequest, GloveWorkerSetup } from './worker-protocol.js';

export interface GloveResult {
  vectors: KeyedVectors;
  vocabulary: Vocabulary;
  history: GloveEpoch[];
  /** Distinct co-occurring pairs trained on. */
  records: number;
  /** Present when the co-occurrences were counted here. */
  counting?: CooccurrenceStats;
  seconds: { count: number; train: number };
}

/**
 * GloVe (Pennington et al. 2014): fits w_i · w̃_j + b_i + b̃_j ≈ log X_ij by weighted least squares,
 * f(X) = min(1, (X / xMax)^alpha), with AdaGrad, from a corpus (counted first with
 * countCooccurrences, the counting options apply) or from co-occurrences counted before.
 *
 * `threads` workers each own a slice of the records, reshuffle it every epoch (seeded) and update the
 * shared parameters without locks (Hogwild, as the C tool). With threads = 1 a seed gives the same
 * vectors bit for bit; with several the interleaving of their updates, and so the result, varies.
 */
export async function trainGlove(input: GloveCorpus | CooccurrenceMatrix, options: GloveOptions = {}): Promise<GloveResult> {
  const settings = resolveGloveOptions(options);
  const started = performance.now();
  const { glove, vocabulary, counting } = await prepareMemory(input, settings, options);
  const countSeconds = (performance.now() - started) / 1000;
  const { history, trainSeconds } = await runWorkers(glove, settings, options);
  return {
    vectors: new KeyedVectors(vocabulary.words.slice(), glove.wordVectors(settings.output), settings.dim, vocabulary.counts),
    vocabulary,
    history,
    records: glove.layout.records,
    counting,
    seconds: { count: countSeconds, train: trainSeconds },
  };
}

/**
 * Counts (or checks) the co-occurrences and copies them into the run's shared memory, where the
 * workers shuffle them in place; a counted matrix is garbage once this returns.
 */
async function prepareMemory(
  input: GloveCorpus | CooccurrenceMatrix,
  settings: ResolvedGloveOptions,
  options: GloveOptions,
): Promise<{ glove: GloveMemory; vocabulary: Vocabulary; counting?: CooccurrenceStats }> {
  let matrix: CooccurrenceMatrix;
  let counting: CooccurrenceStats | undefined;
  if (isMatrix(input)) {
    validateMatrix(input);
    matrix = input;
  } else {
    const counted = await countCooccurrences(input, { ...options, onProgress: options.onCountProgress });
    matrix = counted;
    counting = counted.stats;
  }
  if (matrix.size === 0) {
    throw new EmbedkitError('EMPTY_CORPUS', 'no co-occurring pairs to train on (sentences of one word, or an empty corpus)', { field: 'corpus' });
  }
  const glove = new GloveMemory(matrix.vocabulary.size, settings.dim, matrix.size);
  glove.initialize(settings.seed);
  glove.copyRecords(matrix);
  return { glove, vocabulary: matrix.vocabulary, counting };
}

function isMatrix(input: GloveCorpus | CooccurrenceMatrix): input is CooccurrenceMatrix {
  return 'rows' in input && 'cols' in input && 'values' in input && 'vocabulary' in input;
}

async function runWorkers(
  glove: GloveMemory,
  settings: ResolvedGloveOptions,
  options: GloveOptions,
): Promise<{ history: GloveEpoch[]; trainSeconds: number }> {
  const size = glove.layout.records;
  const threads = Math.min(settings.threads, size);
  const module = await compileKernel();
  const progress = new Int32Array(new SharedArrayBuffer(4 * threads));
  const workers = Array.from({ length: threads }, (_, index) => {
    const setup: GloveWorkerSetup = {
      index,
      module,
      memory: glove.memory,
      layout: glove.layout,
      settings: { xMax: settings.xMax, alpha: settings.alpha, learningRate: settings.learningRate, biasLearningRate: settings.biasLearningRate },
      start: Math.floor((size * index) / threads),
      end: Math.floor((size * (index + 1)) / threads),
      seed: settings.seed,
      progress,
    };
    return startWorker(new URL('./worker.js', import.meta.url), setup);
  });

  const total = size * settings.epochs;
  const history: GloveEpoch[] = [];
  let finishedRecords = 0;
  const report = options.onProgress;
  const onTick = report === undefined ? undefined : (seconds: number): void => {
    let done = finishedRecords;
    for (let w = 0; w < threads; w++) done += Atomics.load(progress, w);
    const recordsPerSec = seconds > 0 ? done / seconds : 0;
    report({
      progress: Math.min(1, done / total),
      recordsPerSec,
      etaSeconds: recordsPerSec > 0 ? Math.max(0, total - done) / recordsPerSec : 0,
    });
  };
  const trainSeconds = await runEpochs<GloveEpochDone>(workers, {
    epochs: settings.epochs,
    request: (epoch): GloveEpochRequest => ({ epoch }),
    threadName: 'a GloVe training thread',
    onTick,
    onEpoch(epoch, results, seconds) {
      finishedRecords += size;
      progress.fill(0);
      const cost = results.reduce((sum, result) => sum + result.cost, 0) / size;
      const record: GloveEpoch = { epoch, cost, seconds };
      history.push(record);
      options.onEpochEnd?.(record);
    },
  });
  return { history, trainSeconds };
}
