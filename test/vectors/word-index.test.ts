import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WordIndex } from '../../src/vectors/word-index.js';
import { FNV_PRIME, HASH_START, hashFinish, hashWord } from '../../src/vectors/word-key.js';
import { WordList } from '../../src/vectors/word-list.js';

test('hashWord is 32-bit FNV-1a then the murmur3 finaliser (known answers)', () => {
  // FNV-1a("") = 0x811c9dc5 and FNV-1a("a") = 0xe40c292c are the published test vectors.
  assert.equal(hashWord(''), hashFinish(0x811c9dc5 | 0));
  assert.equal(hashWord('a'), hashFinish(0xe40c292c | 0));
  assert.equal(hashFinish(0), 0);
});

test('a word hashed from its UTF-8 bytes while they are scanned equals its string hash', () => {
  for (const word of ['the', 'word123456', 'A-Z_09 ~', 'x'.repeat(300), 'naïve', '日本語', '😀x', '\uFEFFbom']) {
    let hash = HASH_START;
    for (const byte of Buffer.from(word, 'utf8')) hash = Math.imul(hash ^ byte, FNV_PRIME);
    assert.equal(hashFinish(hash), hashWord(word), word);
  }
  assert.notEqual(hashWord('naïve'), hashWord('naive'));
});

/** Words of every shape the index must tell apart by their bytes. */
function mixedWord(i: number): string {
  switch (i % 6) {
    case 0:
      return `日本${i}`;
    case 1:
      return `w${i}`;
    case 2:
      return `${i}\n\uFEFF`;
    case 3:
      return `naïve${i}`;
    case 4:
      return `${String.fromCodePoint(0x1f600 + (i % 50))}${i}`;
    default:
      return `\uD800${i}`; // a lone surrogate: not UTF-8, still a key of its own
  }
}

test('get, has and size agree with a Map over ASCII and non-ASCII words, through growth from an empty table', () => {
  const words = new WordList();
  const index = new WordIndex(words);
  const reference = new Map<string, number>();
  for (let i = 0; i < 20_000; i++) {
    const word = mixedWord(i);
    const row = words.size;
    assert.equal(index.add(row, words.pushString(word)), -1);
    reference.set(word, row);
  }
  assert.equal(index.size, 20_000);
  for (const [word, row] of reference) assert.equal(index.get(word), row);
  for (const absent of ['', 'w2', '日本1', 'w20000', 'W1', 'naive3', '\uDC003', '\uFFFD5', '日本', '2\n']) {
    assert.equal(index.get(absent), -1, JSON.stringify(absent));
    assert.equal(index.has(absent), false);
  }
  assert.ok(index.has('w1'));
});

test('words pushed as bytes are found by their strings, and only by them', () => {
  const words = new WordList();
  const index = new WordIndex(words);
  const strings = ['café', 'cafe', 'CAFÉ', '東京', '東', 'ab', 'a', ''];
  for (const word of strings) {
    const bytes = Buffer.from(word, 'utf8');
    assert.equal(index.add(words.size, words.push(bytes, 0, bytes.length)), -1, word);
  }
  strings.forEach((word, row) => assert.equal(index.get(word), row, word));
  // Same UTF-16 length or a prefix of the bytes is not a match.
  for (const absent of ['cafè', 'caf', 'café ', 'e\u0301', '東京都']) assert.equal(index.get(absent), -1, absent);
});

test('add returns the earlier row of a repeated word and indexes nothing; a colliding hash is told apart by the bytes', () => {
  const words = new WordList();
  const index = new WordIndex(words, 2);
  const forced = 7; // every word in one probe chain
  for (const word of ['a', 'b', 'é', 'ab']) {
    words.pushString(word);
    assert.equal(index.add(words.size - 1, forced), -1, `same hash, different word: ${word}`);
  }
  words.pushString('a');
  assert.equal(index.add(words.size - 1, forced), 0);
  words.truncate(words.size - 1);
  words.pushString('é');
  assert.equal(index.add(words.size - 1, forced), 2);
  assert.equal(index.size, 4);
});

test('WordIndex.of throws DUPLICATE_WORD naming the word and both rows', () => {
  assert.throws(
    () => WordIndex.of(WordList.fromStrings(['x', 'y', 'x'])),
    (error: Error & { code?: string }) => error.code === 'DUPLICATE_WORD' && /"x".*rows 0 and 2/.test(error.message),
  );
  assert.throws(() => WordIndex.of(WordList.fromStrings(['ü', 'u', 'ü'])), /rows 0 and 2/);
  // Distinct lone surrogates are distinct words (an encoder replacing them would call them equal).
  assert.equal(WordIndex.of(WordList.fromStrings(['\uD800', '\uDC00', '\uFFFD'])).size, 3);
  assert.equal(WordIndex.of(WordList.fromStrings([])).get('x'), -1);
});
