import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  countCooccurrences,
  resolveCooccurrenceOptions,
  resolveGloveOptions,
  trainGlove,
  type CooccurrenceMatrix,
} from '../../src/algorithms/glove/index.js';
import { GloveMemory } from '../../src/algorithms/glove/glove-memory.js';
import { pairWeight, recordLoss } from '../../src/algorithms/glove/kernel.js';
import { compileKernel, instantiateKernel } from '../../src/algorithms/glove/wasm-kernel.js';
import { EmbedkitError } from '../../src/errors.js';
import { Random } from '../../src/util/random.js';

/** Sentences where words of one topic co-occur: enough structure for the cost to fall. */
function topicSentences(count: number, seed: number): string[][] {
  const topics = [
    ['cat', 'dog', 'pet', 'fur', 'paw', 'tail'],
    ['car', 'road', 'wheel', 'drive', 'fuel', 'engine'],
    ['sun', 'moon', 'star', 'sky', 'night', 'light'],
  ];
  const random = new Random(seed);
  const sentences: string[][] = [];
  for (let s = 0; s < count; s++) {
    const topic = topics[random.int(topics.length)];
    const sentence: string[] = [];
    for (let t = 0; t < 8; t++) sentence.push(random.float() < 0.8 ? topic[random.int(topic.length)] : `the${random.int(3)}`);
    sentences.push(sentence);
  }
  return sentences;
}

let sharedMatrix: CooccurrenceMatrix | undefined;
async function matrix(): Promise<CooccurrenceMatrix> {
  sharedMatrix ??= await countCooccurrences({ sentences: topicSentences(400, 3) }, { window: 4, minCount: 1 });
  return sharedMatrix;
}

test('one kernel step moves vectors by -learningRate × and biases by -biasLearningRate × the finite-difference gradient', async () => {
  const dim = 6; // not a multiple of 4: the padding must stay out of the arithmetic
  const glove = new GloveMemory(3, dim, 1);
  glove.initialize(11);
  const random = new Random(5);
  // Larger values than the initialisation so the gradient is far from zero.
  for (const row of [1, 3 + 2]) {
    const vector = glove.vector(row);
    for (let k = 0; k < dim; k++) vector[k] = random.uniform(-0.5, 0.5);
  }
  const { rows, cols, values, biases } = glove.views;
  rows[0] = 1;
  cols[0] = 2;
  values[0] = 7.5;
  biases[2 * 1] = 0.2;
  biases[2 * (3 + 2)] = -0.1;
  const xMax = 10;
  const alpha = 0.75;
  const learningRate = 0.01;
  const biasLearningRate = 0.3;

  const word = Float64Array.from(glove.vector(1));
  const context = Float64Array.from(glove.vector(5));
  const wordBias = biases[2];
  const contextBias = biases[10];
  const loss = (w: Float64Array, c: Float64Array, bw: number, bc: number): number => recordLoss(w, c, bw, bc, 7.5, xMax, alpha);
  const h = 1e-6;
  const numeric = (perturb: (sign: number) => number): number => (perturb(1) - perturb(-1)) / (2 * h);
  const shifted = (array: Float64Array, k: number, delta: number): Float64Array => {
    const copy = array.slice();
    copy[k] += delta;
    return copy;
  };
  const gradWord = Array.from({ length: dim }, (_, k) => numeric((s) => loss(shifted(word, k, s * h), context, wordBias, contextBias)));
  const gradContext = Array.from({ length: dim }, (_, k) => numeric((s) => loss(word, shifted(context, k, s * h), wordBias, contextBias)));
  const gradWordBias = numeric((s) => loss(word, context, wordBias + s * h, contextBias));
  const gradContextBias = numeric((s) => loss(word, context, wordBias, contextBias + s * h));
  assert.ok(Math.abs(gradWordBias) > 0.01, 'the test record should have a sizeable gradient');

  const kernel = instantiateKernel(await compileKernel(), glove.memory, glove.layout, { xMax, alpha, learningRate, biasLearningRate });
  const cost = kernel.train(0, 1);
  assert.ok(Math.abs(cost - loss(word, context, wordBias, contextBias)) < 1e-5, 'the kernel reports the loss before its step');
  // Accumulators start at 1, so the first step is exactly learningRate × gradient.
  const after = { word: glove.vector(1), context: glove.vector(5) };
  for (let k = 0; k < dim; k++) {
    assert.ok(Math.abs(after.word[k] - (word[k] - learningRate * gradWord[k])) < 1e-6, `word[${k}]`);
    assert.ok(Math.abs(after.context[k] - (context[k] - learningRate * gradContext[k])) < 1e-6, `context[${k}]`);
  }
  assert.ok(Math.abs(biases[2] - (wordBias - biasLearningRate * gradWordBias)) < 1e-6);
  assert.ok(Math.abs(biases[10] - (contextBias - biasLearningRate * gradContextBias)) < 1e-6);
  // The accumulators (stored less their starting 1) grew by the squared step; untouched rows kept theirs.
  assert.ok(Math.abs(biases[3] - (biasLearningRate * gradWordBias) ** 2) < 1e-7);
  assert.equal(biases[1], 0);
  const rowBase = 1 * 2 * glove.layout.paddedDim; // row 1: [vector | accumulators]
  const accumulators = glove.views.params.subarray(rowBase + glove.layout.paddedDim, rowBase + 2 * glove.layout.paddedDim);
  for (let k = 0; k < dim; k++) assert.ok(Math.abs(accumulators[k] - (learningRate * gradWord[k]) ** 2) < 1e-9, `accumulator ${k}`);
  // A second step divides by sqrt(1 + accumulator): AdaGrad's shrinking step.
  const wordBiasNow = biases[2];
  const secondGradient = numeric((s) =>
    loss(Float64Array.from(glove.vector(1)), Float64Array.from(glove.vector(5)), wordBiasNow + s * h, biases[10]),
  );
  kernel.train(0, 1);
  const expected = wordBiasNow - (biasLearningRate * secondGradient) / Math.sqrt(1 + (biasLearningRate * gradWordBias) ** 2);
  assert.ok(Math.abs(biases[2] - expected) < 1e-6, `second bias step: ${biases[2]} vs ${expected}`);
});

/**
 * The GloVe C tool's training loop (its current glove.c), in f64, written out plainly: vectors and
 * biases as rows of [w (dim) | bias], AdaGrad accumulators starting at 1, gradients clipped at ±100
 * before the learning rate, bias steps with their own rate (1 in the C tool: no eta there).
 */
function cToolEpoch(
  records: { rows: Int32Array; cols: Int32Array; values: Float32Array; size: number },
  vocabularySize: number,
  dim: number,
  weights: Float64Array,
  gradsq: Float64Array,
  settings: { xMax: number; alpha: number; learningRate: number; biasLearningRate: number },
): number {
  let cost = 0;
  const stride = dim + 1;
  for (let r = 0; r < records.size; r++) {
    const l1 = records.rows[r] * stride;
    const l2 = (records.cols[r] + vocabularySize) * stride;
    const x = records.values[r];
    let diff = weights[l1 + dim] + weights[l2 + dim] - Math.log(x);
    for (let b = 0; b < dim; b++) diff += weights[l1 + b] * weights[l2 + b];
    const weighted = (x > settings.xMax ? 1 : Math.pow(x / settings.xMax, settings.alpha)) * diff;
    cost += 0.5 * weighted * diff;
    for (let b = 0; b < dim; b++) {
      const temp1 = Math.min(100, Math.max(-100, weighted * weights[l2 + b])) * settings.learningRate;
      const temp2 = Math.min(100, Math.max(-100, weighted * weights[l1 + b])) * settings.learningRate;
      weights[l1 + b] -= temp1 / Math.sqrt(gradsq[l1 + b]);
      weights[l2 + b] -= temp2 / Math.sqrt(gradsq[l2 + b]);
      gradsq[l1 + b] += temp1 * temp1;
      gradsq[l2 + b] += temp2 * temp2;
    }
    const step = settings.biasLearningRate * weighted;
    weights[l1 + dim] -= step / Math.sqrt(gradsq[l1 + dim]);
    weights[l2 + dim] -= step / Math.sqrt(gradsq[l2 + dim]);
    gradsq[l1 + dim] += step * step;
    gradsq[l2 + dim] += step * step;
  }
  return cost;
}

test('over whole epochs the f32 kernel follows the C tool\'s f64 loop: same costs, same vectors to f32 rounding', async () => {
  const input = await matrix();
  const dim = 10;
  const v = input.vocabulary.size;
  const glove = new GloveMemory(v, dim, input.size);
  glove.initialize(7);
  glove.copyRecords(input);
  const stride = dim + 1;
  const weights = new Float64Array(2 * v * stride);
  const gradsq = new Float64Array(2 * v * stride).fill(1);
  for (let row = 0; row < 2 * v; row++) {
    weights.set(glove.vector(row), row * stride);
    weights[row * stride + dim] = glove.views.biases[2 * row];
  }
  const start = weights.slice();
  const settings = { xMax: 10, alpha: 0.75, learningRate: 0.05, biasLearningRate: 1 };
  const kernel = instantiateKernel(await compileKernel(), glove.memory, glove.layout, settings);
  for (let epoch = 0; epoch < 5; epoch++) {
    const kernelCost = kernel.train(0, input.size);
    const referenceCost = cToolEpoch(input, v, dim, weights, gradsq, settings);
    assert.ok(Math.abs(kernelCost - referenceCost) <= 1e-5 * referenceCost, `epoch ${epoch + 1}: cost ${kernelCost} vs ${referenceCost}`);
  }
  let largest = 0;
  for (let row = 0; row < 2 * v; row++) {
    const vector = glove.vector(row);
    for (let k = 0; k < dim; k++) largest = Math.max(largest, Math.abs(vector[k] - weights[row * stride + k]));
    largest = Math.max(largest, Math.abs(glove.views.biases[2 * row] - weights[row * stride + dim]));
  }
  assert.ok(largest < 1e-5, `largest difference from the f64 loop: ${largest}`);
  const moved = weights.reduce((most, w, i) => (i % stride !== dim ? Math.max(most, Math.abs(w - start[i])) : most), 0);
  assert.ok(moved > 0.02, `training moved the vectors far beyond the 1e-5 tolerance (largest move ${moved})`);
});

test('the weight f(x) = min(1, (x / xMax)^alpha)', () => {
  assert.equal(pairWeight(100, 100, 0.75), 1);
  assert.equal(pairWeight(250, 100, 0.75), 1);
  assert.ok(Math.abs(pairWeight(10, 100, 0.75) - 0.1 ** 0.75) < 1e-15);
});

test('the cost falls epoch after epoch, and related words end up closer than unrelated ones', async () => {
  // Bias steps at the vectors' rate (the 2014 C tool) fall smoothly; at the default rate 1 the biases
  // settle within an epoch and the cost then hovers near its floor on this tiny matrix.
  for (const biasLearningRate of [0.05, 1]) {
    const result = await trainGlove(await matrix(), { dim: 16, epochs: 8, threads: 1, seed: 3, xMax: 10, biasLearningRate });
    const costs = result.history.map((epoch) => epoch.cost);
    assert.equal(costs.length, 8);
    if (biasLearningRate < 1) for (let e = 1; e < costs.length; e++) assert.ok(costs[e] < costs[e - 1], `cost rose at epoch ${e + 1}: ${costs.join(', ')}`);
    assert.ok(costs[7] < costs[0] / 2 && costs[7] <= Math.min(...costs.slice(0, 3)), `cost fell too little: ${costs.join(', ')}`);
    const kv = result.vectors;
    assert.ok(kv.similarity('cat', 'dog') > kv.similarity('cat', 'engine'), `bias rate ${biasLearningRate}`);
    assert.ok(kv.similarity('car', 'wheel') > kv.similarity('car', 'moon'), `bias rate ${biasLearningRate}`);
  }
});

test('one thread and a seed give the same vectors bit for bit; another seed does not; the input matrix is left as it was', async () => {
  const input = await matrix();
  const rowsBefore = input.rows.slice();
  const valuesBefore = input.values.slice();
  const options = { dim: 8, epochs: 3, threads: 1, seed: 42 };
  const first = await trainGlove(input, options);
  const second = await trainGlove(input, options);
  const other = await trainGlove(input, { ...options, seed: 43 });
  assert.deepEqual(second.vectors.vectors, first.vectors.vectors);
  assert.deepEqual(second.history.map((e) => e.cost), first.history.map((e) => e.cost));
  assert.notDeepEqual(other.vectors.vectors, first.vectors.vectors);
  assert.deepEqual(input.rows, rowsBefore);
  assert.deepEqual(input.values, valuesBefore);
});

test('two threads give finite vectors of the right shape; "word" output differs from "sum"', async () => {
  const input = await matrix();
  const summed = await trainGlove(input, { dim: 10, epochs: 2, threads: 2, seed: 1 });
  assert.equal(summed.vectors.size, input.vocabulary.size);
  assert.equal(summed.vectors.dim, 10);
  assert.ok(summed.vectors.vectors.every(Number.isFinite));
  assert.ok(summed.history.every((epoch) => Number.isFinite(epoch.cost) && epoch.cost > 0));
  const words = await trainGlove(input, { dim: 10, epochs: 2, threads: 1, seed: 1, output: 'word' });
  const sums = await trainGlove(input, { dim: 10, epochs: 2, threads: 1, seed: 1, output: 'sum' });
  assert.notDeepEqual(words.vectors.vectors, sums.vectors.vectors);
});

test('training straight from a corpus counts first and reports both phases', async () => {
  const progress: number[] = [];
  const result = await trainGlove(
    { sentences: topicSentences(200, 9) },
    { dim: 8, epochs: 2, threads: 1, window: 3, minCount: 2, onEpochEnd: (epoch) => progress.push(epoch.epoch) },
  );
  assert.deepEqual(progress, [1, 2]);
  assert.ok(result.counting !== undefined && result.counting.tokens === 1600);
  assert.ok(result.records > 0 && result.vectors.has('cat'));
});

test('bad options are EmbedkitErrors naming the field', async () => {
  const input = await matrix();
  await assert.rejects(trainGlove(input, { dim: 0 }), (error: EmbedkitError) => error.place.field === 'dim');
  await assert.rejects(trainGlove(input, { output: 'both' as 'sum' }), (error: EmbedkitError) => error.place.field === 'output');
  await assert.rejects(trainGlove(input, { xMax: -1 }), (error: EmbedkitError) => error.place.field === 'xMax');
  await assert.rejects(
    trainGlove({ ...input, values: new Float32Array(input.size) }),
    (error: EmbedkitError) => error.code === 'BAD_VALUE',
  );
});

test('defaults follow the brief; preset "c" takes the C tools\' built-in defaults, explicit options still win', () => {
  assert.deepEqual(
    { ...resolveGloveOptions(), ...resolveCooccurrenceOptions() },
    {
      dim: 100, xMax: 100, alpha: 0.75, epochs: 15, learningRate: 0.05, biasLearningRate: 1, threads: 2, seed: 1, output: 'sum',
      window: 10, symmetric: true, distanceWeighting: true, minCount: 5, maxVocab: undefined,
      memoryBytes: 2 * 2 ** 30, tmpDir: undefined, tokenizer: {},
    },
  );
  const c = resolveGloveOptions({ preset: 'c' });
  assert.deepEqual([c.dim, c.epochs, c.xMax, c.alpha, c.learningRate, c.output], [50, 25, 100, 0.75, 0.05, 'sum']);
  const cCount = resolveCooccurrenceOptions({ preset: 'c' });
  assert.deepEqual([cCount.window, cCount.minCount], [15, 1]);
  assert.equal(resolveGloveOptions({ preset: 'c', dim: 300 }).dim, 300);
  assert.throws(() => resolveGloveOptions({ preset: 'gensim' as 'c' }), (error: EmbedkitError) => error.place.field === 'preset');
});
