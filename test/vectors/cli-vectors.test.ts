import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embedkit } from '../helpers/cli.js';
import { loadVectors, saveVectors } from '../../src/io/vectors-io.js';
import { KeyedVectors } from '../../src/vectors/keyed-vectors.js';

const dir = mkdtempSync(join(tmpdir(), 'embedkit-cli-vectors-'));
const file = join(dir, 'toy.bin');
after(() => rmSync(dir, { recursive: true, force: true }));

/** a=(1,0,0) b=(1,1,0) c=(0,1,0) d=(0,0,2) e=(-1,0,0): cosines known by hand. */
const toy = new KeyedVectors(['a', 'b', 'c', 'd', 'e'], Float32Array.of(1, 0, 0, 1, 1, 0, 0, 1, 0, 0, 0, 2, -1, 0, 0), 3);
before(async () => {
  await saveVectors(toy, file);
});

function json(args: string[]): unknown {
  const result = embedkit(args);
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout);
}

test('similar --json: one object for one word, an array for several', () => {
  const one = json(['vectors', 'similar', file, 'a', '-k', '2', '--json']) as { word: string; neighbours: { word: string; similarity: number }[] };
  assert.equal(one.word, 'a');
  assert.deepEqual(one.neighbours.map((n) => n.word), ['b', 'c']);
  assert.ok(Math.abs(one.neighbours[0].similarity - Math.SQRT1_2) < 1e-6);
  const several = json(['vectors', 'similar', file, 'a', 'd', '-k', '1', '--json']) as { word: string }[];
  assert.deepEqual(several.map((r) => r.word), ['a', 'd']);
});

test('similar prints a readable table', () => {
  const result = embedkit(['vectors', 'similar', file, 'a', '-k', '2']);
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^a\n\s+1\s+b\s+0\.70711\n\s+2\s+c\s+0\.00000\n$/);
});

test('analogy: 3CosAdd by default, 3CosMul with --cosmul', () => {
  const add = json(['vectors', 'analogy', file, 'a', 'b', 'c', '-k', '1', '--json']) as Record<string, unknown>;
  assert.equal(add.word, 'a:b::c:?');
  assert.equal(add.method, '3CosAdd');
  assert.deepEqual(add.neighbours, [{ word: 'e', similarity: Number(((1 - Math.SQRT1_2) / Math.sqrt(3)).toFixed(6)) }]);
  const mul = json(['vectors', 'analogy', file, 'a', 'b', 'c', '--cosmul', '-k', '1', '--json']) as Record<string, unknown>;
  assert.equal(mul.method, '3CosMul');
  assert.equal((mul.neighbours as { word: string }[])[0].word, 'e');
});

test('info and convert', async () => {
  const info = json(['vectors', 'info', file, '--json']) as Record<string, unknown>;
  assert.deepEqual([info.format, info.words, info.dim], ['word2vec-bin', 5, 3]);
  assert.equal(typeof info.fileBytes, 'number');
  const out = join(dir, 'toy.glove');
  const converted = json(['vectors', 'convert', file, out, '--to', 'glove', '--limit', '3', '--json']) as Record<string, unknown>;
  assert.deepEqual([converted.format, converted.words], ['glove', 3]);
  const reread = await loadVectors(out);
  assert.equal(reread.format, 'glove');
  assert.deepEqual(reread.vectors.words, ['a', 'b', 'c']);
  assert.deepEqual(reread.vectors.vectors, toy.vectors.subarray(0, 9));
});

test('an unknown word (or one past --limit) is one line on stderr naming it, exit 1', () => {
  for (const args of [['zebra'], ['d', '--limit', '2']]) {
    const result = embedkit(['vectors', 'similar', file, ...args]);
    assert.equal(result.status, 1);
    assert.equal(result.stdout, '');
    const word = args[0];
    assert.match(result.stderr, new RegExp(`^embedkit: .*unknown word "${word}".*\\n$`));
  }
  const missingFile = embedkit(['vectors', 'info', join(dir, 'nope.bin')]);
  assert.equal(missingFile.status, 1);
  assert.match(missingFile.stderr, /nope\.bin/);
});
