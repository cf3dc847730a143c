import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDecoder } from 'node:util';
import { hashWord } from '../../src/vectors/word-key.js';
import { WordList } from '../../src/vectors/word-list.js';

const WORDS = ['the', 'naïve', '日本', 'a\nb', '\uFEFFmid\uFEFF', '😀', 'x'.repeat(500), 'end'];

function pushedAsBytes(words: readonly string[]): WordList {
  const list = new WordList();
  const file = Buffer.from(` ${words.join(' ')} `, 'utf8');
  let at = 1;
  for (const word of words) {
    const length = Buffer.byteLength(word, 'utf8');
    assert.equal(list.push(file, at, at + length), hashWord(word), `hash of ${JSON.stringify(word)} from its bytes`);
    at += length + 1;
  }
  return list;
}

test('words kept as bytes decode lazily to what decoding each eagerly gives', () => {
  const list = pushedAsBytes(WORDS);
  assert.equal(list.size, WORDS.length);
  // A leading byte-order mark is the loader's business (it re-makes such keys); the list keeps what it is given.
  const eager = WORDS.map((word) => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(Buffer.from(word, 'utf8')));
  assert.deepEqual(eager, WORDS);
  eager.forEach((word, row) => assert.equal(list.word(row), word));
  assert.deepEqual(list.all(), eager, 'one word holds the separator: decoded one by one');
  assert.equal(list.all(), list.all(), 'decoded once, then kept');
});

test('all() decodes the joined keys in one call when no word holds the separator', () => {
  const words = Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? `wörd${i}` : `word${i}`));
  const list = pushedAsBytes(words);
  assert.deepEqual(list.all(), words);
  assert.deepEqual(pushedAsBytes([]).all(), []);
});

test('bytes and strings give the same keys; truncate and moveDown close up rows', () => {
  const fromBytes = pushedAsBytes(WORDS);
  const fromStrings = new WordList();
  for (const word of WORDS) fromStrings.pushString(word);
  for (let row = 0; row < WORDS.length; row++) {
    assert.equal(fromStrings.hashOf(row), fromBytes.hashOf(row));
    const key = Buffer.from(WORDS[row], 'utf8');
    assert.ok(fromBytes.keyEquals(row, key, 0, key.length));
    assert.ok(!fromBytes.keyEquals(row, key, 0, key.length - 1));
  }
  const list = pushedAsBytes(['a', 'dropped', 'bb', 'also dropped', 'ccc']);
  assert.deepEqual(list.all(), ['a', 'dropped', 'bb', 'also dropped', 'ccc']);
  list.moveDown(2, 1);
  list.moveDown(4, 2);
  list.truncate(3);
  assert.deepEqual(list.all(), ['a', 'bb', 'ccc'], 'a change drops the decoded strings');
  assert.ok(list.sameKey(2, 2) && !list.sameKey(1, 2));
  assert.equal(list.hashOf(2), hashWord('ccc'));
});

test('a list made from strings returns that same array and refuses changes', () => {
  const words = ['\uD800', 'b'];
  const list = WordList.fromStrings(words);
  assert.equal(list.all(), words);
  assert.equal(list.word(0), '\uD800', 'never decoded from its (non-UTF-8) key');
  assert.throws(() => list.pushString('c'));
});
