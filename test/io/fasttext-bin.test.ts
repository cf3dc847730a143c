import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EmbedkitError } from '../../src/errors.js';
import { loadFastTextVectors, readFastTextBin, saveFastTextBin, FASTTEXT_MAGIC } from '../../src/io/fasttext-bin.js';
import { FASTTEXT_MODEL } from '../../src/io/fasttext-args.js';
import { Random } from '../../src/util/random.js';
import { SubwordVectors } from '../../src/vectors/subword-vectors.js';

const projectRoot = resolve(import.meta.dirname, '..', '..', '..');
const dataRoot = process.env.EMBEDKIT_DATA ? resolve(process.env.EMBEDKIT_DATA) : resolve(projectRoot, '..', 'shared', 'data');
const fixtures = join(dataRoot, 'vectors-fixtures');
const noFixtures = existsSync(join(fixtures, 'toy-model.bin')) ? false : `fastText fixtures not found under ${fixtures} (set EMBEDKIT_DATA)`;

/** The npm `fasttext` binding (a devDependency wrapping fastText's C++), when it is installed and built. */
interface NeighbourQuery {
  nn(word: string, k: number): Promise<Array<{ label: string; value: number }>>;
}
let fastTextBinding: { Query: new (path: string) => NeighbourQuery } | null = null;
try {
  fastTextBinding = createRequire(import.meta.url)('fasttext');
} catch {
  fastTextBinding = null;
}
const noBinding = fastTextBinding === null ? 'the npm fasttext binding is not installed or not built' : false;

const dir = mkdtempSync(join(tmpdir(), 'embedkit-fasttext-bin-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const WORDS = ['walked', 'walks', 'jumped', 'jumps', 'über', '中文'];

function randomModel(dim = 6, bucket = 40, seed = 9): SubwordVectors {
  const random = new Random(seed);
  const input = new Float32Array((WORDS.length + bucket) * dim);
  for (let i = 0; i < input.length; i++) input[i] = random.uniform(-1, 1);
  const output = new Float32Array(WORDS.length * dim);
  for (let i = 0; i < output.length; i++) output[i] = random.uniform(-1, 1);
  return new SubwordVectors({
    words: WORDS.slice(),
    dim,
    input,
    output,
    bucket,
    minn: 2,
    maxn: 4,
    counts: Float64Array.from(WORDS, (_word, i) => 100 - i),
    args: { ws: 3, epoch: 7, minCount: 2, neg: 4, t: 1e-3 },
  });
}

/** Byte offset of the quant_input flag: header, args, dictionary sizes, then the entries. */
function quantFlagOffset(words: readonly string[]): number {
  let offset = 4 + 4 + 12 * 4 + 8 + 4 + 4 + 4 + 8 + 8;
  for (const word of words) offset += Buffer.byteLength(word) + 1 + 8 + 1;
  return offset;
}

function isEmbedkitError(code: string, field?: string) {
  return (error: unknown) => error instanceof EmbedkitError && error.code === code && (field === undefined || error.place.field === field);
}

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let j = 0; j < a.length; j++) {
    dot += a[j] * b[j];
    na += a[j] * a[j];
    nb += b[j] * b[j];
  }
  return dot / Math.sqrt(na * nb);
}

test('write → read keeps header, dictionary and both matrices bit for bit', async () => {
  const model = randomModel();
  const path = join(dir, 'round-trip.bin');
  await saveFastTextBin(path, model, 12345);
  const read = await readFastTextBin(path);
  assert.equal(read.version, 12);
  assert.deepEqual(read.args, { ...model.args });
  assert.equal(read.args.ws, 3);
  assert.equal(read.args.model, FASTTEXT_MODEL.skipgram);
  assert.deepEqual(read.words, WORDS);
  assert.deepEqual(Array.from(read.wordCounts), [100, 99, 98, 97, 96, 95]);
  assert.equal(read.ntokens, 12345);
  assert.equal(read.pruneIndex, null);
  assert.deepEqual([read.input.rows, read.input.cols], [WORDS.length + 40, 6]);
  assert.deepEqual(read.input.data, model.input);
  assert.deepEqual(read.output.data, model.output);

  const loaded = await loadFastTextVectors(path);
  assert.deepEqual(loaded.vectors, model.vectors);
  assert.deepEqual(loaded.vector('walking'), model.vector('walking'));
  assert.deepEqual(loaded.vector('übers'), model.vector('übers'));
});

test('bad magic, truncation and quantized models give clear errors', async () => {
  const path = join(dir, 'source.bin');
  await saveFastTextBin(path, randomModel());
  const bytes = readFileSync(path);

  const wrongMagic = Buffer.from(bytes);
  wrongMagic.writeInt32LE(FASTTEXT_MAGIC + 1, 0);
  writeFileSync(join(dir, 'magic.bin'), wrongMagic);
  await assert.rejects(readFastTextBin(join(dir, 'magic.bin')), isEmbedkitError('NOT_FASTTEXT', 'magic'));

  writeFileSync(join(dir, 'cut.bin'), bytes.subarray(0, bytes.length - 10));
  await assert.rejects(readFastTextBin(join(dir, 'cut.bin')), isEmbedkitError('TRUNCATED', 'output'));
  writeFileSync(join(dir, 'cut-dictionary.bin'), bytes.subarray(0, 90));
  await assert.rejects(readFastTextBin(join(dir, 'cut-dictionary.bin')), isEmbedkitError('TRUNCATED'));

  const quantized = Buffer.from(bytes);
  const flag = quantFlagOffset(WORDS);
  assert.equal(quantized[flag], 0);
  quantized[flag] = 1;
  writeFileSync(join(dir, 'model.ftz'), quantized);
  await assert.rejects(readFastTextBin(join(dir, 'model.ftz')), (error: unknown) => {
    return isEmbedkitError('UNSUPPORTED', 'quant_input')(error) && /quantized models \(\.ftz\) are not supported/.test((error as Error).message);
  });
});

test('fastText toy model: known words equal its .vec, to print precision', { skip: noFixtures }, async () => {
  const vectors = await loadFastTextVectors(join(fixtures, 'toy-model.bin'));
  assert.equal(vectors.dim, 5);
  assert.equal(vectors.args.bucket, 100);
  assert.equal(vectors.args.model, FASTTEXT_MODEL.cbow);
  const lines = readFileSync(join(fixtures, 'toy-model.vec'), 'utf8').trim().split('\n');
  assert.equal(lines[0].trim(), '22 5');
  assert.equal(vectors.size, 22);
  for (const line of lines.slice(1)) {
    const [word, ...values] = line.trim().split(' ');
    const ours = vectors.vector(word);
    values.forEach((text, j) => {
      const printed = Number(text);
      // fastText prints 5 significant digits.
      assert.ok(Math.abs(ours[j] - printed) <= 5e-5 * Math.max(Math.abs(printed), 1e-3) + 1e-9, `${word}[${j}]: ${ours[j]} vs ${text}`);
    });
  }
});

test('fastText toy model: unseen words score as fastText scores them (its nn query)', { skip: noFixtures || noBinding }, async () => {
  const path = join(fixtures, 'toy-model.bin');
  const vectors = await loadFastTextVectors(path);
  const query = new fastTextBinding!.Query(path);
  for (const word of ['anarchisms', 'übergroß', '无政府', 'x😀y']) {
    assert.equal(vectors.has(word), false);
    const answers = await query.nn(word, vectors.size);
    assert.equal(answers.length, vectors.size);
    for (const { label, value } of answers) {
      // The binding returns exp(cosine) over float32 vectors.
      assert.ok(Math.abs(Math.log(value) - vectors.similarity(word, label)) < 2e-6, `${word} ~ ${label}: ${Math.log(value)} vs ${vectors.similarity(word, label)}`);
    }
  }
});

test('fastText itself loads our .bin and finds the same neighbours', { skip: noBinding }, async () => {
  const model = randomModel(8, 30, 21);
  const path = join(dir, 'ours.bin');
  await saveFastTextBin(path, model);
  const query = new fastTextBinding!.Query(path);
  for (const word of ['walking', 'walked', 'über', 'jumpy']) {
    const answers = await query.nn(word, 3);
    const ours = model.mostSimilar({ positive: model.vector(word), topn: WORDS.length }).filter((n) => n.word !== word);
    assert.deepEqual(answers.map((a) => a.label), ours.slice(0, 3).map((n) => n.word), word);
    answers.forEach((answer, i) => assert.ok(Math.abs(Math.log(answer.value) - ours[i].similarity) < 2e-6));
    assert.ok(Math.abs(Math.log(answers[0].value) - cosine(model.vector(word), model.vector(answers[0].label))) < 2e-6);
  }
});
