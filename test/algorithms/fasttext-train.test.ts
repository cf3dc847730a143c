import { test } from 'node:test';
import { existsSync } from 'node:fs';
import assert from 'node:assert/strict';
import { EmbedkitError } from '../../src/errors.js';
import { trainFastText } from '../../src/algorithms/fasttext/train.js';
import { resolveFastTextOptions } from '../../src/algorithms/fasttext/options.js';
import { Random } from '../../src/util/random.js';

/** The SIMD kernel is built by `npm run build` (scripts/build-wasm.mjs); tsc alone leaves the JavaScript one. */
const wasmBuilt = existsSync(new URL('../../wasm/fasttext.wasm', import.meta.url));
const noWasm = wasmBuilt ? false : 'dist/wasm/fasttext.wasm is not built (npm run build)';

/**
 * Three families of verb forms, each used with its own context words; "walking" never occurs. Also
 * "dog" and "hound" share contexts but no n-gram, so only training can bring them together.
 */
function familyCorpus(sentences: number, seed = 11): string[][] {
  const random = new Random(seed);
  const families = [
    { forms: ['walk', 'walked', 'walks'], context: ['dog', 'hound', 'park', 'street', 'slowly', 'path'] },
    { forms: ['jump', 'jumped', 'jumps', 'jumping'], context: ['frog', 'fence', 'high', 'over', 'rope', 'bounce'] },
    { forms: ['eat', 'eaten', 'eats', 'eating'], context: ['bread', 'lunch', 'hungry', 'soup', 'plate', 'fork'] },
  ];
  const out: string[][] = [];
  for (let s = 0; s < sentences; s++) {
    const family = families[s % families.length];
    const sentence: string[] = [];
    for (let w = 0; w < 10; w++) {
      const pool = random.float() < 0.4 ? family.forms : family.context;
      sentence.push(pool[random.int(pool.length)]);
    }
    out.push(sentence);
  }
  return out;
}

const SMALL = { dim: 24, minCount: 1, bucket: 2000, epochs: 4, sample: 0, window: 3, negative: 5, seed: 3 } as const;

test('skip-gram with subwords lowers the loss and places an unseen word among its relatives', async () => {
  const corpus = familyCorpus(1500);
  const { vectors, history, vocabulary, kernel } = await trainFastText({ sentences: corpus }, { ...SMALL, threads: 1 });
  assert.equal(history.length, 4);
  // Untrained, the output rows are zero: every prediction costs ln 2.
  const losses = history.map((h) => h.loss.toFixed(3)).join(' → ');
  assert.ok(history[3].loss < history[0].loss && history[3].loss < 0.5 * Math.LN2, `loss ${losses}`);
  assert.equal(vocabulary.has('walking'), false);
  // Among all verb forms, the closest to the unseen "walking" are its relatives (not "jumping"/"eating", which share "-ing").
  const forms = ['walk', 'walked', 'walks', 'jump', 'jumped', 'jumps', 'jumping', 'eat', 'eaten', 'eats', 'eating'];
  const ranked = forms.map((form) => ({ form, similarity: vectors.similarity('walking', form) })).sort((a, b) => b.similarity - a.similarity);
  const nearest = ranked.slice(0, 3).map((r) => r.form);
  assert.deepEqual(nearest.slice().sort(), ['walk', 'walked', 'walks'], `walking ~ ${nearest.join(', ')}`);
  assert.ok(vectors.mostSimilar({ positive: 'walking', topn: 5 }).some((n) => n.word.startsWith('walk')));
  // No shared n-gram: only shared contexts make these close.
  assert.ok(vectors.similarity('dog', 'hound') > vectors.similarity('dog', 'bread') + 0.2);
  assert.equal(vectors.input.length, (vocabulary.size + 2000) * 24);
  assert.equal(kernel, wasmBuilt ? 'wasm' : 'js');
});

test('CBOW trains too and lowers the loss', async () => {
  const { history, vectors } = await trainFastText({ sentences: familyCorpus(900) }, { ...SMALL, cbow: true, epochs: 3, threads: 1 });
  assert.ok(history[2].loss < history[0].loss, `loss ${history.map((h) => h.loss.toFixed(3)).join(' → ')}`);
  assert.equal(vectors.args.model, 1);
});

for (const kernel of ['js', 'wasm'] as const) {
  test(`${kernel} kernel: one thread and a seed give the same vectors bit for bit; another seed does not`, { skip: kernel === 'wasm' && noWasm }, async () => {
    const corpus = familyCorpus(300);
    const options = { ...SMALL, epochs: 2, threads: 1, kernel };
    const first = await trainFastText({ sentences: corpus }, options);
    const second = await trainFastText({ sentences: corpus }, options);
    assert.equal(first.kernel, kernel);
    assert.deepEqual(first.vectors.input, second.vectors.input);
    assert.deepEqual(first.vectors.output, second.vectors.output);
    const other = await trainFastText({ sentences: corpus }, { ...options, seed: 4 });
    assert.notDeepEqual(other.vectors.input, first.vectors.input);
  });
}

test('the wasm and JavaScript kernels run the same algorithm: same start, close losses', { skip: noWasm }, async () => {
  const corpus = familyCorpus(600);
  for (const cbow of [false, true]) {
    const options = { ...SMALL, epochs: 2, threads: 1, cbow, dim: 10 }; // dim 10: padded rows in wasm
    const js = await trainFastText({ sentences: corpus }, { ...options, kernel: 'js' });
    const wasm = await trainFastText({ sentences: corpus }, { ...options, kernel: 'wasm' });
    assert.equal(wasm.vectors.input.length, js.vectors.input.length);
    for (let e = 0; e < 2; e++) assert.ok(Math.abs(js.history[e].loss - wasm.history[e].loss) < 0.02, `cbow ${cbow}, epoch ${e + 1}: ${js.history[e].loss} vs ${wasm.history[e].loss}`);
    // Bucket rows no word uses keep their initial values, which both kernels draw alike.
    const last = js.vectors.input.length - 1;
    assert.equal(wasm.vectors.input[last], js.vectors.input[last]);
  }
});

test('two Hogwild threads train the same corpus to a similar loss', async () => {
  const corpus = familyCorpus(600);
  const one = await trainFastText({ sentences: corpus }, { ...SMALL, epochs: 2, threads: 1 });
  const two = await trainFastText({ sentences: corpus }, { ...SMALL, epochs: 2, threads: 2 });
  assert.ok(Math.abs(two.history[1].loss - one.history[1].loss) < 0.1);
});

test('lines are read in blocks shuffled every epoch by default (fixed by the seed), in corpus order with shuffle: false', async () => {
  const corpus = familyCorpus(14_000); // 154,000 tokens with </s>: four blocks
  const options = { ...SMALL, dim: 8, epochs: 2, threads: 1 };
  const shuffled = await trainFastText({ sentences: corpus }, options);
  const again = await trainFastText({ sentences: corpus }, { ...options, shuffle: true });
  const inOrder = await trainFastText({ sentences: corpus }, { ...options, shuffle: false });
  assert.deepEqual(again.vectors.input, shuffled.vectors.input);
  assert.notDeepEqual(inOrder.vectors.input, shuffled.vectors.input);
  // Same words read either way, so the same schedule and a close loss.
  assert.ok(Math.abs(inOrder.history[0].loss - shuffled.history[0].loss) < 0.05);
});

test('maxn 0 trains plain skip-gram with no bucket rows', async () => {
  const { vectors } = await trainFastText({ sentences: familyCorpus(300) }, { ...SMALL, maxn: 0, epochs: 1 });
  assert.equal(vectors.input.length, vectors.size * 24);
  assert.throws(() => vectors.vector('walking'), (error: unknown) => error instanceof EmbedkitError && error.code === 'NO_SUBWORDS');
});

test('options are checked: defaults as fastText skipgram, contradictions refused', () => {
  const defaults = resolveFastTextOptions();
  assert.deepEqual(
    [defaults.skipGram, defaults.dim, defaults.minn, defaults.maxn, defaults.bucket, defaults.alpha, defaults.sample, defaults.minCount, defaults.noisePower],
    [true, 100, 3, 6, 2_000_000, 0.05, 1e-4, 5, 0.5],
  );
  assert.equal(resolveFastTextOptions({ cbow: true }).skipGram, false);
  const bad = (options: object) => assert.throws(() => resolveFastTextOptions(options), (e: unknown) => e instanceof EmbedkitError && e.code === 'BAD_OPTION');
  bad({ sg: true, cbow: true });
  bad({ minn: 5, maxn: 3 });
  bad({ dim: 0 });
  bad({ bucket: 0 });
  bad({ noisePower: 0 });
  assert.equal(resolveFastTextOptions({ noisePower: 0.75 }).noisePower, 0.75);
  assert.equal(defaults.shuffle, true);
  assert.equal(resolveFastTextOptions({ shuffle: false }).shuffle, false);
  bad({ shuffle: 'no' });
});
