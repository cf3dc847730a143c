import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadVectors } from '../../src/io/vectors-io.js';

const distRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs `embedkit vectors train …` in a child process through a `vectors` group of its own, so
 * the test depends only on this command and the CLI shell, not on the rest of the group.
 */
function runTrainCommand(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const script = `
    import { Command } from 'commander';
    import { runCli } from ${JSON.stringify(join(distRoot, 'src/cli/run.js'))};
    import { registerVectorsTrain } from ${JSON.stringify(join(distRoot, 'src/cli/commands/vectors-train.js'))};
    const program = new Command('embedkit');
    registerVectorsTrain(program.command('vectors'));
    await runCli(program, process.argv);
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script, 'embedkit', 'vectors', 'train', ...args], {
    encoding: 'utf8',
    cwd: distRoot,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

test('vectors train writes a vector file that loads back, and --json reports the run', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'embedkit-w2v-cli-'));
  try {
    const corpus = join(dir, 'corpus.txt');
    const lines: string[] = [];
    for (let i = 0; i < 300; i++) lines.push(i % 2 ? 'the cat sat on the mat' : 'a dog ran in the park');
    await writeFile(corpus, lines.join('\n') + '\n');
    for (const [out, format] of [['v.bin', 'word2vec-bin'], ['v.txt', 'word2vec-text']] as const) {
      const path = join(dir, out);
      const run = runTrainCommand([corpus, '--out', path, '--algo', 'sg', '--dim', '8', '--epochs', '2', '--min-count', '2', '--json']);
      assert.equal(run.status, 0, run.stderr);
      const report = JSON.parse(run.stdout) as { out: string; words: number; dim: number; epochs: number; history: unknown[]; wordsPerSec: number };
      assert.equal(report.out, path);
      assert.equal(report.words, 10);
      assert.equal(report.dim, 8);
      assert.equal(report.history.length, 2);
      assert.ok(report.wordsPerSec > 0);
      const loaded = await loadVectors(path);
      assert.equal(loaded.format, format);
      assert.equal(loaded.vectors.size, 10);
      assert.equal(loaded.vectors.dim, 8);
      for (const value of loaded.vectors.vector('the')) assert.ok(Number.isFinite(value) && value !== 0);
    }
    // A saved vocabulary is reused as is by a second run (CBOW, hierarchical softmax only).
    const vocabFile = join(dir, 'vocab.json');
    const counted = runTrainCommand([corpus, '--out', join(dir, 'a.vec'), '--min-count', '2', '--epochs', '1', '--save-vocab', vocabFile]);
    assert.equal(counted.status, 0, counted.stderr);
    const reused = runTrainCommand([corpus, '--out', join(dir, 'b.vec'), '--vocab', vocabFile, '--hs', '--negative', '0', '--epochs', '1']);
    assert.equal(reused.status, 0, reused.stderr);
    const [first, second] = [await loadVectors(join(dir, 'a.vec')), await loadVectors(join(dir, 'b.vec'))];
    assert.deepEqual(second.vectors.words, first.vectors.words);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('vectors train rejects unknown algorithms and unknown extensions, in one line', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'embedkit-w2v-cli-'));
  try {
    const corpus = join(dir, 'corpus.txt');
    await writeFile(corpus, 'a b c\n');
    const unknown = runTrainCommand([corpus, '--out', join(dir, 'v.txt'), '--algo', 'lda']);
    assert.equal(unknown.status, 1);
    assert.match(unknown.stderr, /--algo must be sg, cbow/);
    assert.equal(unknown.stderr.trim().split('\n').length, 1);
    const extension = runTrainCommand([corpus, '--out', join(dir, 'v.xyz')]);
    assert.equal(extension.status, 1);
    assert.match(extension.stderr, /extension/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
