import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describeVectorFile, loadVectors, saveVectors, type VectorFormat } from '../../src/io/vectors-io.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';
import { EmbedkitError } from '../../src/errors.js';
import { Random } from '../../src/util/random.js';

const dir = mkdtempSync(join(tmpdir(), 'embedkit-vectors-io-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let fileCounter = 0;
const path = (name: string) => join(dir, `${fileCounter++}-${name}`);

/** Awkward words and awkward floats: multi-byte UTF-8, extremes, subnormals, negative zero. */
function awkwardStore(): KeyedVectors {
  const words = ['the', 'naïve', '日本語', '🙂', 'a/b', '</s>', 'x'];
  const dim = 6;
  const random = new Random(2);
  const vectors = new Float32Array(words.length * dim);
  for (let i = 0; i < vectors.length; i++) vectors[i] = random.normal() * 10 ** (random.int(8) - 4);
  vectors.set([3.4028234663852886e38, -1.401298464324817e-45, 1e-30, -0, 0.1, 1 / 3], 0);
  return new KeyedVectors(words, vectors, dim);
}

function assertSameVectors(actual: KeyedVectors, expected: KeyedVectors): void {
  assert.deepEqual(actual.words, expected.words);
  assert.equal(actual.dim, expected.dim);
  const a = new Uint32Array(actual.vectors.buffer, actual.vectors.byteOffset, actual.vectors.length);
  const b = new Uint32Array(expected.vectors.buffer, expected.vectors.byteOffset, expected.vectors.length);
  assert.deepEqual(a, b, 'float32 bit patterns differ');
}

function assertFails(promise: Promise<unknown>, code: string, place: { line?: number; byteOffset?: number }, message?: RegExp) {
  return assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof EmbedkitError, String(error));
    assert.equal(error.code, code, error.message);
    assert.ok(error.place.file !== undefined, 'error names the file');
    if (place.line !== undefined) assert.equal(error.place.line, place.line, error.message);
    if (place.byteOffset !== undefined) assert.equal(error.place.byteOffset, place.byteOffset, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

for (const [format, extension] of [
  ['word2vec-bin', '.bin'],
  ['word2vec-text', '.txt'],
  ['glove', '.glove'],
] as const) {
  test(`${format}: write → read gives identical words and float32 bits, format detected`, async () => {
    const kv = awkwardStore();
    const file = path(`round${extension}`);
    await saveVectors(kv, file, { format });
    for (const chunkBytes of [undefined, 7]) {
      const loaded = await loadVectors(file, { chunkBytes });
      assert.equal(loaded.format, format);
      assertSameVectors(loaded.vectors, kv);
    }
    const explicit = await loadVectors(file, { format });
    assertSameVectors(explicit.vectors, kv);
    const info = await describeVectorFile(file);
    assert.deepEqual([info.format, info.words, info.dim, info.fileBytes], [format, kv.size, kv.dim, statSync(file).size]);
  });
}

test('the format follows the extension; .vec is word2vec text; other extensions need a format', async () => {
  const kv = awkwardStore();
  const cases: [string, VectorFormat][] = [['v.bin', 'word2vec-bin'], ['v.txt', 'word2vec-text'], ['v.vec', 'word2vec-text']];
  for (const [name, format] of cases) {
    const file = path(name);
    assert.equal(await saveVectors(kv, file), format);
    assert.equal((await loadVectors(file)).format, format);
  }
  await assert.rejects(saveVectors(kv, path('v.dat')), { code: 'UNKNOWN_FORMAT' });
});

test('word2vec binary with and without the newline after each vector reads the same', async () => {
  const kv = awkwardStore();
  const withNewline = path('c-tool.bin');
  const without = path('gensim.bin');
  await saveVectors(kv, withNewline);
  await saveVectors(kv, without, { newlineAfterVector: false });
  assert.equal(statSync(withNewline).size - statSync(without).size, kv.size);
  const bytes = readFileSync(withNewline);
  assert.equal(bytes[bytes.length - 1], 0x0a);
  for (const chunkBytes of [undefined, 5]) {
    assertSameVectors((await loadVectors(withNewline, { chunkBytes })).vectors, kv);
    assertSameVectors((await loadVectors(without, { chunkBytes })).vectors, kv);
  }
});

test('words the formats cannot carry are refused, and nothing is written', async () => {
  for (const bad of ['two words', 'tab\tword', 'line\nbreak', '']) {
    const kv = new KeyedVectors(['ok', bad], new Float32Array(4), 2);
    const file = path('bad.txt');
    await assert.rejects(saveVectors(kv, file), (error: unknown) => error instanceof EmbedkitError && error.code === 'BAD_WORD' && error.place.field === 'words[1]');
    assert.throws(() => statSync(file));
  }
  assert.deepEqual(readdirSync(dir).filter((name) => name.includes('.tmp-')), []);
});

test('saving over an existing file replaces it whole', async () => {
  const file = path('replace.txt');
  writeFileSync(file, 'old content');
  await saveVectors(awkwardStore(), file);
  assertSameVectors((await loadVectors(file)).vectors, awkwardStore());
});

test('limit reads the first N words of every format', async () => {
  const kv = awkwardStore();
  for (const format of ['word2vec-bin', 'word2vec-text', 'glove'] as const) {
    const file = path(`limit-${format}`);
    await saveVectors(kv, file, { format });
    const loaded = (await loadVectors(file, { limit: 3 })).vectors;
    assert.deepEqual(loaded.words, kv.words.slice(0, 3));
    assert.deepEqual(loaded.vectors, kv.vectors.subarray(0, 3 * kv.dim));
    assert.equal((await loadVectors(file, { limit: 100 })).vectors.size, kv.size);
  }
  await assert.rejects(loadVectors(path('any.txt'), { limit: 0 }), { code: 'BAD_OPTION' });
});

test('limit stops before damage later in the file', async () => {
  const file = path('damaged-late.txt');
  writeFileSync(file, '3 2\na 1 2\nb 3 4\nc oops 6\n');
  assert.deepEqual((await loadVectors(file, { limit: 2 })).vectors.words, ['a', 'b']);
  await assertFails(loadVectors(file), 'BAD_NUMBER', { line: 4, byteOffset: 18 }, /"oops"/);
});

test('text: wrong number of values names the line and byte', async () => {
  const short = path('short.txt');
  writeFileSync(short, '3 3\na 1 2 3\nb 1 2\nc 1 2 3\n');
  await assertFails(loadVectors(short), 'BAD_RECORD', { line: 3, byteOffset: 12 }, /"b" has 2 values, expected 3/);
  const long = path('long.txt');
  writeFileSync(long, '2 2\na 1 2\nb 1 2 3 4\n');
  await assertFails(loadVectors(long), 'BAD_RECORD', { line: 3, byteOffset: 16 }, /"b" has 4 values, expected 2/);
  const shortFirst = path('short-first.txt');
  writeFileSync(shortFirst, '2 3\na 1 2\nb 1 2 3\n');
  await assertFails(loadVectors(shortFirst), 'BAD_RECORD', { line: 2, byteOffset: 4 }, /"a" has 2 values, expected 3/);
  const glove = path('short.glove');
  writeFileSync(glove, 'a 1 2 3\nb 4 5\n');
  await assertFails(loadVectors(glove), 'BAD_RECORD', { line: 2, byteOffset: 8 });
});

test('text: the header count must match the lines', async () => {
  const fewer = path('fewer.txt');
  writeFileSync(fewer, '4 2\na 1 2\nb 3 4\n');
  await assertFails(loadVectors(fewer), 'COUNT_MISMATCH', { line: 4 }, /says 4 words but the file ends after 2/);
  const more = path('more.txt');
  writeFileSync(more, '1 2\na 1 2\nb 3 4\n');
  await assertFails(loadVectors(more), 'COUNT_MISMATCH', { line: 3, byteOffset: 10 });
  const blank = path('blank.txt');
  writeFileSync(blank, '2 2\na 1 2\n\nb 3 4\n');
  await assertFails(loadVectors(blank), 'BAD_RECORD', { line: 3 });
  const trailing = path('trailing.txt');
  writeFileSync(trailing, '2 2\r\na 1 2 \r\nb 3 4\r\n\n\n');
  assert.deepEqual((await loadVectors(trailing)).vectors.words, ['a', 'b']);
});

test('binary: truncation and count mismatch give the byte offset', async () => {
  const kv = new KeyedVectors(['ab', 'cd', 'ef'], Float32Array.of(1, 2, 3, 4, 5, 6), 2);
  const file = path('whole.bin');
  await saveVectors(kv, file);
  const whole = readFileSync(file);
  // Header "3 2\n" is 4 bytes; each record is word(2) + space + 8 bytes + '\n' = 12 bytes.
  const cut = path('cut.bin');
  writeFileSync(cut, whole.subarray(0, 4 + 12 + 3 + 5));
  await assertFails(loadVectors(cut), 'TRUNCATED', { byteOffset: 4 + 12 + 3 }, /truncated vector of "cd"/);
  writeFileSync(cut, whole.subarray(0, 4 + 12 + 1));
  await assertFails(loadVectors(cut), 'TRUNCATED', { byteOffset: 4 + 12 + 1 });
  writeFileSync(cut, whole.subarray(0, 4 + 24));
  await assertFails(loadVectors(cut), 'COUNT_MISMATCH', { byteOffset: 4 + 24 }, /says 3 words but the file ends after 2/);
  writeFileSync(cut, Buffer.concat([whole, Buffer.from('gh ')]));
  await assertFails(loadVectors(cut), 'COUNT_MISMATCH', { byteOffset: whole.length });
  assert.deepEqual((await loadVectors(cut, { limit: 2 })).vectors.words, ['ab', 'cd']);
});

test('headers, empty and unknown files are reported', async () => {
  const badHeader = path('bad-header.txt');
  writeFileSync(badHeader, 'two 2\na 1 2\n');
  await assertFails(loadVectors(badHeader, { format: 'word2vec-text' }), 'BAD_HEADER', { line: 1 });
  const zeroDim = path('zero-dim.txt');
  writeFileSync(zeroDim, '1 0\na\n');
  await assertFails(loadVectors(zeroDim), 'BAD_HEADER', { line: 1 });
  const empty = path('empty.txt');
  writeFileSync(empty, '');
  await assertFails(loadVectors(empty), 'EMPTY_FILE', {});
  const prose = path('prose.txt');
  writeFileSync(prose, 'this is not a vector file\n');
  await assertFails(loadVectors(prose), 'UNKNOWN_FORMAT', { line: 1 });
  await assertFails(loadVectors(join(dir, 'does-not-exist.bin')), 'CANNOT_OPEN', {});
});

test('invalid UTF-8 in a word: strict fails naming line and byte, replace substitutes U+FFFD', async () => {
  // "ありがとう" then the first two bytes of a three-byte character, as in gensim's fixture.
  const truncated = Buffer.concat([Buffer.from('ありがとう'), Buffer.from([0xe3, 0x83])]);
  const text = path('bad-utf8.txt');
  writeFileSync(text, Buffer.concat([Buffer.from('2 3\nok 0.1 0.2 0.3\n'), truncated, Buffer.from(' 0.6 0.6 0.6\n')]));
  await assertFails(loadVectors(text), 'BAD_ENCODING', { line: 3, byteOffset: 19 });
  const replaced = (await loadVectors(text, { unicodeErrors: 'replace' })).vectors;
  assert.deepEqual(replaced.words, ['ok', 'ありがとう\uFFFD']);
  assert.deepEqual(Array.from(replaced.vector('ありがとう\uFFFD')), [0.6, 0.6, 0.6].map(Math.fround));

  const binary = path('bad-utf8.bin');
  const vector = Buffer.from(Float32Array.of(1, 2).buffer);
  writeFileSync(binary, Buffer.concat([Buffer.from('1 2\n'), truncated, Buffer.from(' '), vector]));
  await assertFails(loadVectors(binary), 'BAD_ENCODING', { byteOffset: 4 });
  assert.deepEqual((await loadVectors(binary, { unicodeErrors: 'replace' })).vectors.words, ['ありがとう\uFFFD']);
});

test('a UTF-8 byte-order mark at the start is skipped', async () => {
  for (const [name, text, format] of [
    ['bom.txt', '1 2\nword 1 2\n', 'word2vec-text'],
    ['bom.glove', 'word 1 2\n', 'glove'],
  ]) {
    const file = path(name);
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]));
    const loaded = await loadVectors(file);
    assert.equal(loaded.format, format);
    assert.deepEqual(loaded.vectors.words, ['word']);
  }
});

test('latin-1 words decode with the encoding option', async () => {
  const file = path('latin1.txt');
  writeFileSync(file, Buffer.concat([Buffer.from('1 1\ncaf'), Buffer.from([0xe9]), Buffer.from(' 1\n')]));
  assert.deepEqual((await loadVectors(file, { encoding: 'latin1' })).vectors.words, ['café']);
  await assert.rejects(loadVectors(file, { encoding: 'no-such-encoding' }), { code: 'BAD_OPTION' });
});

test('a repeated word keeps its first vector, as gensim does', async () => {
  const file = path('dup.txt');
  writeFileSync(file, '3 2\na 1 2\nb 3 4\na 5 6\n');
  const { vectors, duplicates } = await loadVectors(file);
  assert.equal(duplicates, 1);
  assert.deepEqual(vectors.words, ['a', 'b']);
  assert.deepEqual(Array.from(vectors.vector('a')), [1, 2]);
});

test('gzip-compressed files are read transparently', async () => {
  const kv = awkwardStore();
  for (const format of ['word2vec-bin', 'word2vec-text', 'glove'] as const) {
    const plain = path(`plain-${format}`);
    await saveVectors(kv, plain, { format });
    const gz = path(`packed-${format}.gz`);
    writeFileSync(gz, gzipSync(readFileSync(plain)));
    const loaded = await loadVectors(gz, { chunkBytes: 11 });
    assert.equal(loaded.format, format);
    assertSameVectors(loaded.vectors, kv);
    assert.equal((await describeVectorFile(gz)).compressed, true);
  }
  const broken = path('broken.gz');
  writeFileSync(broken, Buffer.concat([gzipSync(Buffer.from('1 2\na 1 2\n')).subarray(0, 12), Buffer.alloc(20, 7)]));
  await assert.rejects(loadVectors(broken), (error: unknown) => error instanceof EmbedkitError);
});

test('special values and long decimals parse as Python float() would', async () => {
  const file = path('special.txt');
  writeFileSync(file, '2 3\na nan inf -Infinity\nb -0.0008546282343595379 1e-50 -8.269973595356034e-05\n');
  const kv = (await loadVectors(file)).vectors;
  const a = kv.vector('a');
  assert.ok(Number.isNaN(a[0]));
  assert.deepEqual([a[1], a[2]], [Infinity, -Infinity]);
  assert.deepEqual(Array.from(kv.vector('b')), [Math.fround(-0.0008546282343595379), 0, Math.fround(-8.269973595356034e-5)]);
});

test('progress is reported as the file is read', async () => {
  const file = path('progress.bin');
  await saveVectors(awkwardStore(), file);
  const seen: number[] = [];
  await loadVectors(file, { chunkBytes: 64, onProgress: (read, total) => { assert.equal(total, statSync(file).size); seen.push(read); } });
  assert.ok(seen.length > 2);
  assert.equal(seen[seen.length - 1], statSync(file).size);
});

test('a vocabulary file carries the counts both ways (gensim fvocab)', async () => {
  const kv = new KeyedVectors(['the', 'cat', 'sat'], Float32Array.of(1, 2, 3, 4, 5, 6), 2, Float64Array.of(50, 7, 3));
  const file = path('counted.bin');
  const vocab = path('counted.vocab');
  await saveVectors(kv, file, { vocabFile: vocab });
  assert.equal(readFileSync(vocab, 'utf8'), 'the 50\ncat 7\nsat 3\n');
  assert.deepEqual((await loadVectors(file, { vocabFile: vocab })).vectors.counts, Float64Array.of(50, 7, 3));
  writeFileSync(vocab, 'cat 7\nthe 50\n');
  assert.deepEqual(Array.from((await loadVectors(file, { vocabFile: vocab })).vectors.counts!), [50, 7, NaN]);
  writeFileSync(vocab, 'the 50\ncat seven\n');
  await assertFails(loadVectors(file, { vocabFile: vocab }), 'BAD_RECORD', { line: 2, byteOffset: 7 });
  const uncounted = new KeyedVectors(['a'], Float32Array.of(1), 1);
  await assert.rejects(saveVectors(uncounted, path('u.bin'), { vocabFile: path('u.vocab') }), { code: 'NO_COUNTS' });
});
