import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FNV_PRIME, HASH_START, hashFinish, hashWord, WordIndex } from '../../src/vectors/word-index.js';

test('hashWord is 32-bit FNV-1a then the murmur3 finaliser (known answers)', () => {
  // FNV-1a("") = 0x811c9dc5 and FNV-1a("a") = 0xe40c292c are the published test vectors.
  assert.equal(hashWord(''), hashFinish(0x811c9dc5 | 0));
  assert.equal(hashWord('a'), hashFinish(0xe40c292c | 0));
  assert.equal(hashFinish(0), 0);
});

test('an ASCII word hashed from its bytes equals its string hash; other words hash their code units', () => {
  for (const word of ['the', 'word123456', 'A-Z_09 ~', 'x'.repeat(300)]) {
    let hash = HASH_START;
    for (const byte of Buffer.from(word, 'latin1')) hash = Math.imul(hash ^ byte, FNV_PRIME);
    assert.equal(hashFinish(hash), hashWord(word), word);
  }
  assert.notEqual(hashWord('naïve'), hashWord('naive'));
});

test('get, has and size agree with a Map over many words, through growth from an empty table', () => {
  const words: string[] = [];
  const index = new WordIndex(words);
  const reference = new Map<string, number>();
  for (let i = 0; i < 20_000; i++) {
    const word = i % 3 === 0 ? `日本${i}` : i % 3 === 1 ? `w${i}` : `${i}\n\uFEFF`;
    assert.equal(index.add(word, words.length, hashWord(word)), -1);
    reference.set(word, words.length);
    words.push(word);
  }
  assert.equal(index.size, 20_000);
  for (const [word, row] of reference) assert.equal(index.get(word), row);
  for (const absent of ['', 'w2', '日本1', 'w20000', 'W1']) {
    assert.equal(index.get(absent), -1, absent);
    assert.equal(index.has(absent), false);
  }
  assert.ok(index.has('w1'));
});

test('add returns the earlier row of a repeated word and indexes nothing; a colliding hash is told apart by the string', () => {
  const words = ['a', 'b'];
  const index = new WordIndex(words, 2);
  assert.equal(index.add('a', 0, 7), -1);
  assert.equal(index.add('b', 1, 7), -1, 'same hash, different word');
  assert.equal(index.add('a', 2, 7), 0);
  assert.equal(index.add('b', 2, 7), 1);
  assert.equal(index.size, 2);
});

test('WordIndex.of throws DUPLICATE_WORD naming the word and both rows', () => {
  assert.throws(() => WordIndex.of(['x', 'y', 'x']), (error: Error & { code?: string }) => error.code === 'DUPLICATE_WORD' && /"x".*rows 0 and 2/.test(error.message));
  assert.equal(WordIndex.of([]).get('x'), -1);
});
