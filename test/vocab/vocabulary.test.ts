import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Vocabulary, VocabularyCounter } from '../../src/vocab/vocabulary.js';
import { compareCodePoints } from '../../src/vocab/code-point-order.js';
import { EmbedkitError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'embedkit-vocab-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

const corpus = [
  ['the', 'cat', 'sat', 'on', 'the', 'mat'],
  ['the', 'dog', 'sat'],
  ['a', 'cat'],
];

test('specials first, then count descending, ties by word', async () => {
  const vocab = await Vocabulary.build(corpus);
  assert.deepEqual(vocab.words, ['<pad>', '<unk>', 'the', 'cat', 'sat', 'a', 'dog', 'mat', 'on']);
  assert.deepEqual(Array.from(vocab.counts), [0, 0, 3, 2, 2, 1, 1, 1, 1]);
  assert.equal(vocab.size, 9);
  assert.equal(vocab.totalCount, 11);
  assert.equal(vocab.padId, 0);
  assert.equal(vocab.unkId, 1);
  assert.equal(vocab.hasSpecials, true);
});

test('ties are broken by code point, not by UTF-16 unit', () => {
  // U+FF21 (fullwidth A) is below U+1F600 as a code point, though its UTF-16 unit is above 0xD83D.
  const counter = new VocabularyCounter();
  counter.add(['😀', 'Ａ', 'b', 'a']);
  assert.deepEqual(counter.finish({ specials: false }).words, ['a', 'b', 'Ａ', '😀']);
  assert.ok(compareCodePoints('Ａ', '😀') < 0);
  assert.ok('Ａ' > '😀', 'plain string comparison orders these the other way');
  assert.equal(compareCodePoints('ab', 'ab'), 0);
  assert.ok(compareCodePoints('ab', 'abc') < 0);
});

test('async iterables are accepted', async () => {
  async function* lists(): AsyncIterable<string[]> {
    yield ['x', 'y'];
    yield ['x'];
  }
  const vocab = await Vocabulary.build(lists(), { specials: false });
  assert.deepEqual(vocab.words, ['x', 'y']);
});

test('minCount, then maxSize counting the specials', async () => {
  const vocab = await Vocabulary.build(corpus, { minCount: 2 });
  assert.deepEqual(vocab.words, ['<pad>', '<unk>', 'the', 'cat', 'sat']);
  const capped = await Vocabulary.build(corpus, { minCount: 2, maxSize: 4 });
  assert.deepEqual(capped.words, ['<pad>', '<unk>', 'the', 'cat']);
  const noSpecials = await Vocabulary.build(corpus, { maxSize: 2, specials: false });
  assert.deepEqual(noSpecials.words, ['the', 'cat']);
  await assert.rejects(Vocabulary.build(corpus, { maxSize: 1 }), EmbedkitError);
  await assert.rejects(Vocabulary.build(corpus, { minCount: -1 }), EmbedkitError);
});

test('without specials: ids from 0, unknown words are -1 and left out by encode', async () => {
  const vocab = await Vocabulary.build(corpus, { specials: false });
  assert.equal(vocab.padId, -1);
  assert.equal(vocab.unkId, -1);
  assert.equal(vocab.id('the'), 0);
  assert.equal(vocab.id('zebra'), -1);
  assert.deepEqual(Array.from(vocab.encode(['the', 'zebra', 'cat'])), [0, 1]);
});

test('encode maps unknown words to <unk>; decode skips padding', async () => {
  const vocab = await Vocabulary.build(corpus);
  const ids = vocab.encode(['the', 'zebra', 'mat']);
  assert.ok(ids instanceof Int32Array);
  assert.deepEqual(Array.from(ids), [2, 1, 7]);
  assert.deepEqual(vocab.decode([0, 0, 2, 1, 7]), ['the', '<unk>', 'mat']);
  assert.equal(vocab.id('zebra'), 1);
  assert.equal(vocab.has('zebra'), false);
  assert.equal(vocab.has('cat'), true);
  assert.equal(vocab.word(3), 'cat');
  assert.throws(() => vocab.word(99), EmbedkitError);
  assert.throws(
    () => vocab.decode([2, 9]),
    (error: unknown) => error instanceof EmbedkitError && error.place.field === 'ids[1]',
  );
  const buffer = new Int32Array(5).fill(-7);
  assert.equal(vocab.encodeInto(['cat', 'sat'], buffer, 2), 2);
  assert.deepEqual(Array.from(buffer), [-7, -7, 3, 4, -7]);
});

test('a corpus token spelled like a special is not counted as a word', async () => {
  const vocab = await Vocabulary.build([['<pad>', 'x', '<unk>']]);
  assert.deepEqual(vocab.words, ['<pad>', '<unk>', 'x']);
});

test('pruning drops the rarest words when the table is full, and says so', () => {
  const counter = new VocabularyCounter({ maxTableSize: 3 });
  counter.add(['a', 'a', 'a', 'b', 'b', 'c']);
  assert.equal(counter.prunedWords, 0);
  assert.equal(counter.pruneMinCount, 0);
  counter.add(['d']); // 4 distinct > 3: every word seen once goes (c, d)
  assert.equal(counter.prunedWords, 2);
  assert.equal(counter.pruneMinCount, 1);
  assert.equal(counter.distinctWords, 2);
  counter.add(['e', 'e']);
  counter.add(['f']); // 4 distinct again; threshold rises to 2: b, e and f go
  assert.equal(counter.pruneMinCount, 2);
  assert.equal(counter.prunedWords, 5);
  assert.equal(counter.totalTokens, 10);
  assert.deepEqual(counter.finish({ specials: false }).words, ['a']);
});

test('pruning keeps going until the table fits', () => {
  const counter = new VocabularyCounter({ maxTableSize: 2 });
  counter.addWord('a', 5);
  counter.addWord('b', 3);
  counter.addWord('c', 2); // thresholds 1 (drops nothing) then 2 (drops c)
  assert.equal(counter.pruneMinCount, 2);
  assert.equal(counter.prunedWords, 1);
  assert.deepEqual(counter.finish({ specials: false }).words, ['a', 'b']);
  assert.throws(() => counter.addWord('x', -1), EmbedkitError);
});

test('fromWords keeps the given order; accepts a list that already has the specials', () => {
  const vocab = Vocabulary.fromWords(['zeta', 'alpha'], [1, 5]);
  assert.deepEqual(vocab.words, ['<pad>', '<unk>', 'zeta', 'alpha']);
  assert.deepEqual(Array.from(vocab.counts), [0, 0, 1, 5]);
  const again = Vocabulary.fromWords(vocab.words, vocab.counts);
  assert.deepEqual(again.words, vocab.words);
  const plain = Vocabulary.fromWords(['x', 'y'], undefined, { specials: false });
  assert.deepEqual(Array.from(plain.counts), [0, 0]);
  assert.throws(() => Vocabulary.fromWords(['x', 'x']), EmbedkitError);
  assert.throws(() => Vocabulary.fromWords(['x', '<unk>']), EmbedkitError);
  assert.throws(() => Vocabulary.fromWords(['x'], [1, 2]), EmbedkitError);
});

test('save and load round trip, atomically', async () => {
  const vocab = await Vocabulary.build(corpus, { minCount: 1 });
  const path = join(dir, 'vocab.json');
  await vocab.save(path);
  const loaded = await Vocabulary.load(path);
  assert.deepEqual(loaded.words, vocab.words);
  assert.deepEqual(Array.from(loaded.counts), Array.from(vocab.counts));
  assert.equal(loaded.hasSpecials, true);
  assert.equal(loaded.totalCount, vocab.totalCount);
  assert.deepEqual(readdirSync(dir).filter((name) => name.includes('.tmp')), []);

  const plain = await Vocabulary.build(corpus, { specials: false });
  await plain.save(path);
  const loadedPlain = await Vocabulary.load(path);
  assert.equal(loadedPlain.hasSpecials, false);
  assert.deepEqual(loadedPlain.words, plain.words);
});

test('bad files and bad JSON throw EmbedkitError with the place', async () => {
  const broken = join(dir, 'broken.json');
  writeFileSync(broken, '{\n  "format": "embedkit.vocabulary",\n  "words": ["a" "b"]\n}');
  await assert.rejects(Vocabulary.load(broken), (error: unknown) => {
    return error instanceof EmbedkitError && error.code === 'BAD_JSON' && error.place.file === broken && error.place.line === 3;
  });
  await assert.rejects(Vocabulary.load(join(dir, 'missing.json')), (error: unknown) => {
    return error instanceof EmbedkitError && error.code === 'FILE_NOT_FOUND';
  });

  const valid = { format: 'embedkit.vocabulary', version: 1, specials: true, words: ['a', 'b'], counts: [2, 1] };
  assert.deepEqual(Vocabulary.fromJSON(valid).words, ['<pad>', '<unk>', 'a', 'b']);
  const cases: Array<[unknown, string | undefined]> = [
    [[], undefined],
    [{ ...valid, format: 'other' }, 'format'],
    [{ ...valid, version: 2 }, 'version'],
    [{ ...valid, specials: 'yes' }, 'specials'],
    [{ ...valid, words: 'a b' }, 'words'],
    [{ ...valid, counts: [1] }, 'counts'],
    [{ ...valid, words: ['a', 'a'] }, 'words[1]'],
    [{ ...valid, words: ['a', 7] }, 'words[1]'],
    [{ ...valid, words: ['', 'b'] }, 'words[0]'],
    [{ ...valid, counts: [1, -1] }, 'counts[1]'],
    [{ ...valid, counts: [1, '2'] }, 'counts[1]'],
  ];
  for (const [json, field] of cases) {
    assert.throws(
      () => Vocabulary.fromJSON(json, 'v.json'),
      (error: unknown) => error instanceof EmbedkitError && error.place.field === field && error.place.file === 'v.json',
      JSON.stringify(json),
    );
  }
});
