import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IdData, PeerResult, TfjsRunOptions } from './tfjs.js';

/** What tfjs-run.ts is given (its job.json). */
export interface TfjsJob {
  backend: 'cpu' | 'wasm';
  trainX: string;
  trainY: string;
  testX: string;
  testY: string;
  trainRows: number;
  testRows: number;
  cols: number;
  options: Omit<TfjsRunOptions, 'onProgress'>;
  resultFile: string;
  progressFile: string;
}

const RUNNER = fileURLToPath(new URL('./tfjs-run.js', import.meta.url));
/** Loading tfjs and its backend, before training starts. */
const SETUP_SECONDS = 120;

/**
 * runTfjs in a child process, stopped after `maxSeconds` of training even inside a step: on the CPU backend
 * one step of this model takes minutes (its Embedding gradient is computed densely, one vocabulary row at a
 * time). Stopped before its first step ended, the run reports an upper bound on its rate: one batch in
 * longer than the time it had.
 */
export async function runTfjsInChild(
  backend: 'cpu' | 'wasm',
  train: IdData,
  trainY: Float32Array,
  test: IdData,
  testY: Float32Array,
  options: Omit<TfjsRunOptions, 'onProgress'>,
): Promise<PeerResult> {
  const dir = mkdtempSync(join(tmpdir(), 'embedkit-tfjs-'));
  try {
    const job: TfjsJob = {
      backend,
      trainX: join(dir, 'train-x.bin'),
      trainY: join(dir, 'train-y.bin'),
      testX: join(dir, 'test-x.bin'),
      testY: join(dir, 'test-y.bin'),
      trainRows: train.rows,
      testRows: test.rows,
      cols: train.cols,
      options,
      resultFile: join(dir, 'result.json'),
      progressFile: join(dir, 'progress.json'),
    };
    const bytes = (a: Int32Array | Float32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    writeFileSync(job.trainX, bytes(train.data));
    writeFileSync(job.trainY, bytes(trainY));
    writeFileSync(job.testX, bytes(test.data));
    writeFileSync(job.testY, bytes(testY));
    const jobFile = join(dir, 'job.json');
    writeFileSync(jobFile, JSON.stringify(job));
    const { stderr, stopped, trainingSeconds } = await runWithDeadline(jobFile, job.progressFile, options.maxSeconds);
    if (!stopped && existsSync(job.resultFile)) return JSON.parse(readFileSync(job.resultFile, 'utf8')) as PeerResult;
    if (!existsSync(job.progressFile)) {
      return { error: `tfjs ${backend} did not start training${stderr ? `: ${stderr.trim().split('\n').pop()}` : ''}` };
    }
    const progress = readProgress(job.progressFile);
    if (progress.samples > 0) {
      return {
        samplesPerSec: progress.samples / progress.seconds,
        seconds: progress.seconds,
        note: `bounded run: ${progress.samples} samples (${(progress.samples / train.rows).toFixed(4)} epochs) in ${progress.seconds.toFixed(1)} s, stopped inside the next step; accuracy after the full ${options.epochs} epochs not measured`,
      };
    }
    const seconds = trainingSeconds ?? options.maxSeconds;
    return {
      samplesPerSec: options.batchSize / seconds,
      seconds,
      upperBound: true,
      note: `bounded run: its first step (${options.batchSize} samples) had not finished after ${seconds.toFixed(0)} s of training, so this rate is an upper bound; accuracy not measured`,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The last progress the child wrote; a file cut short by the kill counts as no batch done. */
function readProgress(file: string): { samples: number; seconds: number } {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { samples: number; seconds: number };
  } catch {
    return { samples: 0, seconds: 0 };
  }
}

/** Runs the child; kills it `maxSeconds` after it reported the start of training (or when setup takes too long). */
function runWithDeadline(
  jobFile: string,
  progressFile: string,
  maxSeconds: number,
): Promise<{ stderr: string; stopped: boolean; trainingSeconds?: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [RUNNER, jobFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let stopped = false;
    let trainingSeconds: number | undefined;
    const spawnedAt = performance.now();
    let trainingStartedAt: number | undefined;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setInterval(() => {
      const now = performance.now();
      if (trainingStartedAt === undefined && existsSync(progressFile)) trainingStartedAt = now;
      const overdue =
        trainingStartedAt === undefined ? now - spawnedAt > SETUP_SECONDS * 1000 : now - trainingStartedAt > maxSeconds * 1000;
      if (overdue && !stopped) {
        stopped = true;
        if (trainingStartedAt !== undefined) trainingSeconds = (now - trainingStartedAt) / 1000;
        child.kill('SIGKILL');
      }
    }, 250);
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('close', () => {
      clearInterval(timer);
      resolve({ stderr, stopped, trainingSeconds });
    });
  });
}
