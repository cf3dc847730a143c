import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeWordKey, MAX_KEY_BYTES_PER_UNIT } from '../../src/vectors/word-key.js';
import { Random } from '../../src/util/random.js';

function keyOf(word: string): Buffer {
  const key = Buffer.alloc(word.length * MAX_KEY_BYTES_PER_UNIT);
  return key.subarray(0, encodeWordKey(word, key, 0));
}

test('the key of a well-formed string is its UTF-8 encoding (random code points of every length)', () => {
  const random = new Random(3);
  const ranges = [
    [0x00, 0x7f],
    [0x80, 0x7ff],
    [0x800, 0xd7ff],
    [0xe000, 0xffff],
    [0x10000, 0x10ffff],
  ];
  for (let trial = 0; trial < 2000; trial++) {
    let word = '';
    const length = random.int(8);
    for (let i = 0; i < length; i++) {
      const [low, high] = ranges[random.int(ranges.length)];
      word += String.fromCodePoint(low + random.int(high - low + 1));
    }
    assert.deepEqual(keyOf(word), Buffer.from(word, 'utf8'), JSON.stringify(word));
  }
});

test('a lone surrogate keeps three bytes of its own (WTF-8), unlike UTF-8 which replaces it', () => {
  assert.deepEqual([...keyOf('\uD800')], [0xed, 0xa0, 0x80]);
  assert.deepEqual([...keyOf('\uDFFFa')], [0xed, 0xbf, 0xbf, 0x61]);
  assert.deepEqual([...keyOf('\uDC00\uD800')], [0xed, 0xb0, 0x80, 0xed, 0xa0, 0x80], 'a low then a high surrogate is no pair');
  assert.deepEqual(keyOf('\uD83D\uDE00'), Buffer.from('😀', 'utf8'));
  assert.notDeepEqual(keyOf('\uD800'), keyOf('\uFFFD'));
});
