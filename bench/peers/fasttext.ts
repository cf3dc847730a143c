import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PeerResult } from './tfjs.js';

export interface FastTextOptions {
  dim?: number;
  epoch?: number;
  lr?: number;
  wordNgrams?: number;
  thread?: number;
}

/** What fasttext-run.ts is given (job.json) and answers (result.json). */
export interface FastTextJob {
  trainFile: string;
  testFile: string;
  modelPrefix: string;
  resultFile: string;
  options: Required<FastTextOptions>;
}

const RUNNER = fileURLToPath(new URL('./fasttext-run.js', import.meta.url));

/**
 * fastText's supervised classifier (the npm binding builds fastText itself), on the same tokens: each text is
 * given as its tokens joined by spaces, so both sides see the same words. It runs in a child process because
 * the native binding prints to stdout, which would break the bench's one-JSON-object output.
 */
export async function runFastText(
  trainTokens: string[][],
  trainLabels: string[],
  testTokens: string[][],
  testLabels: string[],
  options: FastTextOptions = {},
): Promise<PeerResult> {
  const dir = mkdtempSync(join(tmpdir(), 'embedkit-fasttext-'));
  try {
    const job: FastTextJob = {
      trainFile: join(dir, 'train.txt'),
      testFile: join(dir, 'test.txt'),
      modelPrefix: join(dir, 'model'),
      resultFile: join(dir, 'result.json'),
      options: { dim: options.dim ?? 100, epoch: options.epoch ?? 5, lr: options.lr ?? 0.1, wordNgrams: options.wordNgrams ?? 1, thread: options.thread ?? 1 },
    };
    const lines = (tokens: string[][], labels: string[]): string => tokens.map((t, i) => `__label__${labels[i]} ${t.join(' ')}`).join('\n') + '\n';
    writeFileSync(job.trainFile, lines(trainTokens, trainLabels));
    writeFileSync(job.testFile, lines(testTokens, testLabels));
    const jobFile = join(dir, 'job.json');
    writeFileSync(jobFile, JSON.stringify(job));
    const stderr = await runChild(jobFile);
    let result: { seconds: number; correct: number } | { error: string };
    try {
      result = JSON.parse(readFileSync(job.resultFile, 'utf8'));
    } catch {
      return { error: `the fastText run gave no result${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}` };
    }
    if ('error' in result) return { error: result.error };
    const o = job.options;
    return {
      samplesPerSec: (trainTokens.length * o.epoch) / result.seconds,
      accuracy: result.correct / testTokens.length,
      seconds: result.seconds,
      note: `fastText supervised, dim ${o.dim}, ${o.epoch} epochs, lr ${o.lr}, wordNgrams ${o.wordNgrams}, ${o.thread} thread(s); time includes its file reading and dictionary pass`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function runChild(jobFile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUNNER, jobFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', () => resolve(stderr));
  });
}
