import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fastTextHash } from '../../src/algorithms/fasttext/hash.js';
import { buildSubwordTable, characterNgrams, subwordRows, type SubwordScheme } from '../../src/algorithms/fasttext/subwords.js';

/** Plain FNV-1a (bytes zero-extended), to show where fastText's signed-char variant departs from it. */
function plainFnv1a(text: string): number {
  let hash = 2166136261;
  for (const byte of Buffer.from(text, 'utf8')) hash = Math.imul(hash ^ byte, 16777619) >>> 0;
  return hash;
}

test('fastTextHash on ASCII equals the published 32-bit FNV-1a values', () => {
  assert.equal(fastTextHash(''), 0x811c9dc5);
  assert.equal(fastTextHash('a'), 0xe40c292c);
  assert.equal(fastTextHash('foobar'), 0xbf9cf968);
  assert.equal(fastTextHash('<wh'), 0x3e79c4e4);
});

test('fastTextHash sign-extends bytes >= 0x80 as fastText does (values derived by hand from its definition)', () => {
  // é = C3 A9: h = ((2166136261 ^ 0xFFFFFFC3) · p) ^ 0xFFFFFFA9) · p mod 2^32, p = 16777619.
  assert.equal(fastTextHash('é'), 0x3cfa68c1);
  assert.equal(fastTextHash('中'), 0xea46dcf4);
  assert.equal(fastTextHash('<中文>'), 0xdf242753);
  assert.equal(fastTextHash('😀'), 0x2400ca08);
  assert.notEqual(fastTextHash('é'), plainFnv1a('é'));
  assert.equal(fastTextHash(Buffer.from('中', 'utf8')), fastTextHash('中'));
});

test('character n-grams of an ASCII word follow fastText: by start, then length, with < and >', () => {
  assert.deepEqual(characterNgrams('where', 3, 3), ['<wh', 'whe', 'her', 'ere', 're>']);
  assert.deepEqual(characterNgrams('ab', 3, 6), ['<ab', '<ab>', 'ab>']);
  // A lone < or > is never a 1-gram; the inner characters are.
  assert.deepEqual(characterNgrams('ab', 1, 1), ['a', 'b']);
  assert.deepEqual(characterNgrams('', 1, 6), ['<>']);
  assert.deepEqual(characterNgrams('abc', 4, 4), ['<abc', 'abc>']);
});

test('n-grams count UTF-8 characters, never splitting a multi-byte character', () => {
  assert.deepEqual(characterNgrams('中文', 1, 2), ['<中', '中', '中文', '文', '文>']);
  assert.deepEqual(characterNgrams('中文字', 2, 3), ['<中', '<中文', '中文', '中文字', '文字', '文字>', '字>']);
  // An emoji is one 4-byte character.
  assert.deepEqual(characterNgrams('a😀', 2, 2), ['<a', 'a😀', '😀>']);
  assert.deepEqual(characterNgrams('café', 4, 4), ['<caf', 'café', 'afé>']);
});

test('repeated n-grams are kept, as fastText averages over the list with repeats', () => {
  assert.deepEqual(characterNgrams('aaaa', 2, 2), ['<a', 'aa', 'aa', 'aa', 'a>']);
});

test('n-gram rows are nwords + hash mod bucket; known words get their own row first', () => {
  const scheme: SubwordScheme = { nwords: 7, bucket: 100, minn: 3, maxn: 3 };
  const expected = ['<wh', 'whe', 'her', 'ere', 're>'].map((gram) => 7 + (fastTextHash(gram) % 100));
  assert.deepEqual(Array.from(subwordRows('where', -1, scheme)), expected);
  assert.deepEqual(Array.from(subwordRows('where', 3, scheme)), [3, ...expected]);
  assert.equal(expected[0], 7 + 52); // 0x3e79c4e4 mod 100 = 52
  assert.deepEqual(Array.from(subwordRows('where', 3, { ...scheme, maxn: 0 })), [3]);
  assert.deepEqual(Array.from(subwordRows('</s>', 2, scheme)), [2], 'fastText gives </s> no n-grams');
});

test('a pruned scheme maps buckets through the prune index and drops the others', () => {
  const scheme: SubwordScheme = { nwords: 2, bucket: 100, minn: 3, maxn: 3 };
  const full = Array.from(subwordRows('where', -1, scheme)).map((row) => row - 2);
  const prune = new Map([[full[1], 0], [full[3], 1]]);
  assert.deepEqual(Array.from(subwordRows('where', -1, { ...scheme, pruneIndex: prune })), [2, 3]);
  assert.deepEqual(Array.from(subwordRows('where', -1, { ...scheme, pruneIndex: new Map() })), []);
});

test('the subword table packs every word as CSR rows', () => {
  const scheme: SubwordScheme = { nwords: 2, bucket: 50, minn: 2, maxn: 3 };
  const table = buildSubwordTable(['ab', 'xyz'], scheme);
  assert.equal(table.offsets[0], 0);
  assert.deepEqual(Array.from(table.rows.subarray(table.offsets[1], table.offsets[2])), Array.from(subwordRows('xyz', 1, scheme)));
  assert.equal(table.offsets[2], table.rows.length);
});
