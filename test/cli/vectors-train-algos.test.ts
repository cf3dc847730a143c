import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { embedkit } from '../helpers/cli.js';
import { Random } from '../../src/util/random.js';

const dir = mkdtempSync(join(tmpdir(), 'embedkit-cli-algos-'));
const corpus = join(dir, 'corpus.txt');
const rng = new Random(3);
const groups = [['cat', 'dog', 'horse', 'cow'], ['red', 'green', 'blue', 'yellow'], ['run', 'walk', 'jump', 'swim']];
const lines: string[] = [];
for (let i = 0; i < 600; i++) {
  const g = groups[rng.int(3)];
  lines.push(Array.from({ length: 8 }, () => g[rng.int(4)]).join(' '));
}
writeFileSync(corpus, lines.join('\n') + '\n');

test('vectors train --algo glove writes vectors that load back and a cost plot', () => {
  const out = join(dir, 'glove.txt');
  const plot = join(dir, 'glove.svg');
  const result = embedkit(['vectors', 'train', corpus, '--out', out, '--algo', 'glove', '--dim', '8', '--epochs', '5', '--min-count', '1', '--threads', '1', '--plot', plot, '--json']);
  assert.equal(result.status, 0, result.stderr);
  const summary = JSON.parse(result.stdout);
  assert.equal(summary.algo, 'glove');
  assert.equal(summary.words, 12);
  assert.equal(summary.history.length, 5);
  assert.ok(existsSync(plot));
  const similar = embedkit(['vectors', 'similar', out, 'cat', '-k', '3', '--json']);
  assert.equal(similar.status, 0, similar.stderr);
});

test('vectors train --algo fasttext saves a fastText .bin whose unseen words get vectors', () => {
  const out = join(dir, 'sub.bin');
  const result = embedkit(['vectors', 'train', corpus, '--out', out, '--algo', 'fasttext', '--dim', '8', '--epochs', '3', '--min-count', '1', '--bucket', '1000', '--threads', '1', '--json']);
  assert.equal(result.status, 0, result.stderr);
  assert.equal(JSON.parse(result.stdout).format, 'fasttext-bin');
  const info = embedkit(['vectors', 'info', out, '--json']);
  assert.equal(JSON.parse(info.stdout).format, 'fasttext-bin');
  const unseen = embedkit(['vectors', 'similar', out, 'cats', '-k', '2', '--json']);
  assert.equal(unseen.status, 0, unseen.stderr);
  assert.equal(JSON.parse(unseen.stdout).neighbours.length, 2);
  const bad = embedkit(['vectors', 'train', corpus, '--out', join(dir, 'x.bin'), '--algo', 'nope']);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /--algo must be sg, cbow, glove or fasttext/);
});
