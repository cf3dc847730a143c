import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PeerResult } from './tfjs.js';

export interface FastTextOptions {
  dim?: number;
  epoch?: number;
  lr?: number;
  wordNgrams?: number;
  thread?: number;
}

/**
 * fastText's supervised classifier (the npm binding builds fastText itself), on the same tokens: each text is
 * given as its tokens joined by spaces, so both sides see the same words.
 */
export async function runFastText(
  trainTokens: string[][],
  trainLabels: string[],
  testTokens: string[][],
  testLabels: string[],
  options: FastTextOptions = {},
): Promise<PeerResult> {
  let fasttext: typeof import('fasttext');
  try {
    fasttext = await import('fasttext');
  } catch (error) {
    return { error: `npm fasttext is not installed or did not build: ${(error as Error).message}` };
  }
  const dir = mkdtempSync(join(tmpdir(), 'embedkit-fasttext-'));
  try {
    const input = join(dir, 'train.txt');
    writeFileSync(input, trainTokens.map((t, i) => `__label__${trainLabels[i]} ${t.join(' ')}`).join('\n') + '\n');
    const classifier = new fasttext.Classifier();
    const epoch = options.epoch ?? 5;
    const start = performance.now();
    await classifier.train('supervised', {
      input,
      output: join(dir, 'model'),
      dim: options.dim ?? 100,
      epoch,
      lr: options.lr ?? 0.1,
      wordNgrams: options.wordNgrams ?? 1,
      minCount: 1,
      thread: options.thread ?? 1,
      verbose: 0,
    } as import('fasttext').Options);
    const seconds = (performance.now() - start) / 1000;
    await classifier.loadModel(join(dir, 'model.bin'));
    let correct = 0;
    for (let i = 0; i < testTokens.length; i++) {
      const [best] = await classifier.predict(testTokens[i].join(' '), 1);
      if (best && best.label.replace(/^__label__/, '') === testLabels[i]) correct++;
    }
    return {
      samplesPerSec: (trainTokens.length * epoch) / seconds,
      accuracy: correct / testTokens.length,
      seconds,
      note: `fastText supervised, dim ${options.dim ?? 100}, ${epoch} epochs, lr ${options.lr ?? 0.1}, ${options.thread ?? 1} thread(s); time includes its file reading and dictionary pass`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
