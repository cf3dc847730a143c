/**
 * Child process of runFastText (fasttext.ts): trains fastText's supervised classifier on job.trainFile, times
 * the training alone, counts correct predictions on job.testFile and writes {seconds, correct} (or {error}) to
 * job.resultFile. Its stdout is discarded: the native binding prints there.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { FastTextJob } from './fasttext.js';

async function main(): Promise<void> {
  const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as FastTextJob;
  let fasttext: typeof import('fasttext');
  try {
    // A CommonJS module whose exports come from a native binding: Node exposes them only as `default`.
    const module = (await import('fasttext')) as typeof import('fasttext') & { default?: typeof import('fasttext') };
    fasttext = module.default ?? module;
  } catch (error) {
    writeFileSync(job.resultFile, JSON.stringify({ error: `npm fasttext is not installed or did not build: ${(error as Error).message}` }));
    return;
  }
  const classifier = new fasttext.Classifier();
  const { dim, epoch, lr, wordNgrams, thread } = job.options;
  const start = performance.now();
  await classifier.train('supervised', {
    input: job.trainFile,
    output: job.modelPrefix,
    dim,
    epoch,
    lr,
    wordNgrams,
    minCount: 1,
    thread,
    verbose: 0,
  } as import('fasttext').Options);
  const seconds = (performance.now() - start) / 1000;
  await classifier.loadModel(`${job.modelPrefix}.bin`);
  let correct = 0;
  for (const line of readFileSync(job.testFile, 'utf8').split('\n')) {
    if (!line) continue;
    const space = line.indexOf(' ');
    const [best] = await classifier.predict(line.slice(space + 1), 1);
    if (best && best.label === line.slice(0, space)) correct++;
  }
  writeFileSync(job.resultFile, JSON.stringify({ seconds, correct }));
}

main().catch((error) => {
  process.stderr.write(`fasttext-run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
