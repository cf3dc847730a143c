import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { registerVectorsPlot } from '../../src/cli/commands/plot.js';
import { saveVectors } from '../../src/io/vectors-io.js';
import { tinyStore } from '../server/tiny-store.js';

/** Runs `vectors plot …` in-process and returns what it printed. */
async function plot(args: string[]): Promise<string> {
  const program = new Command('embedkit').exitOverride();
  registerVectorsPlot(program.command('vectors'));
  const printed: string[] = [];
  const write = process.stdout.write;
  process.stdout.write = ((chunk: string) => {
    printed.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    await program.parseAsync(['node', 'embedkit', 'vectors', 'plot', ...args]);
  } finally {
    process.stdout.write = write;
  }
  return printed.join('');
}

test('vectors plot: a neighbourhood by PCA as SVG, with --json points and explained variance', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'embedkit-plot-'));
  try {
    const file = join(dir, 'tiny.txt');
    await saveVectors(tinyStore(), file);
    const out = join(dir, 'cat.svg');
    const result = JSON.parse(await plot([file, '--neighbours-of', 'cat', '-k', '5', '--clusters', '2', '--out', out, '--json']));
    assert.equal(result.format, 'svg');
    assert.equal(result.method, 'pca');
    assert.equal(result.points.length, 6);
    assert.equal(result.points[0].word, 'cat');
    assert.ok(result.points.every((p: { cluster: number }) => p.cluster === 0 || p.cluster === 1));
    assert.equal(result.explainedVarianceRatio.length, 2);
    const svg = await readFile(out, 'utf8');
    assert.equal(svg.match(/<circle /g)?.length, 6);
    assert.ok(svg.includes('Neighbours of cat'));

    const png = join(dir, 'words.png');
    const text = await plot([file, '--words', '猫', '狗', 'apple', 'king', '--method', 'umap', '--out', png]);
    assert.match(text, /wrote 4 words as png/);
    assert.equal((await readFile(png))[1], 0x50);

    await assert.rejects(plot([file, '--words', 'nope', '--out', join(dir, 'x.svg')]), /"nope" is not in the vocabulary/);
    await assert.rejects(plot([file, '--top', '5', '--method', 'tsne', '--out', join(dir, 'x.svg')]), /t-SNE is not available/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
