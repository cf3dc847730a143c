/**
 * Child process of runTfjsInChild (tfjs-child.ts): trains the tfjs model of runTfjs on the job's data and
 * writes the result to job.resultFile. After each batch it rewrites job.progressFile with the samples done
 * and the seconds spent, so the parent can still report a rate (or a bound on it) when it has to stop a
 * run whose single step outlasts the time allowed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { runTfjs, type IdData } from './tfjs.js';
import type { TfjsJob } from './tfjs-child.js';

function readIds(file: string, rows: number, cols: number): IdData {
  const bytes = readFileSync(file);
  return { rows, cols, data: new Int32Array(bytes.buffer, bytes.byteOffset, rows * cols) };
}

function readFloats(file: string, length: number): Float32Array {
  const bytes = readFileSync(file);
  return new Float32Array(bytes.buffer, bytes.byteOffset, length);
}

async function main(): Promise<void> {
  const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as TfjsJob;
  const train = readIds(job.trainX, job.trainRows, job.cols);
  const test = readIds(job.testX, job.testRows, job.cols);
  const result = await runTfjs(job.backend, train, readFloats(job.trainY, job.trainRows), test, readFloats(job.testY, job.testRows), {
    ...job.options,
    onProgress: (samples, seconds) => writeFileSync(job.progressFile, JSON.stringify({ samples, seconds })),
  });
  writeFileSync(job.resultFile, JSON.stringify(result));
}

main().catch((error) => {
  process.stderr.write(`tfjs-run: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
