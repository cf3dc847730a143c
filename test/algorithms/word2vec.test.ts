import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { trainWord2Vec } from '../../src/algorithms/word2vec/train.js';
import { blocksAtSentences, blocksInEpochOrder } from '../../src/algorithms/shared/corpus-blocks.js';
import { encodeCorpus } from '../../src/algorithms/word2vec/encode.js';
import { SENTENCE_END } from '../../src/algorithms/word2vec/id-stream.js';
import { learningRate } from '../../src/algorithms/word2vec/schedule.js';
import { resolveOptions } from '../../src/algorithms/word2vec/options.js';
import { Random } from '../../src/util/random.js';
import { EmbedkitError } from '../../src/errors.js';
import type { KeyedVectors } from '../../src/vectors/keyed-vectors.js';

/**
 * Two topics that never meet: sentences draw only from "a*" words or only from "b*" words.
 * Training must pull each topic together and keep the topics apart.
 */
function twoTopicCorpus(sentences: number, seed = 7): string[][] {
  const random = new Random(seed);
  const out: string[][] = [];
  for (let s = 0; s < sentences; s++) {
    const topic = s % 2 === 0 ? 'a' : 'b';
    const sentence: string[] = [];
    for (let w = 0; w < 8; w++) sentence.push(`${topic}${random.int(8)}`);
    out.push(sentence);
  }
  return out;
}

function cosine(kv: KeyedVectors, u: string, v: string): number {
  const x = kv.vector(u);
  const y = kv.vector(v);
  let dot = 0;
  let nx = 0;
  let ny = 0;
  for (let i = 0; i < x.length; i++) {
    dot += x[i] * y[i];
    nx += x[i] * x[i];
    ny += y[i] * y[i];
  }
  return dot / Math.sqrt(nx * ny);
}

/** Mean cosine within a topic minus mean cosine across topics. */
function topicSeparation(kv: KeyedVectors): number {
  let within = 0;
  let across = 0;
  let nWithin = 0;
  let nAcross = 0;
  for (let i = 0; i < 8; i++) {
    for (let j = 0; j < 8; j++) {
      if (i !== j) {
        within += cosine(kv, `a${i}`, `a${j}`) + cosine(kv, `b${i}`, `b${j}`);
        nWithin += 2;
      }
      across += cosine(kv, `a${i}`, `b${j}`);
      nAcross++;
    }
  }
  return within / nWithin - across / nAcross;
}

const SMALL = { dim: 16, window: 3, minCount: 1, sample: 0, epochs: 8, alpha: 0.05, seed: 3 } as const;

for (const [name, options] of [
  ['skip-gram, negative sampling', { sg: 1, negative: 5, hs: 0 }],
  ['skip-gram, hierarchical softmax', { sg: 1, negative: 0, hs: 1 }],
  ['CBOW mean, negative sampling', { sg: 0, negative: 5, hs: 0, cbowMean: 1 }],
  ['CBOW sum, negative sampling and hierarchical softmax', { sg: 0, negative: 3, hs: 1, cbowMean: 0 }],
] as const) {
  test(`${name}: loss falls and co-occurring words end up closer`, async () => {
    const { vectors, history, vocabulary } = await trainWord2Vec({ sentences: twoTopicCorpus(300) }, { ...SMALL, epochs: 20, ...options });
    assert.equal(vocabulary.size, 16);
    assert.equal(history.length, 20);
    // With zero output weights every prediction starts at -log σ(0) = ln 2.
    assert.ok(history[0].loss < Math.LN2 + 1e-6, `first epoch loss ${history[0].loss}`);
    assert.ok(history.at(-1)!.loss < history[0].loss - 0.02, `loss ${history[0].loss} -> ${history.at(-1)!.loss}`);
    const separation = topicSeparation(vectors);
    assert.ok(separation > 0.3, `within-topic minus across-topic cosine: ${separation}`);
  });
}

/**
 * Known answer: with hierarchical softmax only, window 1 (its random shrink is then always 0) and no
 * subsampling, training uses no random numbers at all, so a plain float64 transcription of the C
 * tool's update must give the same vectors up to float32 rounding.
 */
function referenceHierarchicalSoftmax(
  sentences: number[][],
  counts: Float64Array,
  dim: number,
  seed: number,
  alpha: number,
  sg: boolean,
  tree: { codes: Uint8Array; points: Int32Array; lengths: Uint8Array; maxCodeLength: number },
): Float64Array {
  const v = counts.length;
  const syn0 = new Float64Array(v * dim);
  const syn1 = new Float64Array(v * dim);
  const random = new Random(seed);
  for (let i = 0; i < v * dim; i++) syn0[i] = Math.fround((random.float() - 0.5) / dim);
  const sigmoidAt = (f: number): number => {
    const index = Math.trunc((f + 6) * (1000 / 12));
    return Math.fround(1 / (1 + Math.exp(-((index / 1000) * 2 - 1) * 6)));
  };
  const hs = (hidden: Float64Array, word: number, neu1e: Float64Array): void => {
    for (let d = 0; d < tree.lengths[word]; d++) {
      const node = tree.points[word * tree.maxCodeLength + d];
      const code = tree.codes[word * tree.maxCodeLength + d];
      let f = 0;
      for (let j = 0; j < dim; j++) f += hidden[j] * syn1[node * dim + j];
      if (f <= -6 || f >= 6) continue;
      const g = (1 - code - sigmoidAt(f)) * alpha;
      for (let j = 0; j < dim; j++) neu1e[j] += g * syn1[node * dim + j];
      for (let j = 0; j < dim; j++) syn1[node * dim + j] += g * hidden[j];
    }
  };
  for (const sentence of sentences) {
    for (let i = 0; i < sentence.length; i++) {
      const contexts = [i - 1, i + 1].filter((c) => c >= 0 && c < sentence.length).map((c) => sentence[c]);
      if (sg) {
        for (const c of contexts) {
          const neu1e = new Float64Array(dim);
          hs(syn0.subarray(c * dim, c * dim + dim), sentence[i], neu1e);
          for (let j = 0; j < dim; j++) syn0[c * dim + j] += neu1e[j];
        }
      } else {
        const neu1 = new Float64Array(dim);
        for (const c of contexts) for (let j = 0; j < dim; j++) neu1[j] += syn0[c * dim + j] / contexts.length;
        const neu1e = new Float64Array(dim);
        hs(neu1, sentence[i], neu1e);
        for (const c of contexts) for (let j = 0; j < dim; j++) syn0[c * dim + j] += neu1e[j];
      }
    }
  }
  return syn0;
}

for (const sg of [1, 0] as const) {
  test(`${sg ? 'skip-gram' : 'CBOW'} with hierarchical softmax matches a float64 reference update by update`, async () => {
    const { huffman } = await import('../../src/vocab/sampling.js');
    const text = [['x', 'y', 'z', 'x', 'w'], ['y', 'x', 'z'], ['z', 'w', 'x', 'y', 'y']];
    const options = { sg, hs: 1, negative: 0, window: 1, sample: 0, minCount: 1, epochs: 1, dim: 6, alpha: 0.5, seed: 11 } as const;
    const { vectors, vocabulary } = await trainWord2Vec({ sentences: text }, options);
    const ids = text.map((s) => s.map((w) => vocabulary.id(w)));
    const expected = referenceHierarchicalSoftmax(ids, vocabulary.counts, 6, 11, 0.5, sg === 1, huffman(vocabulary.counts));
    let moved = 0;
    const initial = new Random(11);
    for (let row = 0; row < vocabulary.size; row++) {
      const actual = vectors.vector(vocabulary.words[row]);
      for (let j = 0; j < 6; j++) {
        assert.ok(Math.abs(actual[j] - expected[row * 6 + j]) < 1e-5, `row ${row} dim ${j}: ${actual[j]} vs ${expected[row * 6 + j]}`);
        moved = Math.max(moved, Math.abs(actual[j] - (initial.float() - 0.5) / 6));
      }
    }
    assert.ok(moved > 1e-3, 'training changed the vectors');
  });
}

test('one thread and a seed give the same vectors bit for bit; another seed does not', async () => {
  const corpus = twoTopicCorpus(400);
  const options = { ...SMALL, sample: 1e-2, epochs: 2, sg: 1, hs: 1, negative: 3 } as const;
  const first = await trainWord2Vec({ sentences: corpus }, { ...options, threads: 1 });
  const second = await trainWord2Vec({ sentences: corpus }, { ...options, threads: 1 });
  const other = await trainWord2Vec({ sentences: corpus }, { ...options, threads: 1, seed: 4 });
  const bytes = (kv: KeyedVectors): Buffer => Buffer.from(kv.vector('a0').buffer.slice(0));
  for (const word of first.vocabulary.words) assert.deepEqual(first.vectors.vector(word), second.vectors.vector(word));
  assert.deepEqual(first.history, second.history.map((h, i) => ({ ...h, wordsPerSec: first.history[i].wordsPerSec })));
  assert.notDeepEqual(bytes(first.vectors), bytes(other.vectors));
});

test('two threads train to finite vectors that still separate the topics', async () => {
  const { vectors, vocabulary } = await trainWord2Vec({ sentences: twoTopicCorpus(3000) }, { ...SMALL, sg: 1, threads: 2 });
  for (const word of vocabulary.words) for (const value of vectors.vector(word)) assert.ok(Number.isFinite(value));
  assert.ok(topicSeparation(vectors) > 0.3);
});

test('blocks for threads end at sentence ends, cover the stream in order and are dealt in turn', () => {
  const ids = Int32Array.from([0, 1, 2, SENTENCE_END, 3, SENTENCE_END, 4, 5, 6, 7, SENTENCE_END, 1, SENTENCE_END]);
  const blocks = blocksAtSentences(ids, 2, 3);
  // Blocks of at least 3 tokens, extended to a sentence end: [0,4) [4,11)... dealt to workers 0, 1, 0, …
  assert.deepEqual(blocks, [[0, 4, 11, 13], [4, 11]]);
  const single = blocksAtSentences(ids, 1, 3);
  assert.deepEqual(single, [[0, 4, 4, 11, 11, 13]]);
  const many = blocksAtSentences(ids, 5, 100);
  assert.deepEqual(many, [[0, 13], [], [], [], []]);
});

test('each epoch visits a worker\'s blocks once, in a new order fixed by the seed and the epoch', () => {
  const ids = new Int32Array(5000);
  for (let i = 0; i < ids.length; i++) ids[i] = i % 7 === 6 ? SENTENCE_END : i % 5;
  const [ranges] = blocksAtSentences(ids, 1, 50);
  const pairs = (flat: readonly number[]): string[] => flat.flatMap((v, i) => (i % 2 === 0 ? [`${v}-${flat[i + 1]}`] : [])).sort();
  const first = blocksInEpochOrder(ranges, 11, 0);
  assert.deepEqual(pairs(first), pairs(ranges));
  assert.notDeepEqual(first, ranges);
  assert.deepEqual(blocksInEpochOrder(ranges, 11, 0), first);
  const second = blocksInEpochOrder(ranges, 11, 1);
  assert.deepEqual(pairs(second), pairs(ranges));
  assert.notDeepEqual(second, first);
  assert.notDeepEqual(blocksInEpochOrder(ranges, 12, 0), first);
  assert.deepEqual(ranges, blocksAtSentences(ids, 1, 50)[0], 'the input is left as it was');
  assert.deepEqual(blocksInEpochOrder([], 11, 0), []);
});

test('the learning rate falls linearly from alpha to minAlpha over all epochs', async () => {
  assert.equal(learningRate(0.025, 0.0001, 0), 0.025);
  assert.ok(Math.abs(learningRate(0.025, 0.0001, 1) - 0.0001) < 1e-15);
  assert.ok(Math.abs(learningRate(0.025, 0.0001, 0.5) - 0.01255) < 1e-12);
  assert.equal(learningRate(0.025, 0.0001, 2), learningRate(0.025, 0.0001, 1));
  // 40,000 words a epoch, updated every 10,000: the last epoch ends within one step of minAlpha.
  const { history } = await trainWord2Vec({ sentences: twoTopicCorpus(5000) }, { ...SMALL, epochs: 4, alpha: 0.04, minAlpha: 0.001 });
  for (let i = 1; i < history.length; i++) assert.ok(history[i].alpha < history[i - 1].alpha);
  const step = (0.04 - 0.001) * (10_000 / (4 * 40_000));
  assert.ok(history.at(-1)!.alpha <= 0.001 + step + 1e-9, `last alpha ${history.at(-1)!.alpha}`);
});

test('defaults are gensim\'s; preset c takes the C tool\'s learning rates', () => {
  const gensim = resolveOptions();
  assert.deepEqual(
    [gensim.sg, gensim.dim, gensim.window, gensim.negative, gensim.hs, gensim.sample, gensim.alpha, gensim.minAlpha, gensim.epochs, gensim.minCount, gensim.cbowMean],
    [0, 100, 5, 5, 0, 1e-3, 0.025, 1e-4, 5, 5, 1],
  );
  assert.equal(resolveOptions({ preset: 'c' }).alpha, 0.05);
  assert.equal(resolveOptions({ preset: 'c', sg: 1 }).alpha, 0.025);
  assert.ok(Math.abs(resolveOptions({ preset: 'c' }).minAlpha - 0.05e-4) < 1e-15);
  assert.throws(() => resolveOptions({ dim: 0 }), (e: unknown) => e instanceof EmbedkitError && e.place.field === 'dim');
  assert.throws(() => resolveOptions({ negative: 0, hs: 0 }), EmbedkitError);
  assert.throws(() => resolveOptions({ sample: Number.NaN }), EmbedkitError);
});

test('lines longer than the sentence limit are cut into pieces, from plain and gzip files', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'embedkit-w2v-'));
  try {
    const longLine = Array.from({ length: 25_000 }, (_, i) => `w${i % 7}`).join(' ');
    const plain = join(dir, 'long.txt');
    const zipped = join(dir, 'short.txt.gz');
    await writeFile(plain, `${longLine}\nw1 w2 rare\n`);
    await writeFile(zipped, gzipSync('w3 w4\n\nw5\n'));
    const encoded = await encodeCorpus(
      { files: [plain, zipped] },
      { tokenizer: {}, maxSentenceLength: 10_000, minCount: 2, maxVocabSize: undefined },
    );
    const ids = encoded.ids();
    assert.equal(ids.length, encoded.length);
    const lengths: number[] = [];
    let open = 0;
    for (const id of ids) {
      if (id === SENTENCE_END) {
        lengths.push(open);
        open = 0;
      } else open++;
    }
    // "rare" (count 1) is dropped; "w3 w4" and "w5" survive only through the long line's counts.
    assert.deepEqual(lengths, [10_000, 10_000, 5_000, 2, 2, 1]);
    assert.equal(encoded.words, 25_005);
    assert.equal(encoded.sentences, 6);
    assert.equal(encoded.vocabulary.id('rare'), -1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a given vocabulary is used as is, and an empty result is an error', async () => {
  const first = await trainWord2Vec({ sentences: twoTopicCorpus(200) }, { ...SMALL, epochs: 1 });
  const reused = await trainWord2Vec({ sentences: [['a1', 'zzz', 'a2'], ['b1', 'b2']] }, { ...SMALL, epochs: 1, vocabulary: first.vocabulary });
  assert.deepEqual(reused.vocabulary.words, first.vocabulary.words);
  await assert.rejects(
    trainWord2Vec({ sentences: [['a', 'b']] }, { ...SMALL, minCount: 5 }),
    (e: unknown) => e instanceof EmbedkitError && e.code === 'EMPTY_VOCABULARY',
  );
});
