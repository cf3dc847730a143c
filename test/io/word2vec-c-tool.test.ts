import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadVectors } from '../../src/io/vectors-io.js';
import { Random } from '../../src/util/random.js';

/** The original C word2vec, built by the npm `word2vec` package (a dev dependency). */
const projectRoot = resolve(import.meta.dirname, '..', '..', '..');
const tool = join(projectRoot, 'node_modules', 'word2vec', 'src', 'word2vec');
const missing = existsSync(tool) ? false : `the C word2vec tool is not built at ${tool}`;

const dir = mkdtempSync(join(tmpdir(), 'embedkit-c-word2vec-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A few thousand words from two topics, so training has something to find. */
function writeCorpus(path: string): void {
  const random = new Random(4);
  const topics = [
    ['cat', 'dog', 'pet', 'fur', 'paw', 'tail', 'bark', 'meow'],
    ['stock', 'bond', 'bank', 'loan', 'rate', 'fund', 'debt', 'cash'],
  ];
  const lines: string[] = [];
  for (let sentence = 0; sentence < 400; sentence++) {
    const topic = topics[sentence % 2];
    const words = Array.from({ length: 8 }, () => topic[random.int(topic.length)]);
    lines.push(words.join(' '));
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

function train(corpus: string, output: string, binary: 0 | 1): void {
  const args = ['-train', corpus, '-output', output, '-size', '12', '-window', '3', '-sample', '0', '-negative', '3', '-hs', '0',
    '-cbow', '1', '-iter', '2', '-min-count', '1', '-threads', '1', '-binary', String(binary)];
  const result = spawnSync(tool, args, { encoding: 'utf8', timeout: 30000 });
  assert.equal(result.status, 0, result.stderr || result.stdout);
}

test('C word2vec: -binary 1 and -binary 0 outputs load to the same vectors', { skip: missing }, async () => {
  const corpus = join(dir, 'corpus.txt');
  writeCorpus(corpus);
  const binaryFile = join(dir, 'vectors.bin');
  const textFile = join(dir, 'vectors.txt');
  train(corpus, binaryFile, 1);
  train(corpus, textFile, 0);

  const binary = await loadVectors(binaryFile);
  const text = await loadVectors(textFile);
  assert.equal(binary.format, 'word2vec-bin');
  assert.equal(text.format, 'word2vec-text');
  assert.equal(binary.vectors.words[0], '</s>');
  assert.deepEqual(binary.vectors.words, text.vectors.words);
  assert.equal(binary.vectors.size, 17);
  // The C tool's binary has a '\n' after every vector: header + Σ (word + space + 12 floats + newline).
  const header = `${binary.vectors.size} 12\n`.length;
  const records = binary.vectors.words.reduce((sum, word) => sum + Buffer.byteLength(word) + 1 + 48 + 1, 0);
  assert.equal(statSync(binaryFile).size, header + records);
  // Text is printed with "%lf" (6 decimals): equal up to that rounding.
  let largest = 0;
  for (let i = 0; i < binary.vectors.vectors.length; i++) {
    largest = Math.max(largest, Math.abs(binary.vectors.vectors[i] - text.vectors.vectors[i]));
  }
  assert.ok(largest <= 5.1e-7, `largest difference ${largest}`);
  assert.ok(readFileSync(textFile, 'latin1').split('\n')[1].endsWith(' '), 'the C tool ends text lines with a space');
  // Sanity: training separated the two topics.
  assert.ok(binary.vectors.similarity('cat', 'dog') > binary.vectors.similarity('cat', 'bank'));
});
