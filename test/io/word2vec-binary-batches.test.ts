import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDecoder } from 'node:util';
import { loadVectors } from '../../src/io/vectors-io.js';
import { openVectorFile } from '../../src/io/detect-format.js';
import { readBinaryRecords } from '../../src/io/word2vec-binary.js';
import { WordDecoder } from '../../src/io/word-decoder.js';
import { EmbedkitError } from '../../src/errors.js';
import { Random } from '../../src/util/random.js';

/**
 * The binary reader takes whole records from each read window in one pass and decodes their words
 * together. These files mix every word shape that could make that differ from reading one record at
 * a time (multi-byte UTF-8, '\n' inside a word, a leading byte-order mark, repeats near and far,
 * records with and without the C tool's '\n'), read with windows that cut records everywhere.
 */

const dir = mkdtempSync(join(tmpdir(), 'embedkit-binary-batches-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const DIM = 3;
const RECORDS = 3000;
const CHUNK_SIZES = [undefined, 64, 1000, 4099];

function wordBytes(i: number): Buffer {
  switch (i % 9) {
    case 0:
      return Buffer.from(`naïve${i}`);
    case 1:
      return Buffer.from(`日本${i}`);
    case 2: // a '\n' inside a word only near the end, so that most windows can be decoded joined
      return Buffer.from(i > RECORDS - 100 ? `a\nb${i}` : `c${i}`);
    case 3:
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`w${i % 50}`)]);
    case 4:
      return Buffer.from(`w${i % 50}`); // repeats, some of them of the byte-order-mark words above
    default:
      return Buffer.from(`word${i}`);
  }
}

interface Built {
  file: string;
  records: Buffer[];
  vectors: Uint32Array;
  /** Where each record's word starts in the file. */
  wordOffsets: number[];
}

function buildFile(name: string, words: Buffer[]): Built {
  const random = new Random(5);
  const vectors = new Uint32Array(words.length * DIM);
  for (let i = 0; i < vectors.length; i++) vectors[i] = random.nextUint32();
  vectors[7] = 0x7f800001; // a signalling NaN: must arrive bit for bit
  const parts: Buffer[] = [Buffer.from(`${words.length} ${DIM}\n`)];
  const wordOffsets: number[] = [];
  let offset = parts[0].length;
  words.forEach((word, i) => {
    wordOffsets.push(offset);
    const vector = Buffer.from(vectors.buffer, i * DIM * 4, DIM * 4);
    const record = Buffer.concat([word, Buffer.from(' '), vector, Buffer.from(i % 3 === 0 ? '' : '\n')]);
    parts.push(record);
    offset += record.length;
  });
  const file = join(dir, name);
  writeFileSync(file, Buffer.concat(parts));
  return { file, records: parts.slice(1), vectors, wordOffsets };
}

/** What reading record by record gives: each word decoded alone, the first vector of a repeat kept. */
function expected(built: Built, words: Buffer[], fatal: boolean): { words: string[]; bits: number[]; duplicates: number } {
  const kept = new Set<string>();
  const result: string[] = [];
  const bits: number[] = [];
  let duplicates = 0;
  words.forEach((bytes, i) => {
    const word = new TextDecoder('utf-8', { fatal }).decode(bytes);
    if (kept.has(word)) {
      duplicates++;
      return;
    }
    kept.add(word);
    result.push(word);
    bits.push(...built.vectors.subarray(i * DIM, (i + 1) * DIM));
  });
  return { words: result, bits, duplicates };
}

/** The word index (hashed from the bytes while reading) finds each word by its string. */
function assertEveryWordFound(words: readonly string[], index: (word: string) => number): void {
  for (let row = 0; row < words.length; row++) assert.equal(index(words[row]), row, `row of ${JSON.stringify(words[row])}`);
}

test('batched binary reading gives what record-by-record reading gives, whatever the window size', async () => {
  const words = Array.from({ length: RECORDS }, (_, i) => wordBytes(i));
  const built = buildFile('mixed.bin', words);
  const want = expected(built, words, true);
  assert.ok(want.duplicates > 0 && want.words.some((w) => w.includes('\n')), 'the fixture has repeats and newlines inside words');
  for (const chunkBytes of CHUNK_SIZES) {
    const { vectors, duplicates } = await loadVectors(built.file, { chunkBytes });
    assert.equal(duplicates, want.duplicates, `chunkBytes ${chunkBytes}`);
    // Before every word is made a string: a query, and words one by one from their bytes.
    const neighbours = vectors.similarByWord(want.words[1], 5);
    assert.equal(neighbours.length, 5);
    for (const { word } of neighbours) assert.equal(word, want.words[vectors.index(word)]);
    for (let row = 0; row < want.words.length; row++) assert.equal(vectors.word(row), want.words[row]);
    assert.deepEqual(vectors.words, want.words, `chunkBytes ${chunkBytes}`);
    assert.deepEqual(Array.from(new Uint32Array(vectors.vectors.buffer, vectors.vectors.byteOffset, vectors.vectors.length)), want.bits);
    assertEveryWordFound(vectors.words, (word) => vectors.index(word));
    assert.equal(vectors.index('w7'), want.words.indexOf('w7'));
  }
});

test('read whole in small chunks and parsed while the next is read, in place: the same words, vectors and duplicates', async () => {
  const words = Array.from({ length: RECORDS }, (_, i) => wordBytes(i));
  const built = buildFile('streamed.bin', words);
  const want = expected(built, words, true);
  for (const chunkBytes of [64, 1000, 4099]) {
    const { reader, header } = await openVectorFile(built.file, 'word2vec-bin', chunkBytes);
    try {
      const options = { file: built.file, decoder: new WordDecoder(built.file), dim: DIM, headerCount: header!.count, limit: Infinity, inPlace: true };
      const collector = await readBinaryRecords(reader, options);
      assert.ok(collector.values.buffer === reader.bytes.buffer, `chunkBytes ${chunkBytes}: the vectors were written into the file's buffer`);
      const values = collector.finish();
      assert.equal(collector.duplicates, want.duplicates);
      assert.deepEqual(collector.words.all(), want.words, `chunkBytes ${chunkBytes}`);
      assert.deepEqual(Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length)), want.bits);
    } finally {
      await reader.close();
    }
  }
  // An error while the next chunk is being read: reported with its offset, and the file still closes.
  const invalid = buildFile('streamed-invalid.bin', words.map((word, i) => (i === 2222 ? Buffer.from([0x62, 0xe3, 0x83]) : word)));
  const { reader, header } = await openVectorFile(invalid.file, 'word2vec-bin', 1000);
  const options = { file: invalid.file, decoder: new WordDecoder(invalid.file), dim: DIM, headerCount: header!.count, limit: Infinity, inPlace: true };
  await assert.rejects(readBinaryRecords(reader, options), (error: unknown) => error instanceof EmbedkitError && error.place.byteOffset === invalid.wordOffsets[2222]);
  await reader.close();
});

test('an invalid word deep in a batch: strict names its byte offset, replace matches word-by-word decoding', async () => {
  const words = Array.from({ length: RECORDS }, (_, i) => (i === 2222 ? Buffer.from([0x62, 0xe3, 0x83]) : wordBytes(i)));
  const built = buildFile('invalid.bin', words);
  for (const chunkBytes of CHUNK_SIZES) {
    await assert.rejects(loadVectors(built.file, { chunkBytes }), (error: unknown) => {
      assert.ok(error instanceof EmbedkitError, String(error));
      assert.equal(error.code, 'BAD_ENCODING');
      assert.equal(error.place.byteOffset, built.wordOffsets[2222], `chunkBytes ${chunkBytes}`);
      return true;
    });
    const replaced = await loadVectors(built.file, { chunkBytes, unicodeErrors: 'replace' });
    assert.deepEqual(replaced.vectors.words, expected(built, words, false).words);
    assertEveryWordFound(replaced.vectors.words, (word) => replaced.vectors.index(word));
  }
});

test('ASCII words in another encoding, and latin-1 bytes, read as record by record', async () => {
  const words = Array.from({ length: 500 }, (_, i) => (i % 4 === 0 ? Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x30 + (i % 10)]) : Buffer.from(`w${i}`)));
  const built = buildFile('latin1.bin', words);
  const want = words.map((bytes) => bytes.toString('latin1'));
  const unique = [...new Set(want)];
  for (const chunkBytes of CHUNK_SIZES) {
    const { vectors } = await loadVectors(built.file, { chunkBytes, encoding: 'latin1' });
    assert.deepEqual(vectors.words, unique);
    assertEveryWordFound(vectors.words, (word) => vectors.index(word));
  }
});

test('a header promising more vectors than memory can hold fails as TOO_LARGE, whole-file read or not', async () => {
  const file = join(dir, 'boastful.bin');
  writeFileSync(file, Buffer.concat([Buffer.from('1073741824 1024\na '), Buffer.alloc(4096)]));
  for (const chunkBytes of [undefined, 64]) {
    await assert.rejects(loadVectors(file, { chunkBytes }), (error: unknown) => error instanceof EmbedkitError && error.code === 'TOO_LARGE');
  }
});
